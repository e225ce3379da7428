// One variant of one experiment, start to finish: cluster up, shoppers (or racers) on, fault plan played,
// load off, cluster settled, carts read back, figures computed, cluster closed whatever happened.
import { startCluster, watchBalancer, type Cluster, type ClusterEvent } from '@stateshift/cluster';
import { startCostProbe } from '../cost/cost-probe.ts';
import { DEFAULT_SESSION_PROBE, probeSessionMemory } from '../cost/session-probe.ts';
import { STRATEGIES, type VariantResult } from '../results-schema.ts';
import type { SessionMemory } from '../session-memory-schema.ts';
import type { RequestRecord } from '../shoppers/history.ts';
import { readBackCarts } from '../shoppers/read-back.ts';
import { runRace } from '../shoppers/run-race.ts';
import { runAlternatingShoppers } from '../shoppers/run-alternating.ts';
import { runShoppers } from '../shoppers/run-shoppers.ts';
import { browseAndBuy } from '../shoppers/scenario.ts';
import { readAffinityFigures } from './affinity-figures.ts';
import { prepareBalancers, type Balancers } from './balancer-topology.ts';
import { fetchProductIds, waitSettled } from './cluster-readiness.ts';
import { DEFAULT_CART_STORE, type ExperimentDefinition, type RunSpec } from './definitions.ts';
import type { ExperimentOptions } from './options.ts';
import type { Progress } from './progress.ts';
import { runFaultPlan } from './run-fault-plan.ts';
import { replicationFigures, sampleReplication } from './replication-figures.ts';
import type { ExperimentVariant } from './variant-sets.ts';
import { recordRedisHa, redisHaClusterOptions } from './redis-ha-run.ts';
import { summarise, type LoadOutcome } from './summarise-variant.ts';

export interface VariantRunInput {
  definition: ExperimentDefinition;
  spec: RunSpec;
  variant: ExperimentVariant;
  options: Readonly<ExperimentOptions>;
  progress: Progress;
  signal: AbortSignal;
  warnings: string[];
}

export async function runVariant(input: VariantRunInput): Promise<VariantResult> {
  const { definition, spec, variant, options } = input;
  const cartStore = spec.cartStore ?? DEFAULT_CART_STORE[variant];
  const label = spec.label ? `${variant} (${spec.label})` : variant;
  input.progress.line(`starting ${label}: ${nodeCount(input)} nodes…`);
  const cluster = await startCluster({
    variant, nodes: nodeCount(input), engine: options.engine, ...(spec.affinity ? { affinity: spec.affinity } : {}),
    ...(spec.cartStore ? { cartStore: spec.cartStore } : {}),
    ...(spec.appendonly !== undefined ? { appendonly: spec.appendonly } : {}),
    ...(spec.replication ? { nodeEnv: { REPLICATION: spec.replication } } : {}),
    ...redisHaClusterOptions(spec, variant),
  });
  const stateChanges: LoadOutcome['stateChanges'] = [];
  const watch = watchBalancer(cluster.adminUrl, (event) => {
    if (event.type === 'state') stateChanges.push({ change: event.data, receivedAt: event.receivedAt });
  }, cluster.adminToken ? { token: cluster.adminToken } : {});
  let ha: Awaited<ReturnType<typeof recordRedisHa>>;
  try {
    await watch.connected;
    ha = await recordRedisHa(cluster, spec);
    const initialNodes = cluster.nodes().map((n) => n.id);
    const balancers = await prepareBalancers(definition, cluster);
    const sampler = spec.replication ? sampleReplication(cluster) : undefined;
    const outcome = await runLoad(input, cluster, label, stateChanges, balancers);
    const samples = await sampler?.stop();
    const strategy = (STRATEGIES as readonly string[]).includes(cluster.strategy)
      ? cluster.strategy as VariantResult['strategy']
      : 'round-robin';
    const result = summarise({
      outcome, variant, label, strategy, cartStore, options, definition, warnings: input.warnings,
      nodes: [...new Set([...initialNodes, ...cluster.nodes().map((n) => n.id)])],
      ...(spec.appendonly !== undefined && variant === 'stateless' ? { redisAppendonly: spec.appendonly } : {}),
      ...(ha ? { redisHa: ha.record } : {}),
    });
    if (spec.replication && samples) {
      result.replication = replicationFigures({ mode: spec.replication, samples, outcome, result, initialNodes });
    }
    // After the read-back and every figure above: the probe's sessions never touch the carts the checker read.
    if (result.cost && !input.signal.aborted) result.cost.sessionMemory = await probeSessions(input, cluster, label);
    return result;
  } finally {
    await ha?.close().catch(() => undefined);
    watch.close();
    await cluster.close();
  }
}

