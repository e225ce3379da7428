// results.json `cost.sessionMemory`: the session memory probe run after the read-back (src/cost/session-probe.ts,
// load-tests/README.md "Memory per session"). A figure that was not measured is null, never 0.
import { z } from 'zod';

const count = z.number().int().nonnegative();
const bytes = z.number().nullable();
/** Absent in results written before the probe read the heap (then `total` of a node variant came from RSS). */
const heap = <T extends z.ZodRawShape>(shape: T) => z.object(shape).optional();

export const sessionMemorySchema = z.object({
  /** The node the sessions were created on, straight to its port (not through the balancer). */
  node: z.string(),
  /** Sessions asked for (--session-probe). */
  requested: count,
  /** Sessions created: the delta of /healthz `sessions` (stateful, replicated), of the Redis keys `shop:sess:*`
   *  (stateless), or the 2xx answers when neither can be read. */
  created: count,
  countedBy: z.enum(['healthz', 'redis-keys', 'answers']),
  /** Why it stopped before `requested`: the node's refusal (SHOP_ERR_CAPACITY), an error, the time bound. */
  stoppedEarly: z.string().nullable(),
  durationMs: z.number().nonnegative(),
  /** Nodes other than `node` that hold a copy of every session (replicated; 0 otherwise). */
  peers: count,
  /** Steps the sessions were created in, each read with the heap after a full GC (absent in older results). */
  steps: count.optional(),
  /** Growth ÷ created, bytes; null when not measured (no such memory, too few sessions, a process gone).
   *  node: the probed node's RSS (stateful: where sessions live; stateless: the control, it keeps none);
   *  store: Redis used_memory (stateless); peerCopy: a peer's RSS per copy it received (replicated, mean over peers);
   *  heap: the live JS heap after a full GC, the median step's growth ÷ its sessions, of the node and (mean over
   *  peers) of a peer per copy; total: every copy, where the variant keeps them (stateless: store; stateful:
   *  heap.node; replicated: heap.node + each peer's heap per copy; before `heap` existed: the RSS figures). */
  bytesPerSession: z.object({
    node: bytes, store: bytes, peerCopy: bytes, total: bytes, heap: heap({ node: bytes, peerCopy: bytes }),
  }),
  /** The raw growth over the probe, bytes: the node's RSS, Redis used_memory, the peers' RSS summed; heap: the
   *  node's and the peers' (summed) live heap after a full GC. */
  growthBytes: z.object({ node: bytes, store: bytes, peers: bytes, heap: heap({ node: bytes, peers: bytes }) }),
});

export type SessionMemory = z.infer<typeof sessionMemorySchema>;
