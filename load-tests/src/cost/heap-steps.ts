// The probe's node figure: the live JS heap after a full GC, outside compiled code (the JIT grows it as it warms
// up, not per session), asked over IPC (cluster.nodeMemory), read before the sessions and after each of a few
// equal steps of them. The median step ÷ its sessions is the figure: a step where a store's hash tables doubled
// their capacity (a one-off step at 512, 1,024, 2,048... entries, ~100 KB per thousand entries) is not what each
// session holds, and the median of five steps leaves up to two such steps out.
import type { Cluster, NodeInfo } from '@stateshift/cluster';

/** Each node's heap after GC and sessions held at one checkpoint; null: not read (node gone, silent). */
export interface Checkpoint { heap: (number | null)[]; count: (number | null)[] }

/** Per node: the median over steps of Δheap ÷ Δsessions (null: no step measured), and the total Δheap. */
export interface HeapFigures { perSession: (number | null)[]; growth: (number | null)[]; steps: number }

/** A node that just answered a burst of requests still holds their sockets and parsers for a moment. */
const SETTLE_MS = 100;

export async function heapOf(cluster: Cluster, nodes: readonly NodeInfo[]): Promise<(number | null)[]> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const answers = await Promise.all(nodes.map((n) => cluster.nodeMemory(n.id)));
  return answers.map((m) => (m ? m.heapUsedAfterGc - m.codeAfterGc : null));
}

/** Steps with fewer new sessions than this are too small to read against the heap's own ±40 KB. */
const MIN_STEP_SESSIONS = 100;

export function heapFigures(points: readonly Checkpoint[], nodes: number): HeapFigures {
  const perSession: (number | null)[] = [];
  const growth: (number | null)[] = [];
  let steps = 0;
  for (let i = 0; i < nodes; i++) {
    const ratios: number[] = [];
    for (let s = 1; s < points.length; s++) {
      const [a, b] = [points[s - 1], points[s]];
      const dh = delta(a?.heap[i], b?.heap[i]);
      const dn = delta(a?.count[i], b?.count[i]);
      if (dh !== null && dn !== null && dn >= MIN_STEP_SESSIONS) ratios.push(dh / dn);
    }
    steps = Math.max(steps, ratios.length);
    perSession.push(ratios.length ? Math.round(median(ratios)) : null);
    growth.push(delta(points[0]?.heap[i], points.at(-1)?.heap[i]));
  }
  return { perSession, growth, steps };
}

const delta = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? null : b - a);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
