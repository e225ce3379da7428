// Real child-process nodes killed (SIGKILL) or frozen (SIGSTOP): passive ejection with no client-visible error
// for GETs and never-sent POSTs, each --sticky-miss policy, and a frozen node ejected by health-check timeouts.
import { Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Balancer } from '../src/index.ts';
import {
  adminCall, call, cookieFrom, ENGINES, startTestBalancer, type Engine, type Reply,
} from './helpers/balancer.ts';
import { forkNode, type ChildNode } from './helpers/nodes.ts';
import { waitForState } from './helpers/wait.ts';

let lb: Balancer | undefined;
let children: ChildNode[] = [];
const agent = new Agent({ keepAlive: true, maxSockets: 8 });

afterEach(async () => {
  await lb?.close();
  await Promise.all(children.map((c) => c.kill()));
  lb = undefined;
  children = [];
});

async function setup(engine: Engine, flags: string[]): Promise<{ lb: Balancer; a: ChildNode; b: ChildNode }> {
  children = await Promise.all([forkNode('a'), forkNode('b')]);
  const [a, b] = children as [ChildNode, ChildNode];
  lb = await startTestBalancer(['--engine', engine, ...flags, '--upstream', `a=${a.url}`, '--upstream', `b=${b.url}`]);
  await Promise.all([waitForState(lb, 'a', 'up'), waitForState(lb, 'b', 'up')]);
  return { lb, a, b };
}

/** `total` GETs, `concurrency` at a time; calls `onDone(n)` after each completion (bounded in count). */
async function loadGets(
  port: number, total: number, concurrency: number, onDone: (n: number) => void,
): Promise<Reply[]> {
  const replies: Reply[] = [];
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      replies.push(await call(port, { path: '/x', agent }));
      onDone(replies.length);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return replies;
}

