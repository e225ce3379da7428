// REPLICATION=async: a SIGKILL loses at most what was acknowledged within the shipping window before it.
// Both modes: a SIGTERM under load (graceful leave) loses no acknowledged write.
import { afterAll, describe, expect, it } from 'vitest';
import { health, pool, ReplicatedNodes, type ReplicatedNode } from '../helpers/replicated-nodes.ts';
import { Shopper } from '../helpers/shopper.ts';

const nodes = new ReplicatedNodes();
afterAll(() => nodes.stopAll());

const INTERVAL_MS = 100;
/** The bound: the interval, plus the time a batch may spend in flight on this shared, slow machine. */
const WINDOW_MS = INTERVAL_MS + 900;

interface Run { shopper: Shopper; ackedAt: number[] }

/** Each shopper adds one unit of p01 after another through `node` until an answer is not 2xx (at most 90). */
async function load(node: ReplicatedNode, shoppers: number, started: () => void): Promise<Run[]> {
  const runs = Array.from({ length: shoppers }, () => ({ shopper: new Shopper(), ackedAt: [] as number[] }));
  let firstAcks = 0;
  await pool(runs, shoppers, async (run) => {
    while (run.ackedAt.length < 90) {
      const r = await run.shopper.add(node.url, 'p01', 1).catch(() => undefined);
      if (r?.status !== 200) return;
      run.ackedAt.push(Date.now());
      if (run.ackedAt.length === 10 && ++firstAcks === shoppers) started();
    }
  });
  return runs;
}

async function quantityAt(node: ReplicatedNode, s: Shopper): Promise<number> {
  const items = (await s.get(node.url, '/api/cart')).body.items as { quantity: number }[];
  return items[0]?.quantity ?? 0;
}

describe('replicated [async] › kill', () => {
  it('every acknowledged add lost to a SIGKILL was acknowledged within the window before it', async () => {
    const env = { REPLICATION: 'async', REPLICATION_INTERVAL_MS: String(INTERVAL_MS) };
    const a = await nodes.start([], env);
    const b = await nodes.start([a], env);
    expect((await health(a)).replication.lag).toEqual({ queued: 0, oldestMs: 0, intervalMs: INTERVAL_MS });
    let killedAt = 0;
    const runs = await load(a, 30, () => { killedAt = Date.now(); a.kill(); });
    await a.exited;
    expect(killedAt).toBeGreaterThan(0);
    let survived = 0;
    const lostAges: number[] = [];
    for (const run of runs) {
      const kept = await quantityAt(b, run.shopper);
      survived += kept;
      // Adds of one shopper are sequential and each ships the whole cart, so B holds a prefix of them.
      for (const t of run.ackedAt.slice(kept)) lostAges.push(killedAt - t);
    }
    expect(survived).toBeGreaterThan(0);
    expect(Math.max(0, ...lostAges)).toBeLessThanOrEqual(WINDOW_MS);
  }, 60_000);
});

describe.each(['sync', 'async'])('replicated [%s] › graceful leave', (mode) => {
  it('a SIGTERM of the node under load loses no acknowledged add, and its peers forget it', async () => {
    const env = { REPLICATION: mode, REPLICATION_INTERVAL_MS: String(INTERVAL_MS) };
    const a = await nodes.start([], env);
    const b = await nodes.start([a], env);
    let stopping: Promise<unknown> | undefined;
    const runs = await load(a, 30, () => { stopping = a.stop(5000); });
    expect(await stopping).toMatchObject({ code: 0 });
    let lost = 0;
    for (const run of runs) lost += Math.max(0, run.ackedAt.length - await quantityAt(b, run.shopper));
    expect(runs.reduce((n, r) => n + r.ackedAt.length, 0)).toBeGreaterThan(0);
    expect(lost).toBe(0);
    expect((await health(b)).peers).toMatchObject({ known: 0, up: 0 });
  }, 60_000);
});
