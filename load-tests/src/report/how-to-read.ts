// The fixed "how to read this" text: what each figure and chart means and how the checker computes it.
import { COST_FIGURES, KEY_FIGURES, SESSION_FIGURES } from './key-figures.ts';
import { STEADY_MIN_SHARE } from './figures.ts';

export type Explanation = { term: string; text: string };

export const HOW_TO_READ: readonly Explanation[] = [
  { term: 'The checker',
    text: 'Each shopper records which writes were acknowledged (2xx) and which are indeterminate (timeout, socket '
      + 'error, 502, 504). After the load stops and the cluster settles, every shopper reads its cart back once; a '
      + 'quantity is kept when it lies between acknowledged and acknowledged + indeterminate.' },
  { term: 'The end of the load',
    text: 'At --duration the shoppers stop sending and wait (up to --timeout) for the answers in flight; only then are '
      + 'carts read back. A fault-free run should show every cart intact and 0 indeterminate writes.' },
  { term: 'Windows',
    text: 'The steady window is every whole second of the load except the first (warm-up); a partial last second and '
      + 'the seconds of the final drain are never used. Steady state: the steady window before the fault. Peak p99 and '
      + 'throughput dip: the whole seconds of the steady window from the one holding the fault to 10 s after it (the '
      + 'whole steady window without a fault). Back to normal: whole seconds from the fault on.' },
  ...KEY_FIGURES.map((k) => ({ term: k.title, text: k.help })),
  ...COST_FIGURES.map((k) => ({ term: k.title, text: k.help })),
  ...SESSION_FIGURES.map((k) => ({ term: k.title, text: k.help })),
  { term: 'Background CPU',
    text: 'Share of the machine\'s CPU time (all cores, /proc/stat) during the load used by '
      + 'processes that are not the experiment\'s (balancer, nodes, Redis, generator). Above 10% '
      + 'the run carries a warning: req/s and latency then measure the machine as much as the shop; '
      + 'CPU µs per request moves less, but it moves too (compare variants within one run).' },
  { term: 'Repeats',
    text: 'With --repeat N each variant ran N times, interleaved (stateful, stateless, stateful, ...). Figures read '
      + '"median (min–max)" over the runs; charts and per-run tables show the run of median throughput.' },
  { term: 'Steady state',
    text: 'Over the steady window before the fault (the whole steady window without one): every second carries at '
      + `least ${STEADY_MIN_SHARE * 100}% of the median 2xx rate, and no request failed.` },
  { term: 'Back to normal',
    text: 'From the fault to the first second back at 90% of the '
      + 'pre-fault rate with no errors, as the experiment measured it.' },
  { term: 'Charts',
    text: 'One step per whole second of the load, on one time axis for both variants (the partial last second is not '
      + 'drawn). Vertical lines mark events (solid: the fault; dashed: the balancer\'s own verdicts and other events); '
      + 'the shading marks the phases before, during and after the fault.' },
  { term: 'n/a',
    text: 'Not measured, or not applicable (no fault, nothing failed, no response completed). Never a zero.' },
];
