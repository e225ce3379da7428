// Turns what one variant's run recorded into its VariantResult: events on the load's clock, phases,
// timeline, totals, integrity (the checker) and failover figures. Pure.
import type { ClusterEvent, StateChange } from '@stateshift/cluster';
import { checkIntegrity } from '../checker/check-integrity.ts';
import { costFigures, type CostReadings } from '../cost/cost-probe.ts';
import type { ExperimentEvent, VariantResult } from '../results-schema.ts';
import type { CookieJar } from '../shoppers/cookie-jar.ts';
import type { ReadBack, RequestRecord, ShopperHistory } from '../shoppers/history.ts';
import { buildTimeline } from '../timeline/build-timeline.ts';
import { opEvent, stateEvent } from '../timeline/events.ts';
import { computeFailover, type Fault } from '../timeline/failover.ts';
import { computeTotals } from '../timeline/totals.ts';
import type { ExperimentDefinition } from './definitions.ts';
import type { ExperimentOptions } from './options.ts';
import type { RedisHaRecord } from './redis-ha-run.ts';
import { redisHaEvents, redisHaSummary } from '../timeline/redis-ha-events.ts';

export interface LoadOutcome {
  t0: number;
  /** When the shoppers stopped sending (--duration): the end of the load phase. */
  loadEnd: number;
  /** When the last answer in flight came back (or was given up) after loadEnd. */
  drainedAt?: number;
  records: RequestRecord[];
  ops: ClusterEvent[];
  stateChanges: { change: StateChange; receivedAt: number }[];
  shoppers: { shopper: number; jar: CookieJar; history: ShopperHistory }[];
  readBacks: Map<number, ReadBack>;
  victim: string;
  /** Sticky runs of restart-balancer / two-balancers: what the balancers' affinity saw. */
  affinity?: VariantResult['affinity'];
  /** CPU and memory readings of the load phase, drain included (absent: not measured). */
  cost?: CostReadings;
}

export interface SummaryInput {
  outcome: LoadOutcome;
  variant: VariantResult['variant'];
  label: string;
  strategy: VariantResult['strategy'];
  cartStore: VariantResult['cartStore'];
  nodes: string[];
  options: Readonly<ExperimentOptions>;
  definition: ExperimentDefinition;
  warnings: string[];
  redisAppendonly?: boolean;
  /** Runs on the Redis HA topology: the primary at load start and the sentinels' events. */
  redisHa?: RedisHaRecord;
}

export function summarise(input: SummaryInput): VariantResult {
  const { outcome, definition } = input;
  const durationMs = outcome.loadEnd - outcome.t0;
  const events = collectEvents(outcome, input.redisHa ? redisHaEvents(input.redisHa, outcome.t0) : []);
  const timeline = buildTimeline(outcome.records, outcome.t0, durationMs);
  const fault = faultOf(outcome, definition);
  const integrity = checkIntegrity(outcome.shoppers.map((s) => s.history), outcome.readBacks);
  const totals = computeTotals(outcome.records, durationMs);
  const result: VariantResult = {
    variant: input.variant, label: input.label, strategy: input.strategy, cartStore: input.cartStore,
    nodes: input.nodes,
    startedAtMs: outcome.t0, durationMs, phases: phases(outcome, fault, durationMs), timeline, events,
    totals, integrity,
    failover: computeFailover({ records: outcome.records, timeline, events, fault, t0: outcome.t0, durationMs }),
  };
  if (outcome.cost) result.cost = costFigures(outcome.cost, totals.requests, nonEmptyCarts(outcome.readBacks));
  if (outcome.drainedAt !== undefined) result.drainMs = Math.max(0, outcome.drainedAt - outcome.loadEnd);
  if (definition.mode === 'race') result.race = raceFigures(outcome, integrity.itemsLost);
  if (input.redisAppendonly !== undefined) result.redisAppendonly = input.redisAppendonly;
  if (outcome.affinity) result.affinity = outcome.affinity;
  if (input.redisHa) result.redisHa = redisHaSummary(input.redisHa, outcome.t0, outcome.records, fault?.atMs ?? null);
  return result;
}

function nonEmptyCarts(readBacks: ReadonlyMap<number, ReadBack>): number {
  let n = 0;
  for (const r of readBacks.values()) if (r.ok && r.items.some((line) => line.quantity > 0)) n++;
  return n;
}

function collectEvents(outcome: LoadOutcome, extra: ExperimentEvent[] = []): ExperimentEvent[] {
  const events: ExperimentEvent[] = [
    { t: 0, type: 'load-start' }, { t: outcome.loadEnd - outcome.t0, type: 'load-stop' }, ...extra,
  ];
  for (const op of outcome.ops) { const e = opEvent(op, outcome.t0); if (e) events.push(e); }
  for (const { change, receivedAt } of outcome.stateChanges) {
    const e = stateEvent(change, receivedAt, outcome.t0);
    if (e) events.push(e);
  }
  return events.sort((a, b) => a.t - b.t);
}

/** The fault is the first operation of the plan; its node is the victim unless the operation is
 *  cluster-wide (add, Redis). */
function faultOf(outcome: LoadOutcome, definition: ExperimentDefinition): Fault | null {
  const first = outcome.ops[0];
  if (!first || definition.steps.length === 0) return null;
  const atMs = Math.max(0, first.t - outcome.t0);
  return first.node === outcome.victim ? { atMs, node: first.node } : { atMs };
}

function phases(outcome: LoadOutcome, fault: Fault | null, durationMs: number): VariantResult['phases'] {
  if (!fault) return [{ name: 'during', fromMs: 0, toMs: durationMs }];
  const lastOp = outcome.ops.at(-1);
  const faultEnd = Math.min(durationMs, Math.max(fault.atMs, lastOp ? lastOp.doneAt - outcome.t0 : fault.atMs));
  return [
    { name: 'before', fromMs: 0, toMs: fault.atMs },
    { name: 'during', fromMs: fault.atMs, toMs: faultEnd },
    { name: 'after', fromMs: faultEnd, toMs: durationMs },
  ];
}

function raceFigures(outcome: LoadOutcome, itemsLost: number): NonNullable<VariantResult['race']> {
  let requests = 0, acked = 0, indeterminate = 0, finalQuantity = 0;
  for (const { shopper, history } of outcome.shoppers) {
    for (const write of history.writes) {
      requests++;
      if (write.outcome === 'acked') acked++;
      if (write.outcome === 'indeterminate') indeterminate++;
    }
    const readBack = outcome.readBacks.get(shopper);
    if (readBack?.ok) for (const line of readBack.items) finalQuantity += line.quantity;
  }
  return { requests, acked, indeterminate, finalQuantity, lostUpdates: itemsLost };
}
