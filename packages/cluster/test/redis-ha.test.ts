// The Redis HA topology with real redis-server processes: who is primary, a failover after SIGKILL, Sentinel's
// events, and a controller killed with SIGKILL leaving no process and no data dir behind.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ClusterError, startCluster, startRedisHa, type Cluster, type RedisHa, type SentinelEvent,
} from '../src/index.ts';
import { running, waitGone } from './helpers/pids.ts';

const CONTROLLER = fileURLToPath(new URL('./fixtures/redis-ha-controller.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('redis-ha topology', () => {
  let ha: RedisHa | undefined;
  const leftovers: number[] = [];
  afterEach(async () => {
    await ha?.close();
    ha = undefined;
    for (const pid of leftovers.splice(0)) if (running(pid)) process.kill(pid, 'SIGKILL');
  });

  it('starts a primary, a replica and three sentinels on free loopback ports; ' +
    'the sentinels name the primary', async () => {
    ha = await startRedisHa();
    expect(Object.values(ha.ports)).not.toContain(6379);
    expect(new Set(Object.values(ha.ports)).size).toBe(5);
    expect(await ha.primary()).toEqual({ member: 'redis-1', port: ha.ports['redis-1'] });
    expect(ha.sentinelList).toBe(
      ['sentinel-1', 'sentinel-2', 'sentinel-3'].map((m) => `127.0.0.1:${ha!.ports[m as 'sentinel-1']}`).join(','),
    );
    const conf = readFileSync(join(readlinkSync(`/proc/${ha.pids()['sentinel-1']}/cwd`), 'sentinel.conf'), 'utf8');
    expect(conf).toMatch(new RegExp(`sentinel monitor stateshift 127\\.0\\.0\\.1 ${ha.ports['redis-1']} 2`));
    expect(conf).not.toMatch(/6379/);
  }, 40_000);

  it('SIGKILL of the primary: the sentinels promote the replica (+odown, +switch-master) within 10 s', async () => {
    ha = await startRedisHa();
    const events: SentinelEvent[] = [];
    let switched: () => void = () => undefined;
    const switchedOnce = new Promise<void>((r) => { switched = r; });
    const watch = await ha.watch((e) => { events.push(e); if (e.type === '+switch-master') switched(); });
    const t = Date.now();
    ha.kill('redis-1');
    await switchedOnce;
    expect(Date.now() - t).toBeLessThan(10_000);
    expect(await ha.primary()).toEqual({ member: 'redis-2', port: ha.ports['redis-2'] });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['+sdown', '+odown', '+switch-master']));
    expect(events.find((e) => e.type === '+switch-master')?.message)
      .toBe(`stateshift 127.0.0.1 ${ha.ports['redis-1']} 127.0.0.1 ${ha.ports['redis-2']}`);
    await watch.close();
    // The old primary comes back as a replica of the new one.
    await ha.start('redis-1');
    expect(ha.running('redis-1')).toBe(true);
  }, 40_000);

  it('SIGKILL of the controller: no redis-server, sentinel or guard is left, and no data dir', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', CONTROLLER], {
      cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    });
    leftovers.push(proc.pid!);
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    const { pids, redisPids } = await new Promise<{ pids: number[]; redisPids: number[] }>((resolve, reject) => {
      createInterface({ input: proc.stdout! }).on('line', (line) => {
        if (line.startsWith('{"pids"')) resolve(JSON.parse(line));
      });
      void exited.then(() => reject(new Error('controller exited before printing pids')));
    });
    leftovers.push(...pids);
    expect(pids.length).toBe(10); // five redis-server processes, each with its guard
    const dirs = redisPids.map((pid) => readlinkSync(`/proc/${pid}/cwd`));
    expect(new Set(dirs).size).toBe(5);
    proc.kill('SIGKILL');
    await exited;
    expect(await waitGone(pids)).toEqual([]);
    for (const dir of dirs) expect(existsSync(dir), `${dir} removed`).toBe(false);
    leftovers.length = 0;
  }, 60_000);

  it('a stateless cluster on the topology (redisHa): nodes get REDIS_SENTINELS and name the primary; ' +
    'close() ends it all', async () => {
    let cluster: Cluster | undefined;
    try {
      cluster = await startCluster({ variant: 'stateless', nodes: 1, redisHa: true });
      expect(cluster.redisUrl).toBeUndefined();
      const primary = await cluster.redisHa!.primary();
      expect(primary?.member).toBe('redis-1');
      const health = await (await fetch(`${cluster.nodes()[0]!.url}/healthz`)).json() as { primary: string };
      expect(health.primary).toBe(`127.0.0.1:${primary?.port}`);
      const pids = cluster.redisHa!.allPids();
      expect(pids.length).toBe(10);
      await cluster.close();
      expect(await waitGone(pids)).toEqual([]);
    } finally {
      await cluster?.close();
    }
  }, 60_000);

  it('redisHa with redisUrl is refused before anything starts', async () => {
    const err = await startCluster({ variant: 'stateless', redisHa: true, redisUrl: 'redis://127.0.0.1:1' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterError);
    expect((err as ClusterError).code).toBe('CLUSTER_ERR_OPTIONS');
    expect((err as ClusterError).message).toMatch(/redisHa/);
    const stateful = await startCluster({ variant: 'stateful', redisHa: true }).catch((e: unknown) => e);
    expect((stateful as ClusterError).code).toBe('CLUSTER_ERR_OPTIONS');
  });
});
