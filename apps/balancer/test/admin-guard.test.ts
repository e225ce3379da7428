// The admin plane refuses what a web page can send (issue #11, item 2): every mutation with a foreign Origin, a
// text/plain body (a "simple" cross-origin request) or a foreign Host (DNS rebinding) is refused with a coded
// error and changes nothing; GET with a foreign Host is refused too; the plane's own names and origin still work.
import { afterEach, describe, expect, it } from 'vitest';
import type { Balancer } from '../src/index.ts';
import { call, startTestBalancer, type CallOptions } from './helpers/balancer.ts';
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

async function setup(): Promise<number> {
  nodes = await Promise.all([startNode('n1'), startNode('n2')]);
  lb = await startTestBalancer(['--health-interval', '0', '--strategy', 'sticky',
    ...nodes.flatMap((n) => ['--upstream', `${n.id}=${n.url}`])]);
  return lb.adminPort;
}

/** Every mutation of the admin API, with the JSON body it takes. */
function mutations(extraUrl: string): CallOptions[] {
  return [
    { method: 'POST', path: '/nodes', body: JSON.stringify({ url: extraUrl, id: 'evil' }) },
    { method: 'DELETE', path: '/nodes/n1' },
    { method: 'POST', path: '/nodes/n1/drain' },
    { method: 'POST', path: '/nodes/n2/undrain' },
    { method: 'POST', path: '/sticky-miss', body: JSON.stringify({ policy: 'drop' }) },
  ];
}

/** The plane's state as a well-behaved client sees it (own Host, no Origin). */
async function state(adminPort: number): Promise<string> {
  const r = await call(adminPort, { path: '/nodes' });
  expect(r.status).toBe(200);
  const view = r.json<{ stickyMiss: string; nodes: { id: string; state: string; url: string }[] }>();
  return JSON.stringify({ stickyMiss: view.stickyMiss, nodes: view.nodes.map((n) => [n.id, n.state, n.url]) });
}

describe('admin plane › closed to web pages', () => {
  it('each mutation with a foreign Origin, a text/plain body or a foreign Host › coded 403/415, ' +
    'nothing changes', async () => {
    const adminPort = await setup();
    const before = await state(adminPort);
    const json = { 'content-type': 'application/json' };
    const shapes: [string, Record<string, string>, number, string][] = [
      ['foreign Origin', { ...json, origin: 'http://evil.example' }, 403, 'LB_ERR_ADMIN_FORBIDDEN_ORIGIN'],
      ['foreign Origin on our port', { ...json, origin: `http://evil.example:${adminPort}` }, 403, 'LB_ERR_ADMIN_FORBIDDEN_ORIGIN'],
      ['null Origin', { ...json, origin: 'null' }, 403, 'LB_ERR_ADMIN_FORBIDDEN_ORIGIN'],
      ['text/plain', { 'content-type': 'text/plain' }, 415, 'LB_ERR_ADMIN_MEDIA_TYPE'],
      ['form', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'LB_ERR_ADMIN_MEDIA_TYPE'],
      ['no Content-Type', {}, 415, 'LB_ERR_ADMIN_MEDIA_TYPE'],
      ['the cross-origin "simple" request', { 'content-type': 'text/plain', origin: 'http://evil.example' }, 403, 'LB_ERR_ADMIN_FORBIDDEN_ORIGIN'],
      [
        'foreign Host (DNS rebinding)', { ...json, host: `rebind.evil.example:${adminPort}` }, 403,
        'LB_ERR_ADMIN_FORBIDDEN_HOST',
      ],
      ['loopback Host, another port', { ...json, host: '127.0.0.1:80' }, 403, 'LB_ERR_ADMIN_FORBIDDEN_HOST'],
    ];
    for (const opts of mutations('http://127.0.0.1:9')) {
      for (const [what, headers, status, code] of shapes) {
        const r = await call(adminPort, { ...opts, headers });
        const where = `${opts.method} ${opts.path} with ${what}`;
        expect([r.status, r.headers['x-lb-error']], where).toEqual([status, code]);
        expect(r.json(), where).toMatchObject({ error: { code } });
      }
    }
    expect(await state(adminPort)).toBe(before);
  });

  it('GET with a foreign Host or without one › 403, for /nodes, /metrics and /events alike', async () => {
    const adminPort = await setup();
    for (const path of ['/nodes', '/metrics', '/events']) {
      const r = await call(adminPort, { path, headers: { host: `rebind.evil.example:${adminPort}` } });
      expect([r.status, r.headers['x-lb-error']], path).toEqual([403, 'LB_ERR_ADMIN_FORBIDDEN_HOST']);
    }
    const noHost = await rawExchange(adminPort, 'GET /nodes HTTP/1.0\r\n\r\n');
    expect(statuses(noHost)).toEqual([403]);
    expect(noHost).toContain('x-lb-error: LB_ERR_ADMIN_FORBIDDEN_HOST');
  });

  it('the plane\'s own names and origin › accepted (localhost, [::1], its own Origin)', async () => {
    const adminPort = await setup();
    for (const host of [
      `localhost:${adminPort}`, `LOCALHOST:${adminPort}`, `[::1]:${adminPort}`, `127.0.0.1:${adminPort}`,
    ]) {
      expect((await call(adminPort, { path: '/nodes', headers: { host } })).status, host).toBe(200);
    }
    const own = { 'content-type': 'application/json; charset=utf-8', origin: `http://localhost:${adminPort}` };
    const drained = await call(adminPort, { method: 'POST', path: '/nodes/n1/drain', headers: own });
    expect([drained.status, drained.json()]).toEqual([200, expect.objectContaining({ id: 'n1', state: 'draining' })]);
    const policy = await call(adminPort, {
      method: 'POST', path: '/sticky-miss', body: JSON.stringify({ policy: 'reject' }),
      headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${adminPort}` },
    });
    expect([policy.status, policy.json()]).toEqual([200, { stickyMiss: 'reject' }]);
  });
});
