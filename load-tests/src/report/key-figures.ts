// The key figures a report shows as tiles and tables and a comparison diffs: name, unit, which way is
// better, where the value comes from, and the fixed sentence that explains it.
import type { VariantResult } from '../results-schema.ts';
import type { FigureKind } from './format.ts';
import type { VariantFigures } from './figures.ts';

export type KeyFigure = {
  id: string; title: string; kind: FigureKind; better: 'lower' | 'higher'; help: string;
  value: (f: VariantFigures, v: VariantResult) => number | null | undefined;
  /** The figure's resolution (e.g. whole seconds): a comparison of single runs ignores changes within it. */
  step?: number;
};

export const KEY_FIGURES: readonly KeyFigure[] = [
  { id: 'cartsLost', title: 'Carts lost', kind: 'count', better: 'lower', value: (f) => f.cartsLost,
    help: 'Carts missing an acknowledged (2xx) item, or gone entirely, '
      + 'when each shopper read its cart back after the load.' },
  { id: 'itemsLost', title: 'Items lost', kind: 'count', better: 'lower', value: (f) => f.itemsLost,
    help: 'Acknowledged items missing at read-back; a quantity counts as kept '
      + 'when it lies between acknowledged and acknowledged + indeterminate.' },
  { id: 'unexpected', title: 'Unexpected items', kind: 'count', better: 'lower', value: (f) => f.unexpected,
    help: 'Items found in a cart that its shopper never added: a leak between sessions. Must always be 0.' },
  { id: 'failedRequests', title: 'Failed requests', kind: 'count', better: 'lower', value: (f) => f.failedRequests,
    help: 'Requests at or after the fault answered 5xx, or ended in a socket error or timeout.' },
  { id: 'timeToEjectMs', title: 'Time to eject', kind: 'duration', better: 'lower', value: (f) => f.timeToEjectMs,
    help: 'From the fault to the balancer marking the node down (its '
      + 'own admin event). n/a without a fault or when never ejected.' },
  { id: 'errorWindowMs', title: 'Error window', kind: 'duration', better: 'lower', value: (f) => f.errorWindowMs,
    help: 'First to last failed request at or after the fault. n/a when nothing failed.' },
  { id: 'peakP99Ms', title: 'Peak p99', kind: 'latency', better: 'lower', value: (f) => f.peakP99Ms,
    help: 'The highest per-second p99 latency over whole seconds from the second holding the fault to 10 s after it '
      + '(without a fault: every whole second but the first, warm-up one; never the partial last second). n/a when no '
      + 'such second completed a response.' },
  { id: 'throughputDip', title: 'Throughput dip', kind: 'pct', better: 'lower', value: (f) => f.throughputDip,
    help: 'How far the worst whole second from the second holding the fault to 10 s after it fell below the median 2xx '
      + 'rate of the whole seconds before the fault (warm-up second excluded). n/a without a fault.' },
  { id: 'rps', title: 'Throughput', kind: 'rps', better: 'higher', value: (_f, v) => v.totals.rps,
    help: 'Requests completed per second of load (answers that came back while the last requests drained count too). '
      + 'Moves with whatever else runs on the machine: see the background CPU share.' },
];

/** What each request cost each tier (results.json `cost`, load-tests/README.md "Cost per tier"). */
export const COST_FIGURES: readonly KeyFigure[] = [
  { id: 'cpuBalancer', title: 'CPU per request: balancer', kind: 'us', better: 'lower',
    value: (_f, v) => v.cost?.cpuUsPerRequest.balancer,
    help: 'CPU time (user + system, /proc/<pid>/stat) of the balancer over the load phase ÷ requests completed.' },
  { id: 'cpuNodes', title: 'CPU per request: nodes', kind: 'us', better: 'lower',
    value: (_f, v) => v.cost?.cpuUsPerRequest.nodes,
    help: 'CPU time of every shop node (killed ones up to their last '
      + 'sample, added ones from their start) ÷ requests completed.' },
  { id: 'cpuStore', title: 'CPU per request: store', kind: 'us', better: 'lower',
    value: (_f, v) => v.cost?.cpuUsPerRequest.store,
    help: 'CPU time of Redis ÷ requests completed. n/a for a variant without a store process.' },
  { id: 'cpuGenerator', title: 'CPU per request: generator', kind: 'us', better: 'lower',
    value: (_f, v) => v.cost?.cpuUsPerRequest.generator,
    help: 'CPU time of the load generator (the experiment process: '
      + 'autocannon, shoppers, bookkeeping) ÷ requests completed.' },
  { id: 'memNodes', title: 'Memory per cart: nodes', kind: 'bytes', better: 'lower',
    value: (_f, v) => v.cost?.memoryBytesPerCart.nodes,
    help: 'Growth of the nodes\' resident memory (RSS) over the load ÷ non-empty carts read back. Dominated by the '
      + 'nodes\' warm-up (JIT, heap) unless carts number in the thousands: read it against the stateless nodes, which '
      + 'hold no carts (load-tests/README.md).' },
  { id: 'memStore', title: 'Memory per cart: store', kind: 'bytes', better: 'lower',
    value: (_f, v) => v.cost?.memoryBytesPerCart.store,
    help: 'Growth of Redis used_memory over the load ÷ non-empty carts read back (sessions and carts). n/a without '
      + 'Redis or when Redis restarted.' },
];

