// A controller is a real child process (fixtures/controller.ts) that starts a cluster and prints its pids.
// However it ends (SIGKILL, SIGINT, a plain exit without close()), none of those pids may survive it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readlinkSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { running, waitGone } from './helpers/pids.ts';

const CONTROLLER = fileURLToPath(new URL('./fixtures/controller.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const leftovers: number[] = [];
const BOUND = 60_000; // a cluster start on two busy cores, plus the wait for the pids to go

afterEach(() => {
  // Only reached with entries when a test failed before its pids were seen gone: end what it left.
  for (const pid of leftovers.splice(0)) if (running(pid)) process.kill(pid, 'SIGKILL');
});

interface Controller {
  proc: ChildProcess;
  pids: number[];
  detail: { redis?: number };
  exited: Promise<{ code: number | null; signal: string | null }>;
}

async function startController(variant: string, nodes: number, mode: 'hold' | 'exit'): Promise<Controller> {
  const proc = spawn(process.execPath, ['--import', 'tsx', CONTROLLER, variant, String(nodes), mode], {
    cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  leftovers.push(proc.pid!);
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })));
  const { pids, detail } = await new Promise<{ pids: number[]; detail: { redis?: number } }>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      if (line.startsWith('{"pids"')) resolve(JSON.parse(line) as { pids: number[]; detail: { redis?: number } });
    });
    void exited.then(({ code }) => reject(new Error(`controller exited (${code}) before printing pids:\n${stderr}`)));
  });
  leftovers.push(...pids);
  return { proc, pids, detail, exited };
}

describe('leave nothing behind', () => {
  it('SIGKILL of the controller [stateless, 2 nodes]: nodes, balancer and Redis all go away', async () => {
    const c = await startController('stateless', 2, 'hold');
    expect(c.pids.length).toBe(5); // balancer, 2 nodes, redis-server, its guard
    expect(c.pids.every(running)).toBe(true);
    const redisDir = readlinkSync(`/proc/${c.detail.redis}/cwd`); // redis-server runs inside its --dir
    expect(redisDir).toContain('stateshift-redis-');
    c.proc.kill('SIGKILL');
    await c.exited;
    expect(await waitGone(c.pids)).toEqual([]);
    expect(existsSync(redisDir), 'the guard deletes the data dir when its parent dies').toBe(false);
    leftovers.length = 0; // all gone: never signal these pids again (the kernel may reuse them)
  }, BOUND);

  it('SIGINT of the controller [stateful, 1 node]: it cleans up, then dies of SIGINT', async () => {
    const c = await startController('stateful', 1, 'hold');
    expect(c.pids.length).toBe(2);
    c.proc.kill('SIGINT');
    expect(await c.exited).toEqual({ code: null, signal: 'SIGINT' });
    expect(await waitGone(c.pids)).toEqual([]);
    leftovers.length = 0; // all gone: never signal these pids again (the kernel may reuse them)
  }, BOUND);

  it('a controller that exits without close() [stateless, 1 node] leaves nothing', async () => {
    const c = await startController('stateless', 1, 'exit');
    expect(await c.exited).toEqual({ code: 0, signal: null });
    expect(await waitGone(c.pids)).toEqual([]);
    leftovers.length = 0; // all gone: never signal these pids again (the kernel may reuse them)
  }, BOUND);
});
