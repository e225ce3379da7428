// Active health checks (GET <path> on a fixed rate, own connection each time) and passive ejection.
// A node added at run time is `down` until its first passing check; after an ejection it needs `rise` passes.
// It decides; the pool records (results, streaks, state): nothing here writes a node.
import { request } from 'node:http';
import type { LastHealth, Pool, PoolNode } from '../pool.ts';

export interface HealthOptions {
  readonly path: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly fall: number;
  readonly rise: number;
}

export class HealthChecker {
  #pool: Pool;
  #opts: HealthOptions;
  #timers = new Map<PoolNode, NodeJS.Timeout>();
  #running = new Set<PoolNode>();
  #everUp = new WeakSet<PoolNode>();
  #started = false;
  #stopped = false;
  /** Watched before start(): checked from start() on (a built balancer does no I/O until it listens). */
  #waiting = new Set<PoolNode>();
  #firstChecks: Promise<void>[] = [];

  constructor(pool: Pool, opts: HealthOptions) {
    this.#pool = pool;
    this.#opts = opts;
  }

  get enabled(): boolean {
    return this.#opts.intervalMs > 0;
  }

  /** Checks a node now and then every interval (from start() on, if not started yet). */
  watch(node: PoolNode): void {
    if (!this.enabled || this.#stopped) {
      this.#everUp.add(node);
      return;
    }
    if (this.#started) this.#begin(node);
    else this.#waiting.add(node);
  }

  /** Starts checking every node watched so far; later ones are checked as soon as they are watched. */
  start(): void {
    if (this.#started || this.#stopped) return;
    this.#started = true;
    for (const node of this.#waiting) this.#begin(node);
    this.#waiting.clear();
  }

  /** Settles when the first check of every node watched so far has ended (each is bounded by the health timeout).
   *  The balancer opens its traffic port after it: a request that came earlier would find a pinned node not yet
   *  up and re-pin its shopper elsewhere, which is what a restart must not do to a signed affinity cookie. */
  async firstRound(): Promise<void> {
    const pending = this.#firstChecks;
    this.#firstChecks = [];
    await Promise.all(pending);
  }

  unwatch(node: PoolNode): void {
    this.#waiting.delete(node);
    clearInterval(this.#timers.get(node));
    this.#timers.delete(node);
  }

  /** Passive ejection: the proxy saw the node refuse or reset a connection. Needs active checks to come back. */
  eject(node: PoolNode, reason: string): boolean {
    if (!this.enabled || !node.healthy) return false;
    this.#pool.eject(node, reason);
    return true;
  }

  stop(): void {
    this.#stopped = true;
    this.#waiting.clear();
    for (const timer of this.#timers.values()) clearInterval(timer);
    this.#timers.clear();
  }

  #begin(node: PoolNode): void {
    this.#firstChecks.push(this.#check(node));
    const timer = setInterval(() => void this.#check(node), this.#opts.intervalMs);
    timer.unref();
    this.#timers.set(node, timer);
  }

  async #check(node: PoolNode): Promise<void> {
    if (this.#running.has(node) || node.removed) return;
    this.#running.add(node);
    const result = await probe(node, this.#opts.path, this.#opts.timeoutMs);
    this.#running.delete(node);
    if (node.removed || this.#stopped) return;
    this.#pool.recordCheck(node, result);
    if (result.ok) this.#passed(node);
    else this.#failed(node, result);
  }

  #passed(node: PoolNode): void {
    if (node.healthy) return;
    const first = !this.#everUp.has(node);
    if (first || node.okStreak >= this.#opts.rise) {
      this.#everUp.add(node);
      this.#pool.setHealthy(
        node, true, first ? 'first health check passed' : `health check passed ${node.okStreak} times`,
      );
    }
  }

  #failed(node: PoolNode, result: LastHealth): void {
    if (node.healthy && node.failStreak >= this.#opts.fall) {
      const why = result.error ?? `status ${result.status}`;
      this.#pool.setHealthy(node, false, `health check failed ${node.failStreak} times (${why})`);
    }
  }
}

function probe(node: PoolNode, path: string, timeoutMs: number): Promise<LastHealth> {
  const started = performance.now();
  return new Promise((resolve) => {
    const done = (r: Omit<LastHealth, 'at' | 'latencyMs'>) => {
      clearTimeout(timer);
      resolve({ ...r, latencyMs: Math.round(performance.now() - started), at: Date.now() });
    };
    const req = request({
      host: node.hostname, port: node.port, path, method: 'GET', agent: false,
      headers: { 'user-agent': 'stateshift-balancer-health' },
    });
    const timer = setTimeout(() => {
      done({ ok: false, error: `timeout after ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    req.on('response', (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      done({ ok: status >= 200 && status < 300, status });
    });
    req.on('error', (err: NodeJS.ErrnoException) => done({ ok: false, error: err.code ?? err.message }));
    req.end();
  });
}
