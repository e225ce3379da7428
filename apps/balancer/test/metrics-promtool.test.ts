// GET /metrics through Prometheus' own checker: a real balancer and real nodes, traffic that fills every lb_*
// family (answers, a balancer-made error, an ejection and its retry, a malformed affinity cookie), then
// `promtool check metrics` on the text. Skipped without promtool on a workstation; under CI its absence is a
// failure (.ci/run installs it).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Balancer } from '../src/index.ts';
import { call, startTestBalancer } from './helpers/balancer.ts';
import { startNode, type LocalNode } from './helpers/nodes.ts';

const PROMTOOL = '/usr/bin/promtool';
const hasPromtool = existsSync(PROMTOOL);

let lb: Balancer | undefined;
let nodes: LocalNode[] = [];

afterEach(async () => {
  await lb?.close();
  await Promise.all(nodes.map((n) => n.close()));
  lb = undefined;
  nodes = [];
});

function promtoolCheck(text: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PROMTOOL, ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(text);
  });
}

/** Traffic that puts a line in every lb_* family: 2xx, an ejection plus retry, a 503 of the balancer's own. */
async function driveTraffic(engine: string, strategy: string[]): Promise<string> {
  const live = await startNode('live');
  const gone = await startNode('gone');
  nodes = [live, gone];
  lb = await startTestBalancer(['--engine', engine, ...strategy, '--health-interval', '60000',
    '--upstream', `live=${live.url}`, '--upstream', `gone=${gone.url}`]);
  await gone.close(); // refuses connections now: ejected on first use, the request retried on `live`
  for (let i = 0; i < 4; i++) expect((await call(lb.port, { path: '/x' })).status).toBe(200);
  await call(lb.port, { path: '/x', headers: { cookie: 'ss_lb=not-a-sealed-route' } });
  await live.close();
  await call(lb.port, { path: '/x' }); // no node left: LB_ERR_NO_UPSTREAM
  const reply = await call(lb.adminPort, { path: '/metrics' });
  expect(reply.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  return reply.body;
}

describe('GET /metrics › promtool check metrics', () => {
  if (!hasPromtool && process.env.CI) {
    it('promtool is installed', () => {
      expect.fail(`${PROMTOOL} is missing: under CI this test must run ` +
        '(install Debian\'s "prometheus" package; .ci/run does)');
    });
  }

  for (const [name, engine, strategy] of [
    ['round-robin, http-proxy', 'http-proxy', ['--strategy', 'round-robin']],
    ['sticky signed, raw', 'raw', ['--strategy', 'sticky']],
    ['sticky table, native', 'native', ['--strategy', 'sticky', '--affinity', 'table']],
  ] as const) {
    it.skipIf(!hasPromtool)(`${name} › passes, with every lb_* family filled and the process metrics`, async () => {
      const text = await driveTraffic(engine, [...strategy]);
      for (const line of ['lb_requests_total{node="live",class="2xx"} ', 'lb_ejections_total{node="gone"} 1',
        'lb_errors_total{code="LB_ERR_NO_UPSTREAM"} 1', 'lb_node_up{node="gone"} 0',
        'lb_request_duration_seconds_count ', '# TYPE process_cpu_seconds_total counter',
        '# TYPE nodejs_eventloop_lag_seconds gauge']) {
        expect(text).toContain(line);
      }
      if (strategy[1] === 'sticky') {
        expect(text).toMatch(/^lb_affinity_invalid_total\{mode="\w+",reason="malformed"\} 1$/m);
      }
      const { code, output } = await promtoolCheck(text);
      expect(output).toBe('');
      expect(code).toBe(0);
    });
  }
});
