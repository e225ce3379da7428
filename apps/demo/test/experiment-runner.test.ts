// The dashboard's experiment runner with the real `pnpm experiment`: a short run ends "done" with a report link
// under the reports folder; only one run at a time; stop() ends the run's whole process group.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { groupMembers } from './helpers/pids.ts';
import { ExperimentRunner, type ExperimentStatus } from '../src/experiments/experiment-runner.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
let runner: ExperimentRunner | undefined;
let dir: string | undefined;

afterEach(async () => {
  await runner?.stop();
  runner = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function start(): {
  runner: ExperimentRunner; until: (match: (s: ExperimentStatus) => boolean) => Promise<ExperimentStatus>;
} {
  dir = mkdtempSync(join(tmpdir(), 'demo-exp-'));
  const r = new ExperimentRunner({ root: ROOT, reportsDir: dir, stopTimeoutMs: 15_000 });
  runner = r;
  const waiters: { match: (s: ExperimentStatus) => boolean; done: (s: ExperimentStatus) => void }[] = [];
  r.onChange(() => {
    const s = r.status();
    for (const w of [...waiters]) if (w.match(s)) { waiters.splice(waiters.indexOf(w), 1); w.done(s); }
  });
  return {
    runner: r,
    until: (match) => new Promise((done) => {
      if (match(r.status())) done(r.status()); else waiters.push({ match, done });
    }),
  };
}

describe('experiment runner (pnpm experiment as a child process)', () => {
  it('baseline › runs to "done" and links the report it wrote; a second run meanwhile is DEMO_ERR_BUSY', async () => {
    const { runner: r, until } = start();
    const first = r.run({ name: 'baseline', duration: 2 });
    expect(first).toMatchObject({ state: 'running', name: 'baseline' });
    expect(first.command).toContain('baseline --nodes 2 --duration 2 --fault-at 1 --out');
    expect(() => r.run({ name: 'kill-node' })).toThrow(expect.objectContaining({ code: 'DEMO_ERR_BUSY' }));
    const end = await until((s) => s.state !== 'running');
    expect(end.state, end.lines.join('\n')).toBe('done');
    expect(end.report).toMatch(/^\/reports\/[^/]+-baseline\/report\.(html|md)$/);
    expect(existsSync(join(dir as string, decodeURIComponent((end.report as string).slice('/reports/'.length)))))
      .toBe(true);
  }, 120_000);

  it('stop › ends a running experiment and every process of its group', async () => {
    const { runner: r, until } = start();
    r.run({ name: 'kill-node', duration: 60 });
    const pid = r.pid() as number;
    await until((s) => s.lines.some((l) => l.includes('▶')));
    await r.stop();
    expect(r.status().state).toMatch(/stopped|done/);
    expect(groupMembers(pid)).toEqual([]);
  }, 60_000);
});
