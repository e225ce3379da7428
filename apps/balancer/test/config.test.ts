// Configuration and the CLI entry: bad flags fail at once naming the flag and the accepted values; a forked
// balancer reports { type: 'ready', port, adminPort }, stops on SIGTERM and exits when its parent disconnects.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LbError, loadConfig } from '../src/index.ts';
import { call } from './helpers/balancer.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
let child: ChildProcess | undefined;

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }
  child = undefined;
});

describe('config', () => {
  it('defaults, flags over environment variables, upstreams with and without ids', () => {
    const c = loadConfig(['--strategy', 'sticky', '--upstream', 'stateful-1=http://127.0.0.1:3001', '--upstream', 'http://127.0.0.1:3002'], { LB_STRATEGY: 'least-connections', LB_STICKY_MISS: 'reject' });
    expect(c).toMatchObject({
      strategy: 'sticky', stickyMiss: 'reject', port: 8081, adminPort: 9081, bodyLimit: 1_048_576,
      healthIntervalMs: 1000, healthTimeoutMs: 500, healthFall: 2, healthRise: 2, retries: 2,
    });
    expect(c.upstreams).toEqual([{ id: 'stateful-1', url: 'http://127.0.0.1:3001' }, { id: 'node-2', url: 'http://127.0.0.1:3002' }]);
    expect(Object.isFrozen(c)).toBe(true);
    expect([c.clientTimeoutMs, loadConfig([], { LB_CLIENT_TIMEOUT_MS: '1500' }).clientTimeoutMs])
      .toEqual([30_000, 1500]);
    // pnpm --filter @stateshift/balancer start -- --port 8090 passes the `--` through.
    expect(loadConfig(['--', '--port', '8090', '--strategy', 'sticky']))
      .toMatchObject({ port: 8090, strategy: 'sticky' });
    expect(loadConfig([], { LB_UPSTREAMS: 'a=http://127.0.0.1:1,http://127.0.0.1:2' }).upstreams.map((u) => u.id)).toEqual(['a', 'node-2']);
  });

  it.each([
    [['--strategy', 'random'], /--strategy \(LB_STRATEGY\) must be one of round-robin\|sticky\|least-connections/],
    [['--sticky-miss', 'panic'], /--sticky-miss .* continue\|reject\|drop/],
    [['--port', '70000'], /--port .* integer from 0 to 65535/],
    [['--client-timeout', '50'], /--client-timeout \(LB_CLIENT_TIMEOUT_MS\) must be an integer from 100 to 3600000/],
    [['--upstream', 'ftp://x'], /--upstream .* must use http:/],
    [['--upstream', 'a=http://127.0.0.1:1', '--upstream', 'a=http://127.0.0.1:2'], /duplicate upstream id "a"/],
    [['--nope'], /Unknown option '--nope'.*accepted flags: --upstream/],
  ])('rejects %j with LB_ERR_CONFIG naming the flag', (argv, message) => {
    expect(() => loadConfig(argv)).toThrow(LbError);
    expect(() => loadConfig(argv)).toThrow(message);
  });
});

describe('CLI entry [child process]', () => {
  it('a bad flag exits 2 at once with the message on stderr', async () => {
    child = fork(MAIN, ['--strategy', 'random'], {
      execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain(
      'LB_ERR_CONFIG: --strategy (LB_STRATEGY) must be one of round-robin|sticky|least-connections',
    );
  });

  it('reports ready over IPC, serves its admin port, and exits 0 on SIGTERM', async () => {
    child = fork(MAIN, ['--port', '0', '--admin-port', '0', '--log-level', 'silent'], {
      execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const [msg] = (await once(child, 'message')) as [{ type: string; port: number; adminPort: number }];
    expect(msg).toEqual({ type: 'ready', port: expect.any(Number), adminPort: expect.any(Number) });
    expect((await call(msg.adminPort, { path: '/nodes' })).json())
      .toEqual({ strategy: 'round-robin', stickyMiss: 'continue', nodes: [] });
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
  });

  it('exits when the parent disconnects the IPC channel', async () => {
    child = fork(MAIN, ['--port', '0', '--admin-port', '0', '--log-level', 'silent'], {
      execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    await once(child, 'message');
    const exited = once(child, 'exit');
    child.disconnect();
    expect((await exited)[0]).toBe(0);
  });
});
