// Measures what one variant's load phase cost each tier: CPU time per request (balancer, nodes, store,
// generator), memory held per non-empty cart (nodes' RSS, Redis used_memory), and the share of the machine's
// CPU that other programs used meanwhile. Started just before the load, finished just after its drain.
import type { Cluster } from '@stateshift/cluster';
import type { CostResult } from '../results-schema.ts';
import { clockTicksPerSecond, readRssBytes } from './proc-reader.ts';
import { redisUsedMemory } from './redis-memory.ts';
import { TierSampler, TIERS, type TierPids } from './tier-sampler.ts';

/** What the probe read; turned into figures by costFigures() once the requests and carts are known. */
export interface CostReadings {
  cpuMs: Record<(typeof TIERS)[number], number | null>;
  machine: { totalMs: number; busyMs: number } | null;
  nodesRssGrowthBytes: number | null;
  storeGrowthBytes: number | null;
}

export interface CostProbe {
  finish(): Promise<CostReadings>;
}

function tierPids(cluster: Cluster): TierPids {
  const pids = cluster.pids();
  const store = [pids.redis, pids.redisGuard].filter((p): p is number => p !== undefined);
  // A second balancer (two-balancers) is the balancer tier too; a restarted one is the new pid of pids.balancer.
  return {
    balancer: [pids.balancer, ...(pids.extraBalancers ?? [])], nodes: Object.values(pids.nodes), store,
    generator: [process.pid],
  };
}

export async function startCostProbe(cluster: Cluster): Promise<CostProbe> {
  const rssBefore = nodeRss(cluster);
  const redisPid = cluster.pids().redis;
  const storeBefore = cluster.redisUrl && redisPid !== undefined ? await redisUsedMemory(cluster.redisUrl) : null;
  const sampler = new TierSampler(() => tierPids(cluster));
  sampler.start();
  return {
    async finish() {
      const cpu = sampler.stop();
      const msPerTick = 1000 / clockTicksPerSecond();
      const toMs = (t: number | null) => (t === null ? null : t * msPerTick);
      const samePid = redisPid !== undefined && cluster.pids().redis === redisPid;
      const storeAfter = samePid && cluster.redisUrl ? await redisUsedMemory(cluster.redisUrl) : null;
      return {
        cpuMs: {
          balancer: toMs(cpu.ticks.balancer), nodes: toMs(cpu.ticks.nodes), store: toMs(cpu.ticks.store),
          generator: toMs(cpu.ticks.generator),
        },
        machine: cpu.machine && { totalMs: cpu.machine.total * msPerTick, busyMs: cpu.machine.busy * msPerTick },
        nodesRssGrowthBytes: rssGrowth(rssBefore, nodeRss(cluster)),
        storeGrowthBytes: storeBefore !== null && storeAfter !== null ? storeAfter - storeBefore : null,
      };
    },
  };
}

function nodeRss(cluster: Cluster): Map<number, number> {
  const rss = new Map<number, number>();
  for (const pid of Object.values(cluster.pids().nodes)) {
    const bytes = readRssBytes(pid);
    if (bytes !== null) rss.set(pid, bytes);
  }
  return rss;
}

/** Growth of the nodes alive at the end. A node started during the load (scale-out) is counted from the mean
 *  footprint of the nodes at the start; a node that died is left out (its memory, and its carts, are gone). */
export function rssGrowth(before: Map<number, number>, after: Map<number, number>): number | null {
  if (before.size === 0 || after.size === 0) return null;
  const fresh = [...before.values()].reduce((a, b) => a + b, 0) / before.size;
  let growth = 0;
  for (const [pid, bytes] of after) growth += bytes - (before.get(pid) ?? fresh);
  return Math.round(growth);
}

/** The figures of results.json `cost` from the readings, the requests completed and the non-empty carts. */
export function costFigures(readings: CostReadings, requests: number, nonEmptyCarts: number): CostResult {
  const perRequest = (ms: number | null) => (ms === null || requests === 0 ? null : round1((ms * 1000) / requests));
  const perCart = (bytes: number | null) =>
    (bytes === null || nonEmptyCarts === 0 ? null : Math.round(bytes / nonEmptyCarts));
  const own = TIERS.reduce((sum, t) => sum + (readings.cpuMs[t] ?? 0), 0);
  const m = readings.machine;
  return {
    cpuUsPerRequest: {
      balancer: perRequest(readings.cpuMs.balancer), nodes: perRequest(readings.cpuMs.nodes),
      store: perRequest(readings.cpuMs.store), generator: perRequest(readings.cpuMs.generator),
    },
    memoryBytesPerCart: { nodes: perCart(readings.nodesRssGrowthBytes), store: perCart(readings.storeGrowthBytes) },
    cpuMs: readings.cpuMs,
    requests,
    nonEmptyCarts,
    memoryGrowthBytes: { nodes: readings.nodesRssGrowthBytes, store: readings.storeGrowthBytes },
    machineCpuMs: m ? { total: Math.round(m.totalMs), busy: Math.round(m.busyMs), experiment: Math.round(own) } : null,
    backgroundCpuShare: m && m.totalMs > 0 ? round3(Math.max(0, m.busyMs - own) / m.totalMs) : null,
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round3 = (n: number) => Math.round(n * 1000) / 1000;
