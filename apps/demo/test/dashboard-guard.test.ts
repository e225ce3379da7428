// #11.3: no web page but the dashboard's own may drive the demo. Every change (POST) sent with a foreign
// Origin, as text/plain (a "simple" cross-site request) or to a foreign Host (DNS rebinding) is refused with
// its coded error and changes nothing; GET answers only to our own Host and Origin. Against a real 1+1 demo,
// whose balancers run the `native` engine: `--engine` reaches them through the cluster's balancerArgs.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type ColumnView, type DashboardState, type Demo } from '../src/index.ts';
import { rawRequest } from './helpers/raw-request.ts';

let demo: Demo;
let base: string;
let port: number;

beforeAll(async () => {
  demo = await startDemo({ port: 0, statefulPort: 0, statelessPort: 0, nodes: 1, traffic: false, engine: 'native' });
  base = demo.dashboardUrl.replace('localhost', '127.0.0.1');
  port = Number(new URL(base).port);
}, 60_000);

afterAll(async () => { await demo?.close(); }, 30_000);

/** Everything a change could alter: nodes and their processes, policies, Redis, traffic, the experiment. */
function observable(s: DashboardState): unknown {
  const column = (c: ColumnView | undefined) => ({
    nodes: c?.nodes.map((n) => [n.id, n.process]), stickyMiss: c?.stickyMiss, redis: c?.redis,
    presenter: c?.presenter.writes,
  });
  return {
    stateful: column(s.columns['stateful']), stateless: column(s.columns['stateless']),
    traffic: [s.traffic.on, s.traffic.rate], experiment: s.experiment.state,
  };
}

const MUTATIONS: [string, string][] = [
  ['/api/columns/stateful/nodes/stateful-1/kill', '{}'],
  ['/api/columns/stateful/nodes/stateful-1/freeze', '{}'],
  ['/api/columns/stateful/nodes/stateful-1/drain', '{}'],
  ['/api/columns/stateless/nodes/stateless-1/kill', '{}'],
  ['/api/columns/stateful/add', '{}'],
  ['/api/columns/stateless/redis-stop', '{}'],
  ['/api/columns/stateful/sticky-miss', '{"policy":"drop"}'],
  ['/api/columns/stateful/presenter/add', '{"productId":"p-1"}'],
  ['/api/columns/stateful/presenter/new', '{}'],
  ['/api/traffic', '{"on":true,"rate":20}'],
  ['/api/experiments/run', '{"name":"baseline","duration":2}'],
];

const ATTACKS: [string, (p: number) => Record<string, string>, number, string][] = [
  ['a foreign Origin', (p) => ({ host: `127.0.0.1:${p}`, origin: 'http://evil.example', 'content-type': 'application/json' }), 403, 'DEMO_ERR_ORIGIN'],
  ['Origin null (sandboxed page)',
    (p) => ({ host: `localhost:${p}`, origin: 'null', 'content-type': 'application/json' }), 403, 'DEMO_ERR_ORIGIN'],
  ['our host name on another port', (p) => ({ host: `localhost:${p}`, origin: `http://localhost:${p + 1}`, 'content-type': 'application/json' }), 403, 'DEMO_ERR_ORIGIN'],
  ['text/plain (a simple cross-site POST)', (p) => ({ host: `127.0.0.1:${p}`, 'content-type': 'text/plain' }),
    415, 'DEMO_ERR_CONTENT_TYPE'],
  ['a form post', (p) => ({ host: `127.0.0.1:${p}`, 'content-type': 'application/x-www-form-urlencoded' }),
    415, 'DEMO_ERR_CONTENT_TYPE'],
  ['no content type', (p) => ({ host: `127.0.0.1:${p}` }), 415, 'DEMO_ERR_CONTENT_TYPE'],
  ['a foreign Host (DNS rebinding)', (p) => ({ host: `rebind.evil.example:${p}`, 'content-type': 'application/json' }),
    403, 'DEMO_ERR_HOST'],
  ['localhost on another port', (p) => ({ host: `localhost:${p + 1}`, 'content-type': 'application/json' }),
    403, 'DEMO_ERR_HOST'],
  ['a Host without port', () => ({ host: 'localhost', 'content-type': 'application/json' }), 403, 'DEMO_ERR_HOST'],
];

describe('dashboard request guard (#11.3) [1+1 nodes]', () => {
  it.each(ATTACKS)('every change with %s is refused and changes nothing', async (_label, headers, status, code) => {
    const before = observable((await (await fetch(`${base}/api/state`)).json()) as DashboardState);
    const pids = await (await fetch(`${base}/api/pids`)).json();
    for (const [path, body] of MUTATIONS) {
      const answer = await rawRequest(`${base}${path}`, 'POST', headers(port), body);
      expect([path, answer.status, (JSON.parse(answer.text) as { error: { code: string } }).error.code])
        .toEqual([path, status, code]);
    }
    const after = (await (await fetch(`${base}/api/state`)).json()) as DashboardState;
    expect(observable(after)).toEqual(before);
    expect(await (await fetch(`${base}/api/pids`)).json()).toEqual(pids);
  }, 30_000);

  it.each([
    ['a foreign Host', (p: number) => ({ host: `rebind.evil.example:${p}` }), 403, 'DEMO_ERR_HOST'],
    ['a foreign Origin', (p: number) => ({ host: `localhost:${p}`, origin: 'http://evil.example' }), 403, 'DEMO_ERR_ORIGIN'],
  ])('GET with %s is refused too (the page, the state, the reports)', async (_label, headers, status, code) => {
    for (const path of ['/', '/api/state', '/api/pids', '/reports/']) {
      const answer = await rawRequest(`${base}${path}`, 'GET', headers(port));
      expect([path, answer.status, (JSON.parse(answer.text) as { error: { code: string } }).error.code])
        .toEqual([path, status, code]);
    }
  });

  it.each(['127.0.0.1', 'localhost', '[::1]'])('our own Host %s and Origin are answered; '
    + 'a JSON change goes through', async (name) => {
    const own = { host: `${name}:${port}`, origin: `http://${name}:${port}`, 'content-type': 'application/json; charset=utf-8' };
    expect((await rawRequest(`${base}/api/state`, 'GET', { host: own.host })).status).toBe(200);
    const answer = await rawRequest(`${base}/api/traffic`, 'POST', own, '{"rate":3}');
    expect([answer.status, (JSON.parse(answer.text) as { rate: number }).rate]).toEqual([200, 3]);
  });

  it('--engine reaches both balancers (their command line), and the shops answer through them', async () => {
    const pids = (await (await fetch(`${base}/api/pids`)).json()) as { columns: Record<string, number[]> };
    for (const [id, [balancer]] of Object.entries(pids.columns)) {
      const argv = readFileSync(`/proc/${balancer}/cmdline`, 'utf8').split('\0');
      expect(argv.slice(argv.indexOf('--engine'), argv.indexOf('--engine') + 2), id).toEqual(['--engine', 'native']);
      expect((await fetch(`${demo.shopUrls[id] ?? ''}/api/products`)).status).toBe(200);
    }
  });
});
