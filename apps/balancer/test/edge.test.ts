// Edge hygiene: slow-header clients closed by the timeout while others are served, the body cap, client aborts,
// no node, upstream timeout (a POST is not replayed), and the at-most-once rule for a POST that reached a node.
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Balancer } from '../src/index.ts';
import { call, ENGINES, startTestBalancer, type Engine } from './helpers/balancer.ts';
import { startNode, type LocalNode } from './helpers/nodes.ts';
import { rawExchange, statuses } from './helpers/raw.ts';

let lb: Balancer | undefined;
let nodes: LocalNode[] = [];

afterEach(async () => {
  await lb?.close();
  await Promise.all(nodes.map((n) => n.close()));
  lb = undefined;
  nodes = [];
});

async function setup(engine: Engine, flags: string[], count = 1): Promise<Balancer> {
  nodes = await Promise.all(Array.from({ length: count }, (_, i) => startNode(`n${i + 1}`)));
  lb = await startTestBalancer([
    '--engine', engine, '--health-interval', '0', ...flags, ...nodes.flatMap((n) => ['--upstream', `${n.id}=${n.url}`]),
  ]);
  return lb;
}

describe.each(ENGINES)('edge [%s]', (engine) => {
  it('a slow-header client is closed by the headers timeout (408) while other clients are served', async () => {
    const { port } = await setup(engine, ['--headers-timeout', '300', '--request-timeout', '1000']);
    const slow = connect(port, '127.0.0.1');
    let received = '';
    slow.setEncoding('utf8');
    slow.on('data', (d: string) => (received += d));
    const closed = new Promise((r) => slow.on('close', r));
    slow.on('error', () => undefined);
    slow.write('GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    for (let i = 0; i < 5; i++) expect((await call(port, { path: '/fast' })).status).toBe(200);
    await closed;
    expect(statuses(received)).toEqual([408]);
    expect(received).toContain('x-lb-error: LB_ERR_REQUEST_TIMEOUT');
    expect(nodes[0]?.seen.map((s) => s.url)).toEqual(['/fast', '/fast', '/fast', '/fast', '/fast']);
  });

  it('a body over the cap › 413 LB_ERR_BODY_TOO_LARGE (declared or chunked) and the node sees nothing', async () => {
    const { port } = await setup(engine, ['--body-limit', '1024']);
    const declared = await call(port, { method: 'POST', path: '/big', body: 'x'.repeat(2000) });
    expect([declared.status, declared.headers['x-lb-error']]).toEqual([413, 'LB_ERR_BODY_TOO_LARGE']);
    const chunk = 'y'.repeat(1500);
    const raw = await rawExchange(port, `POST /big HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n` +
      `${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`);
    expect(statuses(raw)).toEqual([413]);
    expect(nodes[0]?.seen).toEqual([]);
    expect((await call(port, { method: 'POST', path: '/small', body: 'ok' })).status).toBe(200);
  });

  it('a client that aborts mid-body does not hurt the balancer or reach the node', async () => {
    const { port } = await setup(engine, []);
    await new Promise<void>((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.write('POST /cut HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly-some');
        s.destroy();
        resolve();
      });
    });
    expect((await call(port, { path: '/after' })).status).toBe(200);
    expect(nodes[0]?.seen.map((s) => s.url)).toEqual(['/after']);
  });

  it('no node › 503 LB_ERR_NO_UPSTREAM with x-lb-error', async () => {
    lb = await startTestBalancer(['--engine', engine, '--health-interval', '0']);
    const r = await call(lb.port, { path: '/x' });
    expect([r.status, r.headers['x-lb-error']]).toEqual([503, 'LB_ERR_NO_UPSTREAM']);
    expect(r.json()).toMatchObject({ error: { code: 'LB_ERR_NO_UPSTREAM', message: expect.any(String) } });
  });

  it('a node that never answers › 504 LB_ERR_UPSTREAM_TIMEOUT, and a POST is not replayed', async () => {
    const { port } = await setup(engine, ['--upstream-timeout', '300'], 2);
    const r = await call(port, { method: 'POST', path: '/hang', body: 'once' });
    expect([r.status, r.headers['x-lb-error']]).toEqual([504, 'LB_ERR_UPSTREAM_TIMEOUT']);
    expect(nodes.flatMap((n) => n.seen).length).toBe(1);
  });

  it('a POST that reached a node (socket closed after the body) is sent at most once › ' +
    '502 LB_ERR_UPSTREAM', async () => {
    const { port } = await setup(engine, [], 2);
    const r = await call(port, { method: 'POST', path: '/close-after-body', body: 'pay' });
    expect([r.status, r.headers['x-lb-error']]).toEqual([502, 'LB_ERR_UPSTREAM']);
    expect(nodes.flatMap((n) => n.seen).map((s) => [s.method, s.body])).toEqual([['POST', 'pay']]);
  });

  it('a GET that reached a node is replayed on the other node, and says so in x-lb-attempts', async () => {
    const { port } = await setup(engine, [], 2);
    const r = await call(port, { path: '/close-after-body' });
    expect([r.status, r.headers['x-lb-error'], r.headers['x-lb-attempts']]).toEqual([502, 'LB_ERR_UPSTREAM', '2']);
    expect(nodes.map((n) => n.seen.length)).toEqual([1, 1]);
  });
});
