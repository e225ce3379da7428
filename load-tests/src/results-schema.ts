// The shape of results.json: what an experiment measured, raw enough that every report figure can be
// re-derived and checked against it. A figure that was not measured is `null`, never a made-up 0.
import { z } from 'zod';
import { replicationSchema } from './replication-schema.ts';
import { sessionMemorySchema } from './session-memory-schema.ts';

export const VARIANTS = ['stateful', 'stateless', 'replicated'] as const;
export const STRATEGIES = ['round-robin', 'sticky', 'least-connections'] as const;
export const CART_STORES = ['memory', 'redis', 'session'] as const;
export const EVENT_TYPES = [
  'kill', 'freeze', 'thaw', 'stop', 'add', 'drain', 'undrain', 'remove',
  'redis-stop', 'redis-start', 'redis-restart',
  'balancer-restart', 'balancer-start', // the balancer killed and started again; a second balancer started
  'node-down', 'node-up', // the balancer's own verdicts, from its admin event stream
  'load-start', 'load-stop',
  // Redis HA (redis-failover, redis-freeze): our operations on its members, the primary at load start, and the
  // sentinels' own events from their pub/sub (the first sentinel to publish each one)
  'redis-kill', 'redis-freeze', 'redis-thaw', 'redis-primary',
  '+sdown', '-sdown', '+odown', '-odown', '+switch-master', '+convert-to-slave',
] as const;

const count = z.number().int().nonnegative();
const ms = z.number().nonnegative();
const nullableMs = ms.nullable();

export const latencySchema = z.object({
  p50: ms, p90: ms, p99: ms, max: ms,
  mean: ms.optional(),
});

export const errorClassesSchema = z.object({
  /** 4xx answers (the shopper's own mistakes, or a shop refusal such as 409). */
  http4xx: count,
  /** 5xx answers; byCode splits them by `x-lb-error` / shop error code, `other` when none was given. */
  http5xx: count,
  socket: count,
  timeout: count,
  byCode: z.record(z.string(), count),
});

export const timelineBucketSchema = z.object({
  /** Whole seconds since the variant's load started: this bucket covers [t, t+1). */
  t: z.number().int().nonnegative(),
  sent: count,
  ok: count,
  errors: errorClassesSchema,
  /** Latency of the responses completed in this second, ms; null when none completed. */
  p50: ms.nullable(),
  p99: ms.nullable(),
  /** Responses per node, from `x-served-by`. */
  byNode: z.record(z.string(), count),
});

export const eventSchema = z.object({
  /** ms since the variant's load started (negative for events before the load, e.g. start-up). */
  t: z.number(),
  type: z.enum(EVENT_TYPES),
  node: z.string().optional(),
  detail: z.string().optional(),
});

export const phaseSchema = z.object({
  name: z.enum(['before', 'during', 'after']),
  fromMs: ms,
  toMs: ms,
});

export const integritySchema = z.object({
  shoppers: count,
  cartsChecked: count,
  cartsIntact: count,
  cartsLost: count,
  /** Carts whose read-back could not decide (the final read failed, or only indeterminate writes differ). */
  cartsIndeterminate: count,
  itemsAcked: count,
  itemsLost: count,
  /** Writes whose outcome the shopper cannot know: timeouts, socket errors, 502, 504. */
  indeterminate: count,
  /** Items found in a cart that its shopper never added: a leak between sessions. Must be 0. */
  unexpected: count,
  /** Lost carts by the node that acknowledged the first missing item (the oldest acknowledged write of the
   *  first product found short): the node that held the cart when it was lost. */
  lostByNode: z.record(z.string(), count),
  /** Carts holding more than any outcome of the shopper's writes allows (a duplicated write, or unexpected items). */
  cartsExcess: count.optional(),
  /** Units above the upper bound (acknowledged + indeterminate), summed over carts. */
  itemsExcess: count.optional(),
  /** Shoppers whose final read-back failed (counted in cartsIndeterminate, not in cartsChecked). */
  readFailures: count.optional(),
  /** Every write the shoppers sent, by outcome (`indeterminate` equals the field above). */
  writes: z.object({ acked: count, failed: count, indeterminate: count }).optional(),
});

