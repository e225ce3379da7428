// --affinity signed with real balancer processes: the route lives in the sealed cookie, so a SIGKILLed and
// restarted balancer, or a second one with the same secret, routes every shopper where the first did; rotation
// keeps old cookies working; anything altered, foreign, truncated or expired is replaced (200) and counted.
import { afterEach, describe, expect, it } from 'vitest';
import { Sealer } from '../src/strategies/affinity-seal.ts';
import { call, cookieFrom } from './helpers/balancer.ts';
import { forkBalancer, forkMinimalNode, stopChildren, type Child } from './helpers/balancer-child.ts';

const SECRET = 'test-secret-number-one-0123456789';
const OLD = 'an-older-secret-being-rotated-out';

afterEach(stopChildren);

interface Shopper { cookie: string; node: string }

async function nodes(count = 3): Promise<Child[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => forkMinimalNode(`shop-node-${i + 1}`)));
}

function upstreams(list: Child[], ids = list.map((_, i) => `shop-node-${i + 1}`)): string[] {
  return list.flatMap((n, i) => ['--upstream', `${ids[i]}=http://127.0.0.1:${n.port}`]);
}

function balancer(list: Child[], extra: string[], ids?: string[]) {
  return forkBalancer([
    '--port', '0', '--strategy', 'sticky', '--health-interval', '0', ...extra, ...upstreams(list, ids),
  ]);
}

/** `n` new shoppers: each one's cookie and the node that served it. */
async function pin(port: number, n: number): Promise<Shopper[]> {
  const shoppers: Shopper[] = [];
  for (let i = 0; i < n; i++) {
    const r = await call(port, { path: '/' });
    expect(r.status).toBe(200);
    shoppers.push({ cookie: cookieFrom(r) as string, node: String(r.headers['x-served-by']) });
  }
  return shoppers;
}

async function servedBy(port: number, cookie: string) {
  const r = await call(port, { path: '/', headers: { cookie } });
  return { status: r.status, node: String(r.headers['x-served-by']), setCookie: cookieFrom(r) };
}

async function affinityView(adminPort: number): Promise<{
  mode: string; invalid: Record<string, number>; pins: number | null; evictions: number; issued: number;
}> {
  return (await call(adminPort, { path: '/nodes' })).json<{ affinity: never }>().affinity;
}

