// Forwarding hygiene, for every proxy engine: X-Forwarded-* set by the balancer only, hop-by-hop headers
// stripped both ways, x-served-by passed through, absolute-form targets reduced to a path (any other form but
// origin-form refused), the affinity cookie kept.
import { afterEach, describe, expect, it } from 'vitest';
import type { Balancer } from '../src/index.ts';
import { call, cookieFrom, ENGINES, errorLog, startTestBalancer } from './helpers/balancer.ts';
import { startNode, type LocalNode } from './helpers/nodes.ts';
import { rawExchange, statuses } from './helpers/raw.ts';

let lb: Balancer | undefined;
let node: LocalNode | undefined;

afterEach(async () => {
  await lb?.close();
  await node?.close();
  lb = undefined;
  node = undefined;
});

describe.each(ENGINES)('forwarding [%s]', (engine) => {
  /** A balancer over one node; `logged` keeps the errors the balancer caught (a bug in the raw engine). */
  async function setup(strategy = 'round-robin'): Promise<{ port: number; node: LocalNode; logged: string[] }> {
    node = await startNode('n1');
    const log = errorLog();
    const flags = [
      '--engine', engine, '--strategy', strategy, '--health-interval', '0', '--upstream', `n1=${node.url}`,
    ];
    lb = await startTestBalancer(flags, { logger: log.logger });
    return { port: lb.port, node, logged: log.lines };
  }

  it('replaces spoofed X-Forwarded-For/-Proto/-Host and drops Forwarded', async () => {
    const { port, node } = await setup();
    const r = await call(port, {
      path: '/x',
      headers: {
        'x-forwarded-for': '6.6.6.6', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example',
        forwarded: 'for=6.6.6.6', 'x-real-ip': '6.6.6.6',
      },
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
    const r = await call(port, {
      path: '/x',
      headers: { connection: 'x-secret', 'x-secret': '1', te: 'trailers', 'proxy-authorization': 'Basic eA==' },
    });
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

  it('a request target that is neither origin-form nor absolute-form (DELETE p0) › 400, never forwarded as ' +
    'DELETE /', async () => {
    const { port, node, logged } = await setup();
    for (const target of ['p0', '?p6', '#p4', '\xff/p0', 'http:/x']) {
      node.seen.length = 0;
      const payload = `DELETE ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`;
      const raw = await rawExchange(port, Buffer.from(payload, 'latin1'), { end: true });
      const got = `payload=${JSON.stringify(payload)} received=${JSON.stringify(raw.slice(0, 120))}`;
      expect({ nodeSaw: node.seen.map((s) => `${s.method} ${s.url}`), statuses: statuses(raw) }, got)
        .toEqual({ nodeSaw: [], statuses: [400] });
    }
    expect(logged.join('\n'), 'errors the balancer caught and logged').toBe('');
  });

  it('sticky › never forwards the affinity cookie, keeps the others', async () => {
    const { port, node } = await setup('sticky');
    const first = await call(port, { path: '/x' });
    const affinity = cookieFrom(first) as string;
    await call(port, { path: '/y', headers: { cookie: `a=1; ${affinity}; b=2` } });
    expect(node.seen[1]?.headers.cookie).toBe('a=1; b=2');
  });
});
