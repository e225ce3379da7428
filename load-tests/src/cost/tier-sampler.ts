// Samples the CPU time of every process of each tier (balancer, nodes, store, generator) through the load
// phase. A process that dies keeps its last reading (so sample often); one that appears during the load
// (scale-out, a restarted Redis) is counted from 0, since all of its life lies inside the load phase.
import { readCpuTicks, readMachineTicks, type MachineTicks } from './proc-reader.ts';

export const TIERS = ['balancer', 'nodes', 'store', 'generator'] as const;
export type Tier = (typeof TIERS)[number];
export type TierPids = Record<Tier, readonly number[]>;

/** How often the counters are read: a process that dies loses at most this much of its CPU time. */
const SAMPLE_MS = 250;

interface Tracked { tier: Tier; first: number; last: number }

export interface TierCpu {
  /** CPU ticks per tier over the load phase; null for a tier with no process. */
  ticks: Record<Tier, number | null>;
  /** The machine's ticks over the same window, for the background share; null off Linux. */
  machine: MachineTicks | null;
}

export class TierSampler {
  readonly #pids: () => TierPids;
  readonly #tracked = new Map<number, Tracked>();
  readonly #seenTiers = new Set<Tier>();
  #machineStart: MachineTicks | null = null;
  #timer: NodeJS.Timeout | undefined;

  /** `pids`: every process of each tier now (called at every sample). */
  constructor(pids: () => TierPids) {
    this.#pids = pids;
  }

  /** Takes the baseline: processes running now are counted from their current reading. */
  start(): void {
    this.#machineStart = readMachineTicks();
    this.#sample(true);
    this.#timer = setInterval(() => this.#sample(false), SAMPLE_MS);
    this.#timer.unref();
  }

  /** Last reading of every process and the machine's ticks since start(). */
  stop(): TierCpu {
    clearInterval(this.#timer);
    this.#sample(false);
    const end = readMachineTicks();
    const start = this.#machineStart;
    const ticks = Object.fromEntries(TIERS.map((t) => [t, this.#seenTiers.has(t) ? 0 : null])) as
      Record<Tier, number | null>;
    for (const { tier, first, last } of this.#tracked.values()) {
      ticks[tier] = (ticks[tier] ?? 0) + Math.max(0, last - first);
    }
    const machine = start && end ? { total: end.total - start.total, busy: end.busy - start.busy } : null;
    return { ticks, machine };
  }

  #sample(baseline: boolean): void {
    const pids = this.#pids();
    for (const tier of TIERS) {
      for (const pid of pids[tier]) {
        const now = readCpuTicks(pid);
        if (now === null) continue;
        this.#seenTiers.add(tier);
        const known = this.#tracked.get(pid);
        if (known) known.last = now;
        else this.#tracked.set(pid, { tier, first: baseline ? now : 0, last: now });
      }
    }
  }
}
