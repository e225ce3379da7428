// `pnpm demo` as a person starts it: a child process (its own process group, like a terminal's foreground job)
// on free ports comes up and answers; Ctrl-C (SIGINT to the group) leaves no process behind. Bad flags and a
// taken port: one line on stderr, exit 1, nothing started.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, isPortFree } from '@stateshift/cluster';
import { running, waitGone } from './helpers/pids.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
let child: ChildProcess | undefined;
let blocker: Server | undefined;

afterEach(async () => {
  if (child?.pid && child.exitCode === null && child.signalCode === null) {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  }
  child = undefined;
  await new Promise<void>((done) => (blocker ? blocker.close(() => done()) : done()));
  blocker = undefined;
});

/** A base port P with P, P+1 and P+2 all free right now. */
async function threeFreePorts(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const p = await freePort();
    if (p + 2 <= 65535 && (await isPortFree(p + 1)) && (await isPortFree(p + 2))) return p;
  }
  throw new Error('no three consecutive free ports');
}

function runDemo(args: string[]): { child: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null> } {
  const c = spawn('pnpm', ['demo', ...args], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child = c;
  let out = '';
  let err = '';
  c.stdout?.setEncoding('utf8').on('data', (s: string) => { out += s; });
  c.stderr?.setEncoding('utf8').on('data', (s: string) => { err += s; });
  const exited = new Promise<number | null>((done) => c.once('close', (code) => done(code)));
  return { child: c, out: () => out, err: () => err, exited };
}

describe('pnpm demo (child process)', () => {
  it('comes up on --port P, answers on P, P+1 and P+2, and on SIGINT leaves no process behind', async () => {
    const port = await threeFreePorts();
    const run = runDemo(['--port', String(port), '--nodes', '1', '--no-traffic']);
    await new Promise<void>((ready, fail) => {
      run.child.stdout?.on('data', () => { if (run.out().includes('Ctrl-C stops everything')) ready(); });
      void run.exited.then(() => fail(new Error(`demo exited early: ${run.out()}${run.err()}`)));
    });
    expect(run.out()).toContain(`http://localhost:${port}`);
    const pids = await (await fetch(`http://127.0.0.1:${port}/api/pids`)).json() as { demo: number; columns: { stateful: number[]; stateless: number[] } };
    expect((await fetch(`http://127.0.0.1:${port + 1}/api/products`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port + 2}/api/products`)).status).toBe(200);
    const all = [pids.demo, ...pids.columns.stateful, ...pids.columns.stateless, run.child.pid as number];
    expect(all.every(running)).toBe(true);
    process.kill(-(run.child.pid as number), 'SIGINT');
    await run.exited;
    expect(await waitGone(all)).toEqual([]);
    for (const p of [port, port + 1, port + 2]) expect(await isPortFree(p)).toBe(true);
  }, 90_000);

  it('a taken port: one clear line, exit 1, nothing started', async () => {
    const port = await threeFreePorts();
    blocker = createServer();
    await new Promise<void>((done) => blocker?.listen(port + 2, '127.0.0.1', done));
    const run = runDemo(['--port', String(port)]);
    expect(await run.exited).toBe(1);
    expect(run.err()).toMatch(new RegExp(`DEMO_ERR_PORT_IN_USE.*port ${port + 2} already in use`));
    expect(run.err()).not.toMatch(/\n\s+at /);
    expect(run.out()).not.toContain('starting');
    expect(await isPortFree(port)).toBe(true);
  }, 30_000);

  it.each([[['--nodes', 'lots']], [['--frobnicate']]])('bad flags %j: one clear line, exit 1', async (args) => {
    const run = runDemo(args);
    expect(await run.exited).toBe(1);
    expect(run.err()).toContain('DEMO_ERR_FLAGS');
    expect(run.err()).not.toMatch(/\n\s+at /);
  }, 30_000);
});
