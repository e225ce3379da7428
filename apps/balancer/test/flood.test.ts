// One client pipelining 200,000 `GET /api/products` without ever reading an answer (issue #11's one-liner), against a
// real balancer process over a real stateful shop node, on every engine: the balancer stops reading that client, so
// other clients and the admin plane are served within 1 s during and after the flood, its RSS stays within 100 MB
// of what it was before, the queued requests go with the connection, and --client-timeout cuts such a client.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import {
  adminClient, loadClusterConfig, spawnBalancer, startShopNode, watchBalancer, type BalancerProcess, type ShopNode,
} from '@stateshift/cluster';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, ENGINES, type Engine } from './helpers/balancer.ts';

const FLOOD = 200_000;
const REQUEST = 'GET /api/products HTTP/1.1\r\nHost: x\r\n\r\n';
const baseEnv = { ...loadClusterConfig().baseEnv };

let shop: ShopNode | undefined;
let lb: BalancerProcess | undefined;
let sockets: Socket[] = [];

beforeAll(async () => {
  shop = await startShopNode({ variant: 'stateful', id: 'stateful-1', baseEnv, env: { LOG_LEVEL: 'warn' } });
}, 30_000);

afterAll(async () => {
  await shop?.stop();
});

afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets = [];
  await lb?.stop();
  lb = undefined;
});

async function startLb(engine: Engine, flags: string[] = []): Promise<BalancerProcess> {
  lb = await spawnBalancer({
    strategy: 'round-robin', baseEnv,
    args: [
      '--engine', engine, '--health-interval', '0', '--log-level', 'warn', ...flags,
      '--upstream', `stateful-1=${shop!.url}`,
    ],
  });
  return lb;
}

/** Resident memory of a process, in MB (VmRSS from /proc). */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/** The client: connects, never reads, writes FLOOD pipelined requests. */
async function flood(port: number): Promise<Socket> {
  const s = connect(port, '127.0.0.1');
  sockets.push(s);
  s.on('error', () => undefined);
  await once(s, 'connect');
  s.pause();
  s.write(REQUEST.repeat(FLOOD));
  return s;
}

/** Resolves once the balancer has sent the node at least one request of the flood (its per-second traffic event). */
function floodReachedTheNode(balancer: BalancerProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const watch = watchBalancer(balancer.adminUrl, (e) => {
      if (e.type === 'traffic' && (e.data.nodes['stateful-1']?.requests ?? 0) > 0) {
        watch.close();
        resolve();
      }
    }, { token: balancer.adminToken });
    watch.connected.catch(reject);
  });
}

/** A fresh client's GET /api/products through the balancer, and how long it took. */
async function timedGet(port: number): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  const r = await call(port, { path: '/api/products' });
  return { status: r.status, ms: performance.now() - t0 };
}

describe.each(ENGINES)('pipelining flood [%s]', (engine) => {
  it(`${FLOOD} pipelined requests from a client that never reads › others served within 1 s (traffic and admin), ` +
    'RSS within 100 MB, the flood left unread, its queue dropped with the connection', async () => {
    const balancer = await startLb(engine);
    const admin = adminClient(balancer.adminUrl, balancer.adminToken);
    expect((await timedGet(balancer.port)).status).toBe(200); // warm: the node connection, the JIT
    const before = rssMb(balancer.pid);
    const reached = floodReachedTheNode(balancer);
    const client = await flood(balancer.port);
    await reached;

    const during = await timedGet(balancer.port);
    const t0 = performance.now();
    await admin.nodes();
    const adminMs = performance.now() - t0;
    const duringRss = rssMb(balancer.pid);
    // The balancer stopped reading: most of the flood is still in the client's own buffer (the kernel's take a few
    // hundred KiB of its 8 MB), where a balancer reading without a bound would have taken it all.
    const unsent = client.writableLength;
    client.destroy();
    const after = await timedGet(balancer.port);
    const afterRss = rssMb(balancer.pid);
    const got = `during=${JSON.stringify(during)} adminMs=${adminMs.toFixed(0)} after=${JSON.stringify(after)} ` +
      `rss before=${before.toFixed(0)} during=${duringRss.toFixed(0)} after=${afterRss.toFixed(0)} MB`;
    expect([during.status, after.status], got).toEqual([200, 200]);
    expect(Math.max(during.ms, adminMs, after.ms), got).toBeLessThan(1000);
    expect(Math.max(duringRss, afterRss) - before, got).toBeLessThan(100);
    expect(unsent, `flood bytes the balancer left unread; ${got}`).toBeGreaterThan(REQUEST.length * FLOOD / 2);

    // Nothing of the flood reaches the node once its connection is gone: one more request is exactly one more.
    const sent = (await admin.nodes()).nodes[0]!.requests;
    expect((await timedGet(balancer.port)).status).toBe(200);
    expect((await admin.nodes()).nodes[0]!.requests, got).toBe(sent + 1);
  }, 60_000);

  it('--client-timeout › a client that does not read its answers is cut', async () => {
    const balancer = await startLb(engine, ['--client-timeout', '300']);
    const client = await flood(balancer.port);
    const t0 = performance.now();
    // The balancer's reset reaches the client through its blocked writes (it never reads).
    await new Promise((resolve) => client.once('close', resolve));
    const ms = performance.now() - t0;
    expect(ms, `closed after ${ms.toFixed(0)} ms`).toBeLessThan(10_000);
    const metrics = await call(balancer.adminPort, {
      path: '/metrics', headers: { authorization: `Bearer ${balancer.adminToken}` },
    });
    expect(metrics.body).toContain('lb_client_timeouts_total 1\n');
    expect((await timedGet(balancer.port)).status).toBe(200);
  }, 30_000);
});