export const failoverSchema = z.object({
  /** Fault to the balancer's `node-down` for the faulted node; null without a fault or when never ejected. */
  timeToEjectMs: nullableMs,
  /** First to last failed request at or after the fault; null when nothing failed. */
  errorWindowMs: nullableMs,
  /** Failed requests (5xx, socket errors, timeouts) at or after the fault. */
  failedRequests: count,
  /** Fault to the first second back at >= 90% of the pre-fault rate with no errors; null if never. */
  recoveryMs: nullableMs.optional(),
});

export const totalsSchema = z.object({
  requests: count,
  ok: count,
  errors: count,
  rps: z.number().nonnegative(),
  latency: latencySchema,
  errorClasses: errorClassesSchema.optional(),
  byNode: z.record(z.string(), count).optional(),
});

export const raceSchema = z.object({
  /** Concurrent add-item requests sent for one shopper. */
  requests: count,
  acked: count,
  indeterminate: count,
  finalQuantity: count,
  /** acked - finalQuantity when positive: acknowledged adds that the cart does not hold. */
  lostUpdates: count,
});

/** The balancer's affinity in a sticky run (restart-balancer, two-balancers), read from its GET /nodes. */
export const affinitySchema = z.object({
  mode: z.enum(['signed', 'table']),
  /** Balancers the shoppers went through (two-balancers: 2). */
  balancers: z.number().int().positive(),
  /** table: requests whose pin the answering balancer did not know (a restarted balancer, or the other one), summed
   *  over the balancers; signed: null (a sealed cookie needs no table). */
  pinsNotKnown: count.nullable(),
  /** Affinity cookies ignored and replaced for any reason (unknown, malformed, forged, expired). */
  cookiesReplaced: count,
  /** Sticky misses (the pinned node was gone), every policy, summed over the balancers. */
  stickyMisses: count,
});

const tierMs = z.object({
  balancer: ms.nullable(), nodes: ms.nullable(), store: ms.nullable(), generator: ms.nullable(),
});

/** What the load phase cost each tier (load-tests/README.md, "Cost per tier"): raw readings and the figures. */
export const costSchema = z.object({
  /** CPU time (user + system, /proc/<pid>/stat) of every process of the tier over the load phase ÷ requests
   *  completed, µs; null for a tier without a process (store of stateful) or when no request completed. */
  cpuUsPerRequest: tierMs,
  /** Memory growth over the load ÷ non-empty carts read back, bytes; may be negative (GC); null when unknown. */
  memoryBytesPerCart: z.object({ nodes: z.number().nullable(), store: z.number().nullable() }),
  /** The raw CPU time per tier, ms. */
  cpuMs: tierMs,
  requests: count,
  nonEmptyCarts: count,
  memoryGrowthBytes: z.object({ nodes: z.number().nullable(), store: z.number().nullable() }),
  /** The machine's CPU time over the load phase (all CPUs), ms: total (idle included), busy, and ours. */
  machineCpuMs: z.object({ total: ms, busy: ms, experiment: ms }).nullable(),
  /** (busy − ours) ÷ total over this run's load phase. */
  backgroundCpuShare: z.number().min(0).max(1).nullable(),
  /** Memory per session, measured after the read-back on fresh sessions (load-tests/README.md "Memory per
   *  session"); null when the probe was off (--session-probe 0) or could not run; absent before it existed. */
  sessionMemory: sessionMemorySchema.nullable().optional(),
});

