// docker-compose.yml checked against the project (no Docker engine runs here): every command exists, every
// variable is one the app reads, ports agree, and each balancer's registrar follows the right node service.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { balancerFlagDefaults, constValues, envVarsReadBy, exists, read } from './project-facts.ts';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  network_mode?: string;
  profiles?: string[];
  container_name?: string;
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const entryOf = (s: Service): string | undefined => s.command?.join(' ').match(/[\w/.-]+\.ts/)?.[0];

/** Which app a service runs, and the config files that app reads its environment from. */
const APPS: Record<string, { config: string[] }> = {
  'apps/shop-stateful/src/main.ts': { config: ['packages/shop/src/config.ts'] },
  'apps/shop-stateless/src/main.ts': { config: ['packages/shop/src/config.ts', 'packages/shop/src/config-redis.ts'] },
  'apps/balancer/src/main.ts': { config: ['apps/balancer/src/config/flags.ts', 'apps/balancer/src/config/config.ts'] },
  'docker/registrar.ts': { config: ['docker/registrar-config.ts'] },
  'apps/demo/src/main.ts': { config: ['apps/demo/src/config/demo-config.ts'] },
};
const ours = Object.entries(services).filter(([, s]) => s.image === 'stateshift:local');
const byEntry = (entry: string) => ours.filter(([, s]) => entryOf(s) === entry);
const portOf = (url: string | undefined) => Number(url?.match(/:(\d+)(\/|$)/)?.[1]);