describe.each(ENGINES)('failover [child processes] [%s]', (engine) => {
  it('a node killed under load › ejected at once, every GET answered 200 (retried), ' +
    'never-sent POSTs all succeed', async () => {
    const { lb, a } = await setup(engine, ['--strategy', 'round-robin']);
    const down = waitForState(lb, 'a', 'down');
    let killing: Promise<void> | undefined;
    const replies = await loadGets(lb.port, 300, 8, (n) => {
      if (n === 60) killing = a.kill('SIGKILL');
    });
    await killing;
    expect(replies.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
    const event = await down;
    expect(event?.reason).toMatch(/passive|health/);
    for (let i = 0; i < 20; i++) {
      const r = await call(lb.port, { method: 'POST', path: '/order', body: `n=${i}`, agent });
      expect([r.status, r.headers['x-served-by']]).toEqual([200, 'b']);
    }
  });

  it('a request to a killed node before any health check notices › retried elsewhere, x-lb-attempts: 2, ' +
    'node ejected passively', async () => {
    const { lb, a } = await setup(engine, ['--strategy', 'round-robin', '--health-interval', '60000']);
    await a.kill('SIGKILL');
    const down = waitForState(lb, 'a', 'down');
    const replies = [
      await call(lb.port, { method: 'POST', path: '/p', body: 'x' }),
      await call(lb.port, { method: 'POST', path: '/p', body: 'y' }),
    ];
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    expect(replies.map((r) => r.headers['x-lb-attempts'])).toContain('2');
    expect((await down)?.reason).toMatch(/^passive: connect failed \(ECONNREFUSED\)/);
    expect((await call(lb.adminPort, { path: '/metrics' })).body).toContain('lb_ejections_total{node="a"} 1');
  });

  it('a frozen node (SIGSTOP) › ejected after 2 health checks time out (≤ 2.5 s with the defaults)', async () => {
    const { lb, a } = await setup(engine, ['--strategy', 'round-robin']);
    const down = waitForState(lb, 'a', 'down');
    process.kill(a.child.pid as number, 'SIGSTOP');
    expect((await down)?.reason).toBe('health check failed 2 times (timeout after 500 ms)');
    for (let i = 0; i < 4; i++) expect((await call(lb.port, { path: '/x' })).headers['x-served-by']).toBe('b');
  }, 20_000);
});

// What the client gets under each --sticky-miss policy once its pinned node is gone; every policy on every engine.
const STICKY_MISS_CHECKS: [string, (r: Reply, other: string) => void][] = [
  ['continue', (r, other) => {
    expect([r.status, r.headers['x-served-by'], r.headers['x-lb-attempts']]).toEqual([200, other, '2']);
  }],
  ['reject', (r) => {
    expect([r.status, r.headers['x-lb-error']]).toEqual([503, 'LB_ERR_STICKY_NODE_GONE']);
    expect(r.headers['set-cookie']?.[0]).toMatch(/^ss_lb=; .*Max-Age=0/);
  }],
];
const STICKY_MISS_CASES = ENGINES.flatMap(
  (engine) => STICKY_MISS_CHECKS.map(([policy, check]) => [policy, engine, check] as const),
);

describe.each(STICKY_MISS_CASES)('sticky miss [%s] [%s]', (policy, engine, check) => {
  it(`the pinned node is killed › ${policy}`, async () => {
    const { lb, a, b } = await setup(
      engine, ['--strategy', 'sticky', '--sticky-miss', policy, '--health-interval', '60000'],
    );
    let first = await call(lb.port, { path: '/x' });
    if (first.headers['x-served-by'] !== 'a') first = await call(lb.port, { path: '/x' });
    const cookie = cookieFrom(first) as string;
    await a.kill('SIGKILL');
    const r = await call(lb.port, { path: '/x', headers: { cookie } });
    check(r, b.id);
    // After reject the browser drops the cleared cookie (Max-Age=0); a signed cookie cannot be forgotten by the
    // balancer (it holds nothing), so resending it would be rejected again while its node is gone.
    const again = await call(lb.port, { path: '/x', headers: policy === 'reject' ? {} : { cookie } });
    if (policy === 'continue') expect(again.headers['x-served-by']).toBe('b');
    else expect(again.status).toBe(200);
  });
});

describe.each(ENGINES)('sticky miss [drop] [%s]', (engine) => {
  it('the pinned node is killed › the connection is closed without an answer', async () => {
    const { lb, a } = await setup(
      engine, ['--strategy', 'sticky', '--sticky-miss', 'drop', '--health-interval', '60000'],
    );
    let first = await call(lb.port, { path: '/x' });
    if (first.headers['x-served-by'] !== 'a') first = await call(lb.port, { path: '/x' });
    const cookie = cookieFrom(first) as string;
    await a.kill('SIGKILL');
    await expect(call(lb.port, { path: '/x', headers: { cookie } })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect((await call(lb.adminPort, { path: '/metrics' })).body).toContain('lb_sticky_misses_total{policy="drop"} 1');
  });
});

describe.each(ENGINES)('sticky miss policy switched at run time (POST /sticky-miss) [%s]', (engine) => {
  it('continue → reject without a restart: GET /nodes shows it, the next miss is rejected; ' +
    'bad values are refused', async () => {
    const { lb, a } = await setup(
      engine, ['--strategy', 'sticky', '--sticky-miss', 'continue', '--health-interval', '60000'],
    );
    const bad = await adminCall(lb.adminPort, {
      method: 'POST', path: '/sticky-miss', body: JSON.stringify({ policy: 'panic' }),
    });
    expect([bad.status, bad.headers['x-lb-error']]).toEqual([400, 'LB_ERR_ADMIN_BAD_REQUEST']);
    const set = await adminCall(lb.adminPort, {
      method: 'POST', path: '/sticky-miss', body: JSON.stringify({ policy: 'reject' }),
    });
    expect([set.status, set.json()]).toEqual([200, { stickyMiss: 'reject' }]);
    expect((await call(lb.adminPort, { path: '/nodes' })).json()).toMatchObject({ stickyMiss: 'reject' });
    let first = await call(lb.port, { path: '/x' });
    if (first.headers['x-served-by'] !== 'a') first = await call(lb.port, { path: '/x' });
    const cookie = cookieFrom(first) as string;
    await a.kill('SIGKILL');
    const r = await call(lb.port, { path: '/x', headers: { cookie } });
    expect([r.status, r.headers['x-lb-error']]).toEqual([503, 'LB_ERR_STICKY_NODE_GONE']);
  });
});
