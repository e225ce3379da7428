// loadConfig: defaults, validation naming the variable and the accepted values, frozen result.
import { expect, it } from 'vitest';
import { DEFAULT_MAX_SESSIONS, DEV_SESSION_SECRET, loadConfig, ShopError } from '../src/index.ts';

const stateless = { variant: 'stateless', cartStores: ['redis', 'session'] } as const;

it('config › defaults: port 3000, first cart store, dev secret flagged, 30 min idle timeout, frozen', () => {
  const c = loadConfig({}, stateless);
  expect(c).toMatchObject({
    port: 3000, cartStore: 'redis', logLevel: 'info', usingDevSecret: true, sessionIdleSeconds: 1800,
    sessionCookie: 'shop.sid',
  });
  expect(c.sessionSecrets).toEqual([DEV_SESSION_SECRET]);
  expect(Object.isFrozen(c)).toBe(true);
});

it('config › reads every variable; SESSION_SECRET is comma-separated, first signs', () => {
  const c = loadConfig({
    PORT: '0', NODE_ID: 'stateless-2', REDIS_URL: 'redis://127.0.0.1:7000', CART_STORE: 'session',
    LOG_LEVEL: 'warn', SESSION_SECRET: 'new, old', SESSION_IDLE_SECONDS: '60', SESSION_COOKIE: 'stateless.sid',
  }, stateless);
  expect(c).toMatchObject({ port: 0, nodeId: 'stateless-2', redisUrl: 'redis://127.0.0.1:7000', cartStore: 'session',
    logLevel: 'warn', usingDevSecret: false, sessionIdleSeconds: 60, sessionCookie: 'stateless.sid' });
  expect(c.sessionSecrets).toEqual(['new', 'old']);
});

it.each([
  ['CART_STORE', 'memory', 'redis | session'], ['PORT', '70000', '0..65535'], ['PORT', 'abc', '0..65535'],
  ['LOG_LEVEL', 'loud', 'info'], ['REDIS_URL', 'http://x', 'redis://'], ['SESSION_IDLE_SECONDS', '0', '1..'],
  ['NODE_ID', 'a b', 'letters'], ['SESSION_COOKIE', 'a;b', 'letters'],
])('config › %s=%s fails with SHOP_ERR_CONFIG naming the variable and the accepted values', (name, value, accepted) => {
  let error: unknown;
  try { loadConfig({ [name]: value }, stateless); } catch (err) { error = err; }
  expect(error).toBeInstanceOf(ShopError);
  expect((error as ShopError).code).toBe('SHOP_ERR_CONFIG');
  expect((error as ShopError).message).toContain(name);
  expect((error as ShopError).message).toContain(accepted);
});

it('config › MAX_SESSIONS: default DEFAULT_MAX_SESSIONS, 0 = no cap, ' +
  'anything but an integer in 0..10000000 fails naming it', () => {
  const stateful = { variant: 'stateful', cartStores: ['memory', 'session'] } as const;
  expect(loadConfig({}, stateful).maxSessions).toBe(DEFAULT_MAX_SESSIONS);
  expect(loadConfig({ MAX_SESSIONS: '0' }, stateful).maxSessions).toBe(0);
  expect(loadConfig({ MAX_SESSIONS: '250' }, stateful).maxSessions).toBe(250);
  for (const value of ['-1', 'many', '1e5', '10000001', '2.5']) {
    expect(() => loadConfig({ MAX_SESSIONS: value }, stateful))
      .toThrow(/MAX_SESSIONS=.*accepted: an integer in 0\.\.10000000/);
  }
});
