// A running cluster: shop nodes, a balancer in front, maybe our own Redis. Every operation returns when it
// is done and records a timestamped event; close() ends every process. Made by startCluster().
import { EventEmitter } from 'node:events';
import type { Variant } from '@stateshift/shop';
import type { AdminClient, BalancerNodeState } from './admin-client.ts';
import { restartBalancer, startExtraBalancer, type ExtraBalancer, type LiveNode } from './balancer-restart.ts';
import type { ClusterParts } from './cluster-parts.ts';
import { ClusterError } from './errors.ts';
import { launchNode, nodeId } from './launch-node.ts';
import type { NodeMemory } from './node-memory.ts';
import type { RedisServer } from './redis-server.ts';
import type { RedisHa } from './redis-ha.ts';
import type { ShopNode } from './shop-node.ts';

export type NodeState = 'running' | 'frozen' | 'draining' | 'stopped' | 'killed' | 'exited';
export type ClusterEventType = 'kill' | 'freeze' | 'thaw' | 'stop' | 'add' | 'drain' | 'undrain' | 'remove' |
  'redis-stop' | 'redis-start' | 'redis-restart' | 'redis-kill' | 'redis-freeze' | 'redis-thaw' |
  'balancer-restart' | 'balancer-start';

export interface ClusterEvent {
  /** Epoch ms when the change took effect: signal sent, admin call acknowledged, node up, Redis stop begun/ready. */
  t: number;
  type: ClusterEventType;
  node?: string;
  /** Epoch ms when the operation returned. */
  doneAt: number;
  detail?: string;
}

export interface NodeInfo {
  id: string;
  url: string;
  port: number;
  pid: number;
  state: NodeState;
  /** What the balancer last said about it (undefined: not known to the balancer). */
  balancer: BalancerNodeState | undefined;
}

interface Entry {
  index: number; node: ShopNode; frozen: boolean; draining: boolean; ended?: 'stopped' | 'killed' | 'exited';
}

export class Cluster extends EventEmitter {
  readonly variant: Variant;
  readonly strategy: string;
  readonly balancerUrl: string;
  readonly adminUrl: string;
  readonly adminToken: string | undefined;
  readonly redisUrl: string | undefined;
  /** Primary, replica and sentinels (option `redisHa`): kill, freeze, ask who is primary. */
  readonly redisHa: RedisHa | undefined;
  readonly admin: AdminClient;
  readonly events: ClusterEvent[] = [];
  readonly #parts: ClusterParts;
  readonly #entries = new Map<string, Entry>();
  #lastIndex = 0;
  #closing: Promise<void> | undefined;

  constructor(parts: ClusterParts) {
    super();
    this.#parts = parts;
    this.variant = parts.ctx.options.variant;
    this.strategy = parts.ctx.options.strategy;
    this.balancerUrl = parts.balancer.url;
    this.adminUrl = parts.balancer.adminUrl;
    this.adminToken = parts.balancer.adminToken;
    this.redisUrl = parts.ctx.redisUrl;
    this.redisHa = parts.redisHa;
    this.admin = parts.ctx.admin;
    for (const node of parts.nodes) this.#track(node, ++this.#lastIndex);
  }