export const variantResultSchema = z.object({
  variant: z.enum(VARIANTS),
  /** How the report names this run, e.g. "stateless (session cart)". */
  label: z.string(),
  strategy: z.enum(STRATEGIES),
  cartStore: z.enum(CART_STORES),
  /** Every node that took part, in start order (scale-out adds to it). */
  nodes: z.array(z.string()),
  /** Wall clock of t = 0 for timeline and events (epoch ms). */
  startedAtMs: z.number(),
  durationMs: ms,
  phases: z.array(phaseSchema),
  timeline: z.array(timelineBucketSchema),
  events: z.array(eventSchema),
  totals: totalsSchema,
  integrity: integritySchema,
  failover: failoverSchema,
  race: raceSchema.optional(),
  /** Redis persistence for this run (stateless variants; the Redis outage compares both settings). */
  redisAppendonly: z.boolean().optional(),
  affinity: affinitySchema.optional(),
  /** Replicated variant only: replication cost, joins, conflicts, the async loss window. */
  replication: replicationSchema.optional(),
  /** CPU and memory per tier over the load phase. */
  cost: costSchema.optional(),
  /** Which repeat of this variant this run was (1-based, --repeat). */
  repeat: z.number().int().positive().optional(),
  /** ms from --duration (shoppers stop sending) until the last answer in flight came back or was given up. */
  drainMs: ms.optional(),
  /** Runs on the Redis HA topology (primary, replica, three sentinels). */
  redisHa: z.object({
    /** REDIS_WAIT of the nodes (`1:100`), null without WAIT. */
    wait: z.string().nullable(),
    /** Who was primary when: the one at load start, then each +switch-master (ms since load start). */
    primaries: z.array(z.object({ fromMs: z.number(), member: z.string(), address: z.string() })),
    /** Fault to the end of the last failed write (5xx, socket error, timeout) after it: how long writes failed;
     *  null when none failed or without a fault. */
    writesFailedForMs: nullableMs,
  }).optional(),
});

export const environmentSchema = z.object({
  node: z.string(),
  platform: z.string(),
  cpus: count,
  cpuModel: z.string().optional(),
  totalMemMb: count.optional(),
  gitSha: z.string().nullable(),
  /** Measured capacity of the load generator (pnpm bench experiment), if known. */
  generatorCapacityRps: z.number().nonnegative().nullable().optional(),
  /** How and when generatorCapacityRps was measured. */
  generatorCapacity: z.object({
    method: z.enum(['calibration', 'cached']), measuredAt: z.iso.datetime(), connections: count,
    durationSec: z.number().positive(),
    /** The shoppers measured: autocannon's, or the fetch loops of two-balancers (absent: autocannon). */
    driver: z.enum(['autocannon', 'alternating']).optional(),
  }).optional(),
  /** Share of the machine's CPU time used by other programs during the load phases (all runs together). */
  backgroundCpuShare: z.number().min(0).max(1).nullable().optional(),
});

export const resultsSchema = z.object({
  schemaVersion: z.literal(1),
  experiment: z.string(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  options: z.record(z.string(), z.unknown()),
  environment: environmentSchema,
  warnings: z.array(z.string()),
  /** One run per variant (with --repeat: the median-throughput repeat of each); charts and tables show these. */
  variants: z.array(variantResultSchema).min(1),
  /** With --repeat N > 1: every run, in the order they ran (variants interleaved). */
  repeats: z.array(variantResultSchema).optional(),
});

export type Results = z.infer<typeof resultsSchema>;
export type VariantResult = z.infer<typeof variantResultSchema>;
export type TimelineBucket = z.infer<typeof timelineBucketSchema>;
export type ExperimentEvent = z.infer<typeof eventSchema>;
export type Integrity = z.infer<typeof integritySchema>;
export type Failover = z.infer<typeof failoverSchema>;
export type ErrorClasses = z.infer<typeof errorClassesSchema>;
export type CostResult = z.infer<typeof costSchema>;

/** Parses results.json text; throws an Error naming the first bad field (e.g. `variants.0.integrity.cartsLost`). */
export function parseResults(text: string, source = 'results.json'): Results {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const parsed = resultsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(root)';
    throw new Error(`${source}: field "${field}" is invalid: ${issue?.message ?? 'unknown problem'}`);
  }
  return parsed.data;
}