/** The session memory probe (results.json `cost.sessionMemory`, load-tests/README.md "Memory per session"). */
export const SESSION_FIGURES: readonly KeyFigure[] = [
  { id: 'memSession', title: 'Memory per session', kind: 'bytes', better: 'lower',
    value: (_f, v) => v.cost?.sessionMemory?.bytesPerSession.total,
    help: 'Measured after the read-back on fresh sessions (one cart line each) created on one live node: the growth '
      + 'where the variant keeps them (stateful: the node\'s live JS heap after a full GC; stateless: Redis '
      + 'used_memory; replicated: the heap of the node and of every peer, all copies) ÷ sessions created. Runs from '
      + 'before the heap was read give node RSS here, allocator slack and GC headroom included. n/a '
      + 'when the probe was off (--session-probe 0), refused, or created too few sessions.' },
];

/** The sticky runs of restart-balancer and two-balancers (read from the balancers' GET /nodes at the end). */
export const AFFINITY_FIGURES: readonly KeyFigure[] = [
  { id: 'pinsNotKnown', title: 'Pins the balancer did not know', kind: 'count', better: 'lower',
    value: (_f, v) => v.affinity?.pinsNotKnown,
    help: 'table affinity: requests whose affinity cookie named a pin the answering '
      + 'balancer did not hold (it was restarted, or the other balancer issued it), '
      + 'each re-pinned at random. n/a for signed affinity, which holds no pins.' },
  { id: 'cookiesReplaced', title: 'Affinity cookies replaced', kind: 'count', better: 'lower',
    value: (_f, v) => v.affinity?.cookiesReplaced,
    help: 'Affinity cookies the balancer(s) ignored and replaced for '
      + 'any reason: unknown pin, malformed, forged or expired.' },
];

/** Figures a comparison adds to the key ones. */
export const COMPARE_FIGURES: readonly KeyFigure[] = [
  ...KEY_FIGURES,
  ...COST_FIGURES,
  ...SESSION_FIGURES,
  { id: 'p99', title: 'p99 latency (run)', kind: 'latency', better: 'lower', value: (_f, v) => v.totals.latency.p99,
    help: 'p99 latency over the whole run.' },
  { id: 'recoveryMs', title: 'Back to normal after', kind: 'duration', better: 'lower', value: (f) => f.recoveryMs,
    help: 'Fault to the first second back at 90% of the pre-fault rate with no errors.', step: 1000 },
  { id: 'lostUpdates', title: 'Lost updates (race)', kind: 'count', better: 'lower',
    value: (_f, v) => v.race?.lostUpdates,
    help: 'Acknowledged concurrent adds the cart does not hold.' },
  ...AFFINITY_FIGURES,
];

export const RACE_FIGURES: readonly KeyFigure[] = [
  { id: 'raceRequests', title: 'Concurrent adds', kind: 'count', better: 'higher', value: (_f, v) => v.race?.requests,
    help: 'Add-item requests sent in parallel for one shopper.' },
  { id: 'raceAcked', title: 'Acknowledged', kind: 'count', better: 'higher', value: (_f, v) => v.race?.acked,
    help: 'Of those, answered 2xx.' },
  { id: 'raceFinalQuantity', title: 'Final quantity', kind: 'count', better: 'higher',
    value: (_f, v) => v.race?.finalQuantity,
    help: 'The quantity the cart held when read back.' },
  { id: 'lostUpdates', title: 'Lost updates', kind: 'count', better: 'lower', value: (_f, v) => v.race?.lostUpdates,
    help: 'Acknowledged adds the cart does not hold (acknowledged minus final quantity, when positive).' },
];