describe('--affinity signed (real balancer processes)', () => {
  it('SIGKILL and a restart on the same port with the same secret: 100 of 100 shoppers reach the same node, ' +
    'with no new cookie', async () => {
    const list = await nodes();
    const first = await balancer(list, ['--affinity-secret', SECRET]);
    const shoppers = await pin(first.port, 100);
    expect(new Set(shoppers.map((s) => s.node)).size).toBe(3);
    await first.kill();
    const again = await forkBalancer([
      '--port', String(first.port), '--strategy', 'sticky', '--health-interval', '0', '--affinity-secret', SECRET,
      ...upstreams(list),
    ]);
    expect(again.port).toBe(first.port);
    let same = 0;
    for (const s of shoppers) {
      const r = await servedBy(again.port, s.cookie);
      if (r.status === 200 && r.node === s.node && r.setCookie === undefined) same++;
    }
    expect(same).toBe(100);
    expect((await affinityView(again.adminPort)).invalid).toEqual({ malformed: 0, forged: 0, unknown: 0, expired: 0 });
  });

  it('two balancers with one secret agree for every shopper, ' +
    'whatever they call the nodes and in whatever order', async () => {
    const list = await nodes();
    const a = await balancer(list, ['--affinity-secret', SECRET]);
    const b = await balancer([...list].reverse(), ['--affinity-secret', SECRET], ['z', 'y', 'x']);
    const shoppers = await pin(a.port, 30);
    for (const s of shoppers) {
      // Alternating, as DNS round robin would: neither balancer re-pins, neither sends a new cookie.
      for (const port of [b.port, a.port, b.port]) {
        expect(await servedBy(port, s.cookie)).toEqual({ status: 200, node: s.node, setCookie: undefined });
      }
    }
    const fromB = await pin(b.port, 30);
    for (const s of fromB) expect((await servedBy(a.port, s.cookie)).node).toBe(s.node);
  });

  it('rotation: a cookie sealed under the old first secret routes when it is the second, ' +
    'and comes back sealed under the new one', async () => {
    const list = await nodes(2);
    const before = await balancer(list, ['--affinity-secret', OLD]);
    const shoppers = await pin(before.port, 10);
    await before.kill();
    const rotated = await balancer(list, ['--affinity-secret', `${SECRET},${OLD}`]);
    const onlyNew = await balancer(list, ['--affinity-secret', SECRET]);
    for (const s of shoppers) {
      const r = await servedBy(rotated.port, s.cookie);
      expect([r.status, r.node]).toEqual([200, s.node]);
      expect(r.setCookie).toBeDefined();
      // The re-sealed cookie opens under the new secret alone; the old one does not.
      expect((await servedBy(onlyNew.port, r.setCookie as string)).node).toBe(s.node);
      expect((await servedBy(onlyNew.port, s.cookie)).setCookie).not.toBe(s.cookie);
    }
    expect((await affinityView(onlyNew.adminPort)).invalid.forged).toBe(10);
  });

  it('a foreign-secret, flipped-bit, truncated or expired cookie: 200, ' +
    'replaced by a good one, counted by reason', async () => {
    const list = await nodes(2);
    const lb = await balancer(list, ['--affinity-secret', SECRET]);
    const foreign = await balancer(list, ['--affinity-secret', OLD]);
    const good = (await pin(lb.port, 1))[0] as Shopper;
    const value = good.cookie.slice('ss_lb='.length);
    const raw = Buffer.from(value, 'base64url');
    raw[20] = (raw[20] as number) ^ 0x01;
    const sealer = new Sealer([SECRET]);
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    const bad = {
      foreign: (await pin(foreign.port, 1))[0]?.cookie as string,
      flipped: `ss_lb=${raw.toString('base64url')}`,
      truncated: `ss_lb=${value.slice(0, -3)}`,
      expired: `ss_lb=${sealer.seal(sealer.nodeKey(`http://127.0.0.1:${list[0]?.port}`), hourAgo - 1800)}`,
    };
    for (const cookie of Object.values(bad)) {
      const r = await servedBy(lb.port, cookie);
      expect(r.status).toBe(200);
      expect(r.setCookie).toMatch(/^ss_lb=[A-Za-z0-9_-]{54}$/);
      expect((await servedBy(lb.port, r.setCookie as string)).node).toBe(r.node);
    }
    expect((await affinityView(lb.adminPort)).invalid).toEqual({ malformed: 1, forged: 2, unknown: 0, expired: 1 });
    const metrics = (await call(lb.adminPort, { path: '/metrics' })).body;
    expect(metrics).toContain('lb_affinity_invalid_total{mode="signed",reason="forged"} 2');
    expect(metrics).toContain('lb_affinity_invalid_total{mode="signed",reason="expired"} 1');
  });

  it('a pin is re-sealed when its cookie is over a minute old, not before; --affinity-max-idle ends it', async () => {
    const list = await nodes(2);
    const lb = await balancer(list, ['--affinity-secret', SECRET, '--affinity-max-idle', '600']);
    const sealer = new Sealer([SECRET]);
    const key = sealer.nodeKey(`http://127.0.0.1:${list[1]?.port}`);
    const now = Math.floor(Date.now() / 1000);
    const fresh = await servedBy(lb.port, `ss_lb=${sealer.seal(key, now - 10)}`);
    expect([fresh.node, fresh.setCookie]).toEqual(['shop-node-2', undefined]);
    const older = await servedBy(lb.port, `ss_lb=${sealer.seal(key, now - 120)}`);
    expect(older.node).toBe('shop-node-2');
    expect(older.setCookie).toMatch(/^ss_lb=/);
    const idle = await servedBy(lb.port, `ss_lb=${sealer.seal(key, now - 700)}`);
    expect(idle.setCookie).toMatch(/^ss_lb=/);
    expect((await affinityView(lb.adminPort)).invalid.expired).toBe(1);
  });

  it('the cookie names no node id, URL or port, in plain text or any encoding a test can try', async () => {
    const list = await nodes(3);
    const lb = await balancer(list, ['--affinity-secret', SECRET]);
    const shoppers = await pin(lb.port, 60);
    // Ids long enough that random bytes never spell them by chance (a 2-character id would, now and then).
    const needles = list.flatMap((n, i) => [`shop-node-${i + 1}`, String(n.port), `127.0.0.1:${n.port}`, `http://127.0.0.1:${n.port}`]);
    for (const { cookie } of shoppers) {
      const value = cookie.slice('ss_lb='.length);
      const decoded = [
        value, ...(['base64url', 'base64', 'hex'] as const).map((enc) => Buffer.from(value, enc).toString('latin1')),
      ];
      for (const text of decoded) {
        for (const needle of needles) expect(text.includes(needle), `${needle} in ${value}`).toBe(false);
      }
    }
  });

  it('without --affinity-secret the built-in development secret is used, with a loud warning', async () => {
    const list = await nodes(1);
    const lb = await balancer(list, []);
    expect((await pin(lb.port, 1))[0]?.cookie).toMatch(/^ss_lb=[A-Za-z0-9_-]{54}$/);
    expect(lb.stderr()).toContain('BUILT-IN DEVELOPMENT SECRET');
    const set = await balancer(list, ['--affinity-secret', SECRET]);
    await pin(set.port, 1);
    expect(set.stderr()).not.toContain('DEVELOPMENT SECRET');
  });
});
