// The fixed "how to read this" text: what each figure and chart means and how the checker computes it.
import { KEY_FIGURES } from './key-figures.ts';
import { STEADY_MIN_SHARE } from './figures.ts';

export type Explanation = { term: string; text: string };

export const HOW_TO_READ: readonly Explanation[] = [
  { term: 'The checker', text: 'Each shopper records which writes were acknowledged (2xx) and which are indeterminate (timeout, socket error, 502, 504). After the load stops and the cluster settles, every shopper reads its cart back once; a quantity is kept when it lies between acknowledged and acknowledged + indeterminate.' },
  ...KEY_FIGURES.map((k) => ({ term: k.title, text: k.help })),
  { term: 'Steady state', text: `Before the fault (the whole run without one), skipping the first warm-up second: every whole second carries at least ${STEADY_MIN_SHARE * 100}% of the median 2xx rate, and no request failed.` },
  { term: 'Back to normal', text: 'From the fault to the first second back at 90% of the pre-fault rate with no errors, as the experiment measured it.' },
  { term: 'Charts', text: 'One step per second of the run, on one time axis for both variants. Vertical lines mark events (solid: the fault; dashed: the balancer\'s own verdicts and other events); the shading marks the phases before, during and after the fault.' },
  { term: 'n/a', text: 'Not measured, or not applicable (no fault, nothing failed, no response completed). Never a zero.' },
];
