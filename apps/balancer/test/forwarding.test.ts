// Forwarding hygiene, for every proxy engine: X-Forwarded-* set by the balancer only, hop-by-hop headers
// stripped both ways, x-served-by passed through, absolute-form targets reduced to a path, the affinity cookie kept.
import { afterEach, describe, expect, it } from 'vitest';
import type { Balancer } from '../src/index.ts';
import { call, cookieFrom, ENGINES, startTestBalancer } from './helpers/balancer.ts';
import { startNode, type LocalNode } from './helpers/nodes.ts';
import { rawExchange } from './helpers/raw.ts';

let lb: Balancer | undefined;
let node: LocalNode | undefined;

afterEach(async () => {
  await lb?.close();
  await node?.close();
  lb = undefined;
  node = undefined;
});

describe.each(ENGINES)('forwarding [%s]', (engine) => {
  async function setup(strategy = 'round-robin'): Promise<{ port: number; node: LocalNode }> {
    node = await startNode('n1');
    lb = await startTestBalancer(['--engine', engine, '--strategy', strategy, '--health-interval', '0', '--upstream', `n1=${node.url}`]);
    return { port: lb.port, node };
  }

  it('replaces spoofed X-Forwarded-For/-Proto/-Host and drops Forwarded', async () => {
    const { port, node } = await setup();
    const r = await call(port, {
      path: '/x',
      headers: { 'x-forwarded-for': '6.6.6.6', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example', forwarded: 'for=6.6.6.6', 'x-real-ip': '6.6.6.6' },
    });
    expect(r.status).toBe(200);
    const seen = node.seen[0]?.headers ?? {};
    expect(seen['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen['x-forwarded-proto']).toBe('http');
    expect(seen['x-forwarded-host']).toBe(`127.0.0.1:${port}`);
    expect(seen.forwarded).toBeUndefined();
    expect(seen['x-real-ip']).toBeUndefined();
  });

  it('strips hop-by-hop headers in both directions and passes x-served-by through', async () => {
    const { port, node } = await setup();
    const r = await call(port, { path: '/x', headers: { connection: 'x-secret', 'x-secret': '1', te: 'trailers', 'proxy-authorization': 'Basic eA==' } });
    const seen = node.seen[0]?.headers ?? {};
    expect(seen['x-secret']).toBeUndefined();
    expect(seen.te).toBeUndefined();
    expect(seen['proxy-authorization']).toBeUndefined();
    expect(r.headers['x-served-by']).toBe('n1');
    expect(r.headers['x-hop']).toBeUndefined();
    expect(r.headers['keep-alive']).not.toBe('timeout=99');
  });

  it('sends an absolute-form request target to the node as a path', async () => {
    const { port, node } = await setup();
    const raw = await rawExchange(port, `GET http://evil.example/abs?q=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    expect(raw).toMatch(/^HTTP\/1\.1 200/);
    expect(node.seen[0]?.url).toBe('/abs?q=1');
  });

  it('sticky › never forwards the affinity cookie, keeps the others', async () => {
    const { port, node } = await setup('sticky');
    const first = await call(port, { path: '/x' });
    const affinity = cookieFrom(first) as string;
    await call(port, { path: '/y', headers: { cookie: `a=1; ${affinity}; b=2` } });
    expect(node.seen[1]?.headers.cookie).toBe('a=1; b=2');
  });
});
