// Starts one shop node (apps/shop-<variant>) as a child process on a free port and hands back its handle.
// The node reports { type: 'ready', port, nodeId } over IPC; we never guess its port or sleep.
import type { CartStoreKind, Variant } from '@stateshift/shop';
import { forkReady, type ChildExit } from './child.ts';
import { requestNodeMemory, type NodeMemory } from './node-memory.ts';
import type { OutputListener } from './output-tail.ts';
import { shopEntry } from './paths.ts';

export interface ShopNodeOptions {
  variant: Variant;
  /** NODE_ID, e.g. "stateful-1". */
  id: string;
  redisUrl?: string;
  cartStore?: CartStoreKind;
  /** Inherited variables (PATH, HOME...), see loadClusterConfig().baseEnv. */
  baseEnv?: Record<string, string>;
  /** Extra variables (SESSION_SECRET, LOG_LEVEL...); they win over everything but PORT and NODE_ID. */
  env?: Record<string, string>;
  /** Another entry file (tests); default apps/shop-<variant>/src/main.ts. */
  entry?: string;
  startTimeoutMs?: number;
  onOutput?: OutputListener;
}

export interface ShopNode {
  readonly id: string;
  readonly variant: Variant;
  readonly pid: number;
  readonly port: number;
  readonly url: string;
  /** The replicated variant's peer port (its ready message names it); undefined for the other variants. */
  readonly peerPort: number | undefined;
  readonly exited: Promise<ChildExit>;
  alive(): boolean;
  signal(signal: NodeJS.Signals): boolean;
  /** SIGKILL. */
  kill(): boolean;
  /** SIGSTOP. */
  freeze(): boolean;
  /** SIGCONT. */
  thaw(): boolean;
  /** SIGTERM, then SIGKILL after timeoutMs (default 6 s). */
  stop(timeoutMs?: number): Promise<ChildExit>;
  output(): string[];
  /** Its live JS heap after a full GC (and RSS), asked over IPC; null when it is gone or does not answer. */
  memory(timeoutMs?: number): Promise<NodeMemory | null>;
}

interface ShopReady { port: number; nodeId: string; peerPort?: number }

export async function startShopNode(options: ShopNodeOptions): Promise<ShopNode> {
  const env: Record<string, string> = { ...options.baseEnv, ...options.env, PORT: '0', NODE_ID: options.id };
  if (options.redisUrl) env.REDIS_URL = options.redisUrl;
  if (options.cartStore) env.CART_STORE = options.cartStore;
  const { child, ready } = await forkReady<ShopReady>({
    name: `shop node ${options.id}`,
    file: options.entry ?? shopEntry(options.variant),
    env,
    startTimeoutMs: options.startTimeoutMs ?? 20_000,
    readyMessage: shopReady,
    onOutput: options.onOutput,
  });
  return {
    id: options.id,
    variant: options.variant,
    pid: child.pid,
    port: ready.port,
    url: `http://127.0.0.1:${ready.port}`,
    peerPort: ready.peerPort,
    exited: child.exited,
    alive: child.alive,
    signal: child.signal,
    kill: () => child.signal('SIGKILL'),
    freeze: () => child.signal('SIGSTOP'),
    thaw: () => child.signal('SIGCONT'),
    stop: child.stop,
    output: child.output,
    memory: (timeoutMs) => requestNodeMemory(child.ipc, timeoutMs),
  };
}

function shopReady(message: unknown): ShopReady | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  if (m.type !== 'ready' || typeof m.port !== 'number' || m.port <= 0) return undefined;
  const peerPort = typeof m.peerPort === 'number' && m.peerPort > 0 ? { peerPort: m.peerPort } : {};
  return { port: m.port, nodeId: typeof m.nodeId === 'string' ? m.nodeId : '', ...peerPort };
}
