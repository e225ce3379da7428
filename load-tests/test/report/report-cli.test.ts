// Runs `pnpm report` as a real child process: re-render, compare, index; missing and malformed input give a
// coded error naming the file or field, a non-zero exit, and write nothing.
import { execFile } from 'node:child_process';
import { access, copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from './render-fixture.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = path.join(ROOT, 'load-tests/src/report/report-cli.ts');
let work: string;

type Run = { code: number; stdout: string; stderr: string };
function report(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, timeout: 60_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

const exists = (f: string): Promise<boolean> => access(f).then(() => true, () => false);

/** A run folder as an experiment writes it: <dir>/<name>/results.json. */
async function runFolder(name: string, fixture: string): Promise<string> {
  const dir = path.join(work, 'reports', name);
  await mkdir(dir, { recursive: true });
  await copyFile(path.join(FIXTURES, `${fixture}.json`), path.join(dir, 'results.json'));
  return dir;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'stateshift-report-cli-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('pnpm report <run>', () => {
  it('re-renders report.md, report.html and the charts from a run folder and says where', async () => {
    const dir = await runFolder('20250514-093000-kill-node', 'kill-node');
    const r = await report(dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(path.join(dir, 'report.html'));
    for (const f of [
      'report.md', 'report.html', 'charts/outcome.svg', 'charts/latency.svg', 'charts/nodes-0.svg',
      'charts/errors-1.svg',
    ]) expect(await exists(path.join(dir, f)), f).toBe(true);
  });

  it.each([
    ['missing file', 'nope/results.json', 'REPORT_ERR_NOT_FOUND', 'no such file or folder'],
    ['cut-off JSON', 'malformed-not-json', 'REPORT_ERR_BAD_JSON', 'is not valid JSON'],
    ['missing field', 'malformed-missing-field', 'REPORT_ERR_BAD_FIELD', 'field "variants.0.integrity.cartsLost"'],
    ['wrong type', 'malformed-wrong-type', 'REPORT_ERR_BAD_FIELD', 'field "variants.1.failover.timeToEjectMs"'],
  ])('%s › exits 1 with a coded error naming the problem, and writes nothing', async (_name, input, code, text) => {
    const dir = input.includes('/') ? path.join(work, 'missing') : await runFolder(input, input);
    const r = await report(input.includes('/') ? path.join(work, input) : dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(code);
    expect(r.stderr).toContain(text);
    expect(await exists(path.join(dir, 'report.html'))).toBe(false);
  });

  it('without a run, or with an unknown option, exits 2 and prints the usage', async () => {
    for (const args of [[], ['--frobnicate', 'x']]) {
      const r = await report(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('REPORT_ERR_USAGE');
      expect(r.stderr).toContain('pnpm report compare <run A> <run B>');
    }
  });
});

describe('pnpm report compare', () => {
  it('writes compare.html/.md next to run B, says where, and flags the figures that got worse', async () => {
    const a = await runFolder('20250514-093000-kill-node', 'kill-node');
    const b = await runFolder('20250515-093000-kill-node', 'kill-node-worse');
    const r = await report('compare', a, b);
    expect(r.code, r.stderr).toBe(0);
    const out = path.join(work, 'reports', 'compare-20250514-093000-kill-node-vs-20250515-093000-kill-node');
    expect(r.stdout).toContain(path.join(out, 'compare.html'));
    expect(r.stdout).toContain('2 figures worse');
    const html = await readFile(path.join(out, 'compare.html'), 'utf8');
    const worse = [...html.matchAll(/data-compare="([^"]+)" data-variant="([^"]+)" data-worse="true"/g)]
      .map((m) => `${m[2]} ${m[1]}`);
    expect(worse.sort()).toEqual(['stateful cartsLost', 'stateful timeToEjectMs']);
    expect(html).toContain('data-figure="a:cartsLost" data-variant="stateful" data-value="17">17<');
    expect(html).toContain('data-figure="b:cartsLost" data-variant="stateful" data-value="21">21<');
    const md = await readFile(path.join(out, 'compare.md'), 'utf8');
    expect(md).toMatch(/\| stateful \| Carts lost \| 17 \| 21 \| \+4 \| ⚠ worse \|/);
    expect(md).toMatch(/\| stateless \| Carts lost \| 0 \| 0 \| 0 \|/);
  });
});

describe('pnpm report index', () => {
  it('lists every run folder with its verdict lines, and a broken run with its error', async () => {
    const dir = path.join(work, 'index-reports');
    const runs = [
      ['20250514-093000-kill-node', 'kill-node'], ['20250514-100000-scale-out', 'scale-out'],
      ['20250514-110000-race', 'race'], ['20250514-120000-broken', 'malformed-missing-field'],
    ];
    for (const [name, fixture] of runs) {
      await mkdir(path.join(dir, name!), { recursive: true });
      await copyFile(path.join(FIXTURES, `${fixture}.json`), path.join(dir, name!, 'results.json'));
    }
    await mkdir(path.join(dir, 'not-a-run'));
    const r = await report('index', dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`wrote ${path.join(dir, 'index.html')} listing 4 runs`);
    const html = await readFile(path.join(dir, 'index.html'), 'utf8');
    const listed = [...html.matchAll(/data-run="([^"]+)"/g)].map((m) => m[1]);
    expect(listed).toEqual(runs.map(([name]) => name).reverse());
    expect(html).toContain('stateful: 1 node killed at 10.0 s; 17 of 50 carts lost (34%); failed requests 212; ' +
      'back to normal after 2.1 s');
    expect(html).toContain('stateless (session cart): 400 concurrent adds');
    expect(html).toContain('variants.0.integrity.cartsLost');
  });
});