async function probeSessions(input: VariantRunInput, cluster: Cluster, label: string): Promise<SessionMemory | null> {
  const sessions = input.options.sessionProbe ?? DEFAULT_SESSION_PROBE;
  if (sessions > 0) input.progress.line(`session memory probe: up to ${sessions} new sessions on one node…`);
  const { memory, note } = await probeSessionMemory(cluster, { sessions });
  if (note) input.warnings.push(`${label}: ${note}`);
  return memory;
}

function nodeCount({ definition, options }: VariantRunInput): number {
  return options.nodesGiven ? options.nodes : definition.startNodes ?? options.nodes;
}

async function runLoad(
  input: VariantRunInput, cluster: Cluster, label: string, stateChanges: LoadOutcome['stateChanges'],
  balancers: Balancers,
): Promise<LoadOutcome> {
  const { definition, options, progress } = input;
  const products = await fetchProductIds(cluster.balancerUrl);
  const records: RequestRecord[] = [];
  const stats = { requests: 0, ok: 0, errors: 0 };
  const onRecord = (r: RequestRecord) => {
    records.push(r);
    stats.requests++;
    if (r.end === 'ok') stats.ok++; else if (r.end !== 'cut') stats.errors++;
  };
  const ops: ClusterEvent[] = [];
  const hurry = new AbortController();
  const probe = await startCostProbe(cluster);
  const t0 = Date.now();
  progress.phase(`${definition.name} · ${label}`, options.durationSec);
  const ticker = setInterval(() => progress.tick(Date.now() - t0, stats), 250);
  const victim = cluster.nodes()[0]?.id ?? `${input.variant}-1`;
  const plan = runFaultPlan({
    cluster, steps: definition.steps, t0, faultAtMs: options.faultAtSec * 1000,
    lengthMs: (options.faultLengthSec ?? definition.faultLengthSec) * 1000, victim,
    signal: input.signal, hurry: hurry.signal, onOp: (e) => ops.push(e), announce: (text) => progress.announce(text),
  });
  const planDone = plan.then(() => undefined, (err: unknown) => err);
  let driven: Driven;
  try {
    driven = await drive(input, balancers.urls, products, onRecord);
  } finally {
    hurry.abort();
    clearInterval(ticker);
    progress.tick(Date.now() - t0, stats);
    progress.endPhase();
  }
  const drainedAt = Date.now();
  const cost = await probe.finish();
  const { shoppers } = driven;
  const loadEnd = driven.stoppedSendingAt ?? drainedAt;
  const planError = await planDone;
  if (planError) throw planError;
  const affinity = input.spec.affinity
    ? await readAffinityFigures(balancers.adminUrls, cluster.adminToken, input.warnings, label)
    : undefined;
  if (!await waitSettled(cluster, 20_000, input.signal)) {
    input.warnings.push(`${label}: the cluster had not settled 20 s after the load; carts were read back anyway`);
  }
  progress.line(`reading back ${shoppers.length} carts…`);
  const readBacks = await readBackCarts(cluster.balancerUrl, shoppers, options.timeoutSec * 1000);
  return {
    t0, loadEnd, drainedAt, records, ops, stateChanges, shoppers, readBacks, victim, cost,
    ...(affinity ? { affinity } : {}),
  };
}

/** The shoppers, and when they stopped sending (undefined for the race, whose bursts end by themselves). */
interface Driven { shoppers: LoadOutcome['shoppers']; stoppedSendingAt: number | undefined }

async function drive(
  input: VariantRunInput, urls: readonly string[], products: string[], onRecord: (r: RequestRecord) => void,
): Promise<Driven> {
  const { options, definition } = input;
  const url = urls[0] as string;
  if (definition.mode === 'race') {
    const racers = await runRace({
      url, durationSec: options.durationSec, burst: Math.min(options.connections, 60), products,
      timeoutMs: options.timeoutSec * 1000, signal: input.signal, onRecord,
    });
    return {
      shoppers: racers.map((r) => ({ shopper: r.shopper, jar: r.jar, history: r.history })),
      stoppedSendingAt: undefined,
    };
  }
  const common = {
    connections: options.connections, durationSec: options.durationSec, timeoutSec: options.timeoutSec,
    scenario: browseAndBuy, products, seed: options.seed, onRecord,
  };
  // Several balancers (two-balancers): each shopper takes them in turn, which autocannon cannot do
  // (run-alternating.ts).
  const load = urls.length > 1 ? runAlternatingShoppers({ urls, ...common }) : runShoppers({ url, ...common });
  const stop = () => load.stop();
  input.signal.addEventListener('abort', stop, { once: true });
  try {
    await load.done;
  } finally {
    input.signal.removeEventListener('abort', stop);
  }
  const shoppers = load.shoppers.map((s) => ({
    shopper: s.id, jar: s.jar, history: { shopper: s.id, writes: s.writes },
  }));
  return { shoppers, stoppedSendingAt: load.stoppedSendingAt() };
}