  nodes(): NodeInfo[] {
    return [...this.#entries.entries()].map(([id, e]) => ({
      id, url: e.node.url, port: e.node.port, pid: e.node.pid, state: stateOf(e), balancer: this.#parts.view.state(id),
    }));
  }

  /** Every pid this cluster started and that still runs (for leak checks). */
  pids(): {
    balancer: number; nodes: Record<string, number>; redis?: number; redisGuard?: number; extraBalancers?: number[];
  } {
    const nodes: Record<string, number> = {};
    for (const [id, e] of this.#entries) if (e.node.alive()) nodes[id] = e.node.pid;
    const { redis, extras } = this.#parts;
    const extraBalancers = extras?.filter((b) => b.alive()).map((b) => b.pid);
    return {
      balancer: this.#parts.balancer.pid, nodes, redis: redis?.pid(), redisGuard: redis?.guardPid(),
      ...(extraBalancers?.length ? { extraBalancers } : {}),
    };
  }

  /** The balancer's traffic port and admin port now (a restart keeps both; its pid changes). */
  balancerPid(): number {
    return this.#parts.balancer.pid;
  }

  /** SIGKILLs the balancer, waits `downMs`, starts it on the same ports with the same affinity secret and the
   *  nodes that still run; returns once it says they are all up. `t` is the SIGKILL. */
  async restartBalancer(downMs = 0): Promise<ClusterEvent> {
    this.#open();
    const { t, detail } = await restartBalancer(this.#parts, this.#liveNodes(), downMs);
    return this.#record('balancer-restart', t, undefined, detail);
  }

  /** A second (third...) balancer in front of the nodes that run now, with the same settings and affinity secret;
   *  nodes added later are registered with the first balancer only. close() stops it. */
  async startExtraBalancer(): Promise<ExtraBalancer> {
    this.#open();
    const extra = await startExtraBalancer(this.#parts, this.#liveNodes());
    this.#record('balancer-start', extra.upAt, undefined, extra.url);
    return extra;
  }

  async kill(id: string): Promise<ClusterEvent> {
    const e = this.#alive(id);
    e.ended = 'killed';
    const t = Date.now();
    e.node.kill();
    await e.node.exited;
    return this.#record('kill', t, id);
  }

  async freeze(id: string): Promise<ClusterEvent> {
    const e = this.#alive(id);
    const t = Date.now();
    e.node.freeze();
    e.frozen = true;
    return this.#record('freeze', t, id);
  }

  async thaw(id: string): Promise<ClusterEvent> {
    const e = this.#alive(id);
    const t = Date.now();
    e.node.thaw();
    e.frozen = false;
    return this.#record('thaw', t, id);
  }

  async stop(id: string): Promise<ClusterEvent> {
    const e = this.#alive(id);
    e.ended = 'stopped';
    const t = Date.now();
    const exit = await e.node.stop(this.#parts.ctx.options.stopTimeoutMs);
    e.frozen = false;
    return this.#record('stop', t, id, `exit code ${exit.code}, signal ${exit.signal}`);
  }

  async add(): Promise<ClusterEvent> {
    this.#open();
    const index = ++this.#lastIndex;
    const id = nodeId(this.#parts.ctx.options, index);
    const node = await launchNode(this.#parts.ctx, index);
    if (this.#closing) { await node.stop(this.#parts.ctx.options.stopTimeoutMs); this.#open(); }
    this.#track(node, index);
    await this.#parts.view.waitFor((s) => s.get(id) === 'up', this.#parts.ctx.options.upTimeoutMs, `${id} up`);
    return this.#record('add', Date.now(), id, node.url);
  }

  async drain(id: string): Promise<ClusterEvent> {
    const e = this.#entry(id);
    await this.admin.drain(id);
    e.draining = true;
    return this.#record('drain', Date.now(), id);
  }

  async undrain(id: string): Promise<ClusterEvent> {
    const e = this.#entry(id);
    await this.admin.undrain(id);
    e.draining = false;
    return this.#record('undrain', Date.now(), id);
  }

  /** Takes the node out of the balancer, stops it gracefully if it still runs, and forgets it. */
  async remove(id: string): Promise<ClusterEvent> {
    const e = this.#entry(id);
    await this.admin.remove(id);
    const t = Date.now();
    this.#parts.view.forget(id);
    if (e.node.alive()) { e.ended = 'stopped'; await e.node.stop(this.#parts.ctx.options.stopTimeoutMs); }
    this.#entries.delete(id);
    return this.#record('remove', t, id);
  }

  /** Node `id`'s live JS heap after a full GC (and RSS), asked over IPC; null when it is not running or silent. */
  nodeMemory(id: string, timeoutMs?: number): Promise<NodeMemory | null> {
    const e = this.#entries.get(id);
    return e && e.node.alive() && !e.ended && !e.frozen ? e.node.memory(timeoutMs) : Promise.resolve(null);
  }

  async stopRedis(): Promise<ClusterEvent> {
    const redis = this.#redis('stopRedis');
    const t = Date.now();
    await redis.stop();
    return this.#record('redis-stop', t);
  }

  async startRedis(): Promise<ClusterEvent> {
    const redis = this.#redis('startRedis');
    await redis.start();
    return this.#record('redis-start', Date.now());
  }

  async restartRedis(): Promise<ClusterEvent> {
    const redis = this.#redis('restartRedis');
    const t = Date.now();
    await redis.stop();
    await redis.start();
    return this.#record('redis-restart', t, undefined, `down ${Date.now() - t} ms`);
  }

  /** Ends everything: event stream, balancer, nodes, Redis. Idempotent; never throws. */
  close(): Promise<void> {
    this.#closing ??= closeParts(this.#parts, [...this.#entries.values()].map((e) => e.node));
    return this.#closing;
  }

  #liveNodes(): LiveNode[] {
    return [...this.#entries.entries()]
      .filter(([, e]) => e.node.alive() && !e.ended)
      .map(([id, e]) => ({ id, url: e.node.url }));
  }

  #track(node: ShopNode, index: number): void {
    const entry: Entry = { index, node, frozen: false, draining: false };
    this.#entries.set(node.id, entry);
    void node.exited.then(() => { entry.ended ??= 'exited'; });
  }

  #record(type: ClusterEventType, t: number, node?: string, detail?: string): ClusterEvent {
    const event: ClusterEvent = {
      t, type, ...(node === undefined ? {} : { node }), ...(detail === undefined ? {} : { detail }), doneAt: Date.now(),
    };
    this.events.push(event);
    this.emit('event', event);
    return event;
  }

  #open(): void {
    if (this.#closing) throw new ClusterError('CLUSTER_ERR_CLOSED', 'the cluster is closed');
  }

  #entry(id: string): Entry {
    this.#open();
    const e = this.#entries.get(id);
    if (!e) {
      throw new ClusterError(
        'CLUSTER_ERR_UNKNOWN_NODE', `no node "${id}"; nodes: ${[...this.#entries.keys()].join(', ')}`,
      );
    }
    return e;
  }

  #alive(id: string): Entry {
    const e = this.#entry(id);
    if (!e.node.alive() || e.ended) {
      throw new ClusterError('CLUSTER_ERR_NODE_STATE', `node "${id}" is ${stateOf(e)}, not running`);
    }
    return e;
  }

  #redis(op: string): RedisServer {
    this.#open();
    const { redis } = this.#parts;
    if (!redis) {
      throw new ClusterError('CLUSTER_ERR_REDIS_NOT_MANAGED', this.redisUrl
        ? `${op}: Redis at ${this.redisUrl} was given (REDIS_URL), not started by the cluster; ` +
          'it cannot be stopped or started from here'
        : this.redisHa ? `${op}: this cluster runs on Redis HA; control its members through cluster.redisHa`
        : `${op}: this ${this.variant} cluster runs without Redis`);
    }
    return redis;
  }
}

function stateOf(e: Entry): NodeState {
  if (e.ended) return e.ended;
  if (e.frozen) return 'frozen';
  return e.draining ? 'draining' : 'running';
}

async function closeParts(parts: ClusterParts, nodes: ShopNode[]): Promise<void> {
  const timeout = parts.ctx.options.stopTimeoutMs;
  parts.watch.close();
  for (const w of parts.extraWatches ?? []) w.close();
  await Promise.allSettled([
    parts.balancer.stop(timeout),
    ...(parts.extras ?? []).map((b) => b.stop(timeout)),
    ...nodes.map((n) => n.stop(timeout)),
  ]);
  await parts.redis?.close().catch(() => {});
  await parts.redisHa?.close().catch(() => {});
}
