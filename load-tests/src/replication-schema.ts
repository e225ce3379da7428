// The replicated variant's own figures in results.json (absent for the other variants). Each comes from the
// nodes' /healthz (sampled during the run) or from the shoppers' records; what was not measured is null.
import { z } from 'zod';

const count = z.number().int().nonnegative();
const ms = z.number().nonnegative();

const joinSchema = z.object({
  node: z.string(),
  /** The peer the snapshot came from. */
  from: z.string(),
  /** Snapshot request to merged, ms. */
  ms,
  records: count,
  bytes: count,
  /** First second (since load start) in which the node answered a shopper; null if it never did. */
  firstServedMs: ms.nullable(),
});

export const replicationSchema = z.object({
  mode: z.enum(['sync', 'async']),
  /** Bytes all nodes sent to peers during the run (request bodies), summed over nodes' last samples. */
  bytesSent: count,
  messagesSent: count,
  /** bytesSent / requests the shoppers sent; null when nothing was sent. */
  bytesPerRequest: z.number().nonnegative().nullable(),
  /** async: REPLICATION_INTERVAL_MS; null for sync. */
  intervalMs: ms.nullable(),
  /** async: the oldest queued change seen in any /healthz sample, ms; null for sync or without samples. */
  maxLagMs: ms.nullable(),
  /** Nodes that joined during the run (scale-out, restart): their snapshot. */
  joins: z.array(joinSchema),
  /** Shop answers 409 SHOP_ERR_REPLICATION_CONFLICT: a stale write refused by the conflict rule (freeze-node). */
  conflicts: count,
  /** Shop answers 503 SHOP_ERR_REPLICATION_INDETERMINATE: stored on one node, not confirmed by enough peers. */
  indeterminate: count,
  /** async kill-node: the window (interval + largest lag seen), the add units acknowledged by the killed node
   *  and sent within that window before the kill, and the units the checker found lost. */
  killWindow: z.object({ windowMs: ms, ackedInWindow: count, itemsLost: count, withinBound: z.boolean() }).nullable(),
});

export type ReplicationFigures = z.infer<typeof replicationSchema>;
export type JoinFigure = z.infer<typeof joinSchema>;
