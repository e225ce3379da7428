// `pnpm demo` as a person starts it: a child process (its own process group, like a terminal's foreground job)
// on free ports comes up and answers; one Ctrl-C (SIGINT to the group) exits 0 with the closing line, no
// ELIFECYCLE and no process behind, through pnpm and through tsx alone. Bad flags, a taken port and a port we may
// not bind: one line on stderr, exit 1, nothing started.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

interface Run { child: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null> }

function runDemo(args: string[], command: readonly string[] = ['pnpm', 'demo']): Run {
  const [file = 'pnpm', ...pre] = command;
  const c = spawn(file, [...pre, ...args], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child = c;
  let out = '';
  let err = '';
  c.stdout?.setEncoding('utf8').on('data', (s: string) => { out += s; });
  c.stderr?.setEncoding('utf8').on('data', (s: string) => { err += s; });
  const exited = new Promise<number | null>((done) => c.once('close', (code) => done(code)));
  return { child: c, out: () => out, err: () => err, exited };
}

/** Starts the demo with `command`, waits until it is up, presses Ctrl-C once (SIGINT to its process group, as
 *  a terminal does) and checks the clean stop: exit 0, the closing line, no ELIFECYCLE, no process, no port. */
async function ctrlCOnce(command: readonly string[]): Promise<void> {
  const port = await threeFreePorts();
  const run = runDemo(['--port', String(port), '--nodes', '1', '--no-traffic'], command);
  await new Promise<void>((ready, fail) => {
    run.child.stdout?.on('data', () => { if (run.out().includes('Ctrl-C stops everything')) ready(); });
    void run.exited.then(() => fail(new Error(`demo exited early: ${run.out()}${run.err()}`)));
  });
  expect(run.out()).toContain(`http://localhost:${port}`);
  const pids = await (await fetch(`http://127.0.0.1:${port}/api/pids`)).json() as { demo: number; columns: Record<string, number[]> };
  expect((await fetch(`http://127.0.0.1:${port + 1}/api/products`)).status).toBe(200);
  expect((await fetch(`http://127.0.0.1:${port + 2}/api/products`)).status).toBe(200);
  const all = [pids.demo, ...Object.values(pids.columns).flat(), run.child.pid as number];
  expect(all.every(running)).toBe(true);
  process.kill(-(run.child.pid as number), 'SIGINT');
  const code = await run.exited;
  expect(code, run.out() + run.err()).toBe(0);
  expect(run.out()).toMatch(/stopped; nothing left running\n*$/);
  expect(run.out() + run.err()).not.toContain('ELIFECYCLE');
  expect(await waitGone(all)).toEqual([]);
  for (const p of [port, port + 1, port + 2]) expect(await isPortFree(p)).toBe(true);
}

/** The lowest port an unprivileged user may bind (Linux); ports below it answer EACCES. */
function unprivilegedPortStart(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8').trim());
  } catch {
    return 1024;
  }
}
const LOW_PORT = unprivilegedPortStart() - 3;
/** As root every port binds: run the demo as `nobody` to meet the refusal a normal user meets. */
const AS_USER = process.getuid?.() === 0
  ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', 'env', 'HOME=/tmp']
  : [];
/** `nobody` must reach the checkout to run the demo at all (a clone in a private folder, e.g. `mktemp -d`, is not
 *  readable by it): then the refusal cannot be met from here, and the test says so by being skipped. */
const USER_CAN_RUN = AS_USER.length === 0 ||
  spawnSync(AS_USER[0]!, [...AS_USER.slice(1), 'test', '-r', `${ROOT}package.json`]).status === 0;

describe('pnpm demo (child process)', () => {
  it('pnpm demo › comes up on --port P, answers on P, P+1 and P+2; one Ctrl-C exits 0, '
    + '"stopped; nothing left running", no ELIFECYCLE', async () => {
    await ctrlCOnce(['pnpm', 'demo']);
  }, 90_000);

  it('tsx apps/demo/src/main.ts › one Ctrl-C exits 0 the same way', async () => {
    await ctrlCOnce([`${ROOT}node_modules/.bin/tsx`, 'apps/demo/src/main.ts']);
  }, 90_000);

  it.skipIf(LOW_PORT < 1 || !USER_CAN_RUN)('a port we may not bind (EACCES): a permission problem, not "in use", '
    + 'with a port from 1024 up to try', async () => {
    const run = runDemo(['--port', String(LOW_PORT)], [...AS_USER, 'pnpm', 'demo']);
    expect(await run.exited).toBe(1);
    expect(run.err()).toMatch(/DEMO_ERR_PORT_DENIED.*not allowed to listen.*permission denied.*try --port (\d+)/);
    expect(Number(/try --port (\d+)/.exec(run.err())?.[1])).toBeGreaterThanOrEqual(1024);
    expect(run.err()).not.toContain('in use');
    expect(run.out()).not.toContain('starting');
  }, 30_000);

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
