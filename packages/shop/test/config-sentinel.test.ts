// REDIS_SENTINELS / REDIS_MASTER_NAME / REDIS_WAIT: parsed once, and a bad value stops the real stateless entry
// before it listens, with SHOP_ERR_CONFIG naming the variable.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig, ShopError } from '../src/index.ts';

const STATELESS = fileURLToPath(new URL('../../../apps/shop-stateless/src/main.ts', import.meta.url));
const DEFAULTS = { variant: 'stateless', cartStores: ['redis', 'session'] } as const;

describe('config › Redis through Sentinel', () => {
  it('reads REDIS_SENTINELS, REDIS_MASTER_NAME (default stateshift) and REDIS_WAIT', () => {
    const c = loadConfig(
      { REDIS_SENTINELS: '127.0.0.1:26001, 127.0.0.1:26002,localhost:26003', REDIS_WAIT: '1:100' }, DEFAULTS,
    );
    expect(c.redisSentinels).toEqual([
      { host: '127.0.0.1', port: 26001 }, { host: '127.0.0.1', port: 26002 }, { host: 'localhost', port: 26003 },
    ]);
    expect(c.redisMasterName).toBe('stateshift');
    expect(c.redisWait).toEqual({ replicas: 1, timeoutMs: 100 });
    expect(loadConfig({ REDIS_SENTINELS: '127.0.0.1:1', REDIS_MASTER_NAME: 'shop-a' }, DEFAULTS).redisMasterName)
      .toBe('shop-a');
    expect(loadConfig({}, DEFAULTS)).toMatchObject({ redisSentinels: undefined, redisWait: undefined });
  });

  it.each([
    [{ REDIS_SENTINELS: '' }, 'REDIS_SENTINELS'],
    [{ REDIS_SENTINELS: '127.0.0.1' }, 'REDIS_SENTINELS'],
    [{ REDIS_SENTINELS: '127.0.0.1:26001,' }, 'REDIS_SENTINELS'],
    [{ REDIS_SENTINELS: '127.0.0.1:70000' }, 'REDIS_SENTINELS'],
    [{ REDIS_SENTINELS: 'a b:1' }, 'REDIS_SENTINELS'],
    [{ REDIS_SENTINELS: '127.0.0.1:26001', REDIS_URL: 'redis://127.0.0.1:7000' }, 'REDIS_URL and REDIS_SENTINELS'],
    [{ REDIS_SENTINELS: '127.0.0.1:26001', REDIS_MASTER_NAME: 'a b' }, 'REDIS_MASTER_NAME'],
    [{ REDIS_WAIT: '1' }, 'REDIS_WAIT'],
    [{ REDIS_WAIT: '0:100' }, 'REDIS_WAIT'],
    [{ REDIS_WAIT: '1:0' }, 'REDIS_WAIT'],
  ])('%j fails with SHOP_ERR_CONFIG naming %s', (env, name) => {
    const error = (() => { try { loadConfig(env, DEFAULTS); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(ShopError);
    expect((error as ShopError).code).toBe('SHOP_ERR_CONFIG');
    expect((error as ShopError).message).toContain(name);
  });

  it.each([
    [{ REDIS_SENTINELS: '' }, 'REDIS_SENTINELS'],
    [{ REDIS_SENTINELS: '127.0.0.1:nope' }, 'REDIS_SENTINELS'],
    [{ REDIS_SENTINELS: '127.0.0.1:26001', REDIS_URL: 'redis://127.0.0.1:7000' }, 'REDIS_URL and REDIS_SENTINELS'],
    // Neither: no default Redis (a default would be 127.0.0.1:6379, a Redis that is not ours).
    [{}, 'REDIS_URL is not set'],
  ])('the stateless process with %j exits non-zero with SHOP_ERR_CONFIG naming %s, ' +
    'never listening', async (env, name) => {
    const base = { ...process.env } as Record<string, string>;
    delete base.REDIS_URL;
    const child = fork(STATELESS, {
      execArgv: ['--import', 'tsx'], env: { ...base, PORT: '0', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
    let readied = false;
    child.on('message', () => { readied = true; });
    const [code] = await new Promise<[number | null, string | null]>((resolve) =>
      child.once('exit', (c, s) => resolve([c, s])));
    expect(readied).toBe(false);
    expect(code).not.toBe(0);
    expect(out).toContain('SHOP_ERR_CONFIG');
    expect(out).toContain(name);
  }, 30_000);
});
