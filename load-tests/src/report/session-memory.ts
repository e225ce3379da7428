// The session memory probe in the report's cost section (results.json `cost.sessionMemory`): its rows, and the
// sentence that says what the figure is. Shown only for runs made since the probe exists (absent: no rows).
import type { Results, VariantResult } from '../results-schema.ts';
import type { SessionMemory } from '../session-memory-schema.ts';
import { formatBytes, formatCount, formatDuration, NA } from './format.ts';

type Row = [title: string, id: string, cell: (v: VariantResult) => string];

const COUNTED_BY = {
  healthz: '/healthz sessions', 'redis-keys': 'Redis session keys', answers: '2xx answers',
} as const;

function createdText(v: VariantResult): string {
  const m = v.cost?.sessionMemory;
  if (!m) return v.cost?.sessionMemory === null ? 'off' : NA;
  const stopped = m.stoppedEarly ? `; stopped: ${m.stoppedEarly}` : '';
  return `${formatCount(m.created)} of ${formatCount(m.requested)} on ${m.node} in ${formatDuration(m.durationMs)}` +
    ` (counted by ${COUNTED_BY[m.countedBy]})${stopped}`;
}

const bytes = (pick: (b: SessionMemory['bytesPerSession']) => number | null) =>
  (v: VariantResult) => formatBytes(v.cost?.sessionMemory ? pick(v.cost.sessionMemory.bytesPerSession) : null);

// The heap rows are n/a for runs from before the probe read the heap (their `total` came from RSS).
export const SESSION_MEMORY_ROWS: readonly Row[] = [
  ['Session probe: sessions created', 'probe:created', createdText],
  ['Memory per session: node heap after GC', 'perSession:nodeHeap', bytes((b) => b.heap?.node ?? null)],
  ['Memory per session: node RSS', 'perSession:node', bytes((b) => b.node)],
  ['Memory per session: store', 'perSession:store', bytes((b) => b.store)],
  ['Memory per session: each peer copy, heap after GC', 'perSession:peerCopyHeap',
    bytes((b) => b.heap?.peerCopy ?? null)],
  ['Memory per session: each peer copy, RSS', 'perSession:peerCopy', bytes((b) => b.peerCopy)],
  ['Memory per session: every copy', 'perSession:total', bytes((b) => b.total)],
];

/** True when some run carries the probe's result (null when it was off counts: the rows then say so). */
export const hasSessionMemory = (r: Results): boolean => r.variants.some((v) => v.cost?.sessionMemory !== undefined);

export const SESSION_MEMORY_NOTE = 'Memory per session is measured after the load and the cart read-back, on fresh ' +
  'sessions the probe creates on one live node (cookie-less POST /api/cart/items straight to its port, one cart line ' +
  'each), in five equal steps: the growth where the variant keeps sessions ÷ the sessions created. Nodes: the live ' +
  'JS heap after a full GC (compiled code left out), the median step, so a step where a hash table doubled does not ' +
  'count; two runs agree within a few percent. Node RSS, the second figure, is what the OS sees: it includes ' +
  'allocator slack and GC headroom and moves by about ±10 MB on its own. Redis used_memory is exact. ' +
  'Stateless nodes keep no sessions: their node figures are the control. Replicated: every peer holds a copy. ' +
  'Runs from before the heap was read have no heap figure; their "every copy" is RSS.';
