// Cost per tier: /proc readers on real processes (a child that burns CPU and exits keeps its last reading),
// and the arithmetic of the figures on crafted readings.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { costFigures, rssGrowth, type CostReadings } from '../src/cost/cost-probe.ts';
import { clockTicksPerSecond, readCpuTicks, readMachineTicks, readRssBytes } from '../src/cost/proc-reader.ts';
import { TierSampler } from '../src/cost/tier-sampler.ts';

describe('cost › /proc readers', () => {
  it('read this process\'s CPU ticks and RSS, and the machine\'s ticks; null for a process that is gone', () => {
    expect(clockTicksPerSecond()).toBeGreaterThan(0);
    expect(readCpuTicks(process.pid)).toBeGreaterThan(0);
    expect(readRssBytes(process.pid)).toBeGreaterThan(1024 * 1024);
    const m = readMachineTicks();
    expect(m && m.total >= m.busy && m.busy > 0).toBe(true);
    expect(readCpuTicks(2 ** 22 + 17)).toBeNull();
  });

  it('a process that burns CPU and exits during the load keeps its last reading', async () => {
    const child = spawn(
      process.execPath, ['-e', 'const end = Date.now() + 600; while (Date.now() < end);'], { stdio: 'ignore' },
    );
    const pid = child.pid!;
    const sampler = new TierSampler(() => ({ balancer: [], nodes: [pid], store: [], generator: [] }));
    sampler.start();
    await once(child, 'exit');
    await new Promise((resolve) => setImmediate(resolve));
    const { ticks } = sampler.stop();
    expect(readCpuTicks(pid)).toBeNull();
    // Started with the sampler, so nearly all of its ~0.6 s of CPU lies inside; at least one 250 ms sample saw it.
    expect(ticks.nodes).toBeGreaterThan(0);
    expect(ticks.store).toBeNull();
  }, 10_000);
});

describe('cost › figures', () => {
  const readings: CostReadings = {
    cpuMs: { balancer: 500, nodes: 2000, store: null, generator: 400 },
    machine: { totalMs: 20_000, busyMs: 6_000 }, nodesRssGrowthBytes: 10_000_000, storeGrowthBytes: null,
  };
  it('divides CPU by requests (µs) and memory by non-empty carts; null stays null', () => {
    const cost = costFigures(readings, 10_000, 50);
    expect(cost.cpuUsPerRequest).toEqual({ balancer: 50, nodes: 200, store: null, generator: 40 });
    expect(cost.memoryBytesPerCart).toEqual({ nodes: 200_000, store: null });
    // Background: busy 6 s minus our 2.9 s, of 20 s of machine time.
    expect(cost.backgroundCpuShare).toBeCloseTo(0.155);
  });
  it('is null, not 0, without requests or carts', () => {
    const cost = costFigures(readings, 0, 0);
    expect(cost.cpuUsPerRequest.balancer).toBeNull();
    expect(cost.memoryBytesPerCart.nodes).toBeNull();
  });
  it('memory growth: a node added during the load counts from the mean start footprint; a dead one is left out', () => {
    const before = new Map([[1, 100], [2, 300]]);
    expect(rssGrowth(before, new Map([[1, 150], [3, 260]]))).toBe(50 + 60);
    expect(rssGrowth(new Map(), new Map([[1, 1]]))).toBeNull();
  });
});
