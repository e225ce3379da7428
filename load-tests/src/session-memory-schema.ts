// results.json `cost.sessionMemory`: the session memory probe run after the read-back (src/cost/session-probe.ts,
// load-tests/README.md "Memory per session"). A figure that was not measured is null, never 0.
import { z } from 'zod';

const count = z.number().int().nonnegative();
const bytes = z.number().nullable();

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
  /** Growth ÷ created, bytes; null when not measured (no such memory, too few sessions, a process gone).
   *  node: the probed node's RSS (stateful: where sessions live; stateless: the control, it keeps none);
   *  store: Redis used_memory (stateless); peerCopy: a peer's RSS per copy it received (replicated, mean over peers);
   *  total: every copy, where the variant keeps them (stateful: node; stateless: store; replicated: node + peers). */
  bytesPerSession: z.object({ node: bytes, store: bytes, peerCopy: bytes, total: bytes }),
  /** The raw growth over the probe, bytes: the node's RSS, Redis used_memory, the peers' RSS summed. */
  growthBytes: z.object({ node: bytes, store: bytes, peers: bytes }),
});

export type SessionMemory = z.infer<typeof sessionMemorySchema>;