describe('docker-compose.yml', () => {
  it('compose › every service of our image runs a file that exists, through an app we know', () => {
    expect(ours.length).toBeGreaterThan(0);
    for (const [name, s] of ours) {
      const entry = entryOf(s);
      expect(entry, name).toBeDefined();
      expect(exists(entry!), `${name}: ${entry}`).toBe(true);
      expect(Object.keys(APPS), name).toContain(entry);
    }
    expect(exists('Dockerfile')).toBe(true);
    for (const m of read('Dockerfile').matchAll(/^COPY (?!--)(\S+(?: \S+)*) \S+$/gm)) {
      for (const src of m[1]!.split(' ')) expect(exists(src), `Dockerfile COPY ${src}`).toBe(true);
    }
  });

  it('compose › every environment variable is one the app reads in its config file', () => {
    for (const [name, s] of ours) {
      const read = envVarsReadBy(...APPS[entryOf(s)!]!.config);
      for (const key of Object.keys(s.environment ?? {})) expect([...read], `${name}: ${key}`).toContain(key);
    }
  });

  it('compose › every node, balancer and Redis has a healthcheck on the port it listens on', () => {
    for (const [name, s] of Object.entries(services)) {
      if (entryOf(s) === 'docker/registrar.ts') continue;
      expect(s.healthcheck?.test, name).toBeDefined();
    }
    for (const entry of ['apps/shop-stateful/src/main.ts', 'apps/shop-stateless/src/main.ts']) {
      for (const [name, s] of byEntry(entry)) {
        const port = Number(s.environment?.PORT);
        expect(portOf(s.healthcheck!.test.join(' ')), name).toBe(port);
        expect(s.healthcheck!.test.join(' '), name).toContain('/readyz');
        expect(s.environment?.HOST, `${name} must listen beyond loopback`).toBe('0.0.0.0');
        expect(s.ports, `${name}: published ports would clash under --scale`).toBeUndefined();
        expect(s.container_name, `${name}: a fixed name forbids --scale`).toBeUndefined();
      }
    }
  });

  it('compose › balancers: ports, strategy and admin port agree with the balancer\'s flags', () => {
    const strategies = constValues('apps/balancer/src/config/values.ts', 'STRATEGY_VALUES');
    const misses = constValues('apps/balancer/src/config/values.ts', 'STICKY_MISS_VALUES');
    const defaults = balancerFlagDefaults();
    for (const [name, s] of byEntry('apps/balancer/src/main.ts')) {
      const env = s.environment ?? {};
      expect(strategies, name).toContain(env.LB_STRATEGY);
      if (env.LB_STICKY_MISS) expect(misses, name).toContain(env.LB_STICKY_MISS);
      expect(env.LB_HOST, name).toBe('0.0.0.0');
      expect(s.ports?.map((p) => p.split(':').at(-1)), name).toEqual([env.LB_PORT ?? defaults.get('LB_PORT')]);
      const admin = Number(env.LB_ADMIN_PORT ?? defaults.get('LB_ADMIN_PORT'));
      expect(portOf(s.healthcheck!.test.join(' ')), name).toBe(admin);
      expect(env.LB_UPSTREAMS, `${name}: upstreams come from its registrar`).toBeUndefined();
    }
  });

  it('compose › each balancer has one registrar, in its network, following the node service of its variant', () => {
    const variantOfEntry = (entry: string | undefined) => entry?.match(/shop-(stateful|stateless)/)?.[1];
    const balancers = byEntry('apps/balancer/src/main.ts');
    expect(balancers.map(([n]) => n).sort()).toEqual(['lb-stateful', 'lb-stateless', 'lb-stateless-ha']);
    for (const [lb, s] of balancers) {
      const registrars = byEntry('docker/registrar.ts').filter(([, r]) => r.network_mode === `service:${lb}`);
      expect(registrars, lb).toHaveLength(1);
      const env = registrars[0]![1].environment!;
      const nodes = services[env.REGISTRAR_SERVICE!];
      expect(nodes, `${lb}: REGISTRAR_SERVICE ${env.REGISTRAR_SERVICE}`).toBeDefined();
      const variant = variantOfEntry(entryOf(nodes!));
      expect(variant, lb).toBe(lb.replace('lb-', '').replace(/-ha$/, ''));
      expect(nodes!.profiles, `${lb}: its nodes run under its profile`).toEqual(s.profiles);
      expect(Number(env.REGISTRAR_NODE_PORT), lb).toBe(Number(nodes!.environment?.PORT));
      expect(portOf(env.REGISTRAR_ADMIN_URL), lb).toBe(Number(s.environment?.LB_ADMIN_PORT));
      expect(env.REGISTRAR_ADMIN_URL, lb).toMatch(/^http:\/\/127\.0\.0\.1:/);
      // the same strategies as `pnpm demo` and startCluster: sticky for stateful, round-robin for stateless
      expect(s.environment?.LB_STRATEGY, lb).toBe(variant === 'stateful' ? 'sticky' : 'round-robin');
    }
  });

  it('compose › the stateless nodes reach the redis service, and all replicas share one session secret', () => {
    for (const [name, s] of byEntry('apps/shop-stateless/src/main.ts')) {
      if (s.environment?.REDIS_SENTINELS) continue; // the redis-ha profile, below
      const url = new URL(s.environment!.REDIS_URL!);
      expect(services[url.hostname], `${name}: ${url.hostname}`).toBeDefined();
      expect(url.port, name).toBe('6379');
      expect(s.environment?.SESSION_SECRET, name).toBeTruthy();
    }
  });

  it('compose › profile redis-ha: a primary, its replica and three sentinels monitoring it (config written at start); '
    + 'its nodes find it through them', () => {
    const inProfile = Object.entries(services).filter(([, s]) => s.profiles?.includes('redis-ha'));
    const names = inProfile.map(([n]) => n);
    const sentinels = names.filter((n) => /sentinel/.test(n));
    expect(sentinels).toHaveLength(3);
    const replica = services['redis-ha-replica']!.command!.join(' ');
    expect(replica).toMatch(/--replicaof redis-ha-primary 6379/);
    expect(services['redis-ha-primary']!.profiles).toEqual(['redis-ha']);
    for (const name of sentinels) {
      const script = services[name]!.command!.join(' ');
      expect(script, name).toMatch(/'sentinel monitor stateshift redis-ha-primary 6379 2'/);
      expect(script, name).toMatch(/'sentinel down-after-milliseconds stateshift 1000'/);
      expect(script, name).toMatch(/'sentinel failover-timeout stateshift \d+'/);
      expect(script, name).toMatch(/> (\S+) && exec redis-server \1 --sentinel$/);
      expect(services[name]!.healthcheck!.test.join(' '), name).toContain('26379');
    }
    const nodes = byEntry('apps/shop-stateless/src/main.ts').filter(([, s]) => s.environment?.REDIS_SENTINELS);
    expect(nodes.map(([n]) => n)).toEqual(['shop-stateless-ha']);
    for (const [name, s] of nodes) {
      expect(s.profiles, name).toEqual(['redis-ha']);
      expect(s.environment?.REDIS_URL, `${name}: REDIS_URL and REDIS_SENTINELS exclude each other`).toBeUndefined();
      const addresses = s.environment!.REDIS_SENTINELS!.split(',');
      expect(addresses.map((a) => a.split(':')[0]).sort(), name).toEqual(sentinels.sort());
      for (const a of addresses) expect(a.split(':')[1], name).toBe('26379');
      expect(s.environment?.REDIS_MASTER_NAME ?? 'stateshift', name).toBe('stateshift');
    }
  });
});
