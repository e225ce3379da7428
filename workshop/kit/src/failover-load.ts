// A bounded, paced load of acknowledged adds for the failover check (exercise 08): on every node, a few workers
// each act as one new shopper after another, adding p01..p20 once each, so an add is identified by (shopper,
// product). Every answer is recorded with when it was sent and answered; reading each cart back afterwards shows
// which acknowledged adds (2xx) are missing. Indeterminate answers are counted as such, never as stored or lost.
import { cartLines, Shopper } from './shopper.ts';

const PRODUCTS = Array.from({ length: 20 }, (_, i) => `p${String(i + 1).padStart(2, '0')}`);

export interface AddRecord {
  readonly node: string;
  readonly shopper: number;
  readonly productId: string;
  readonly sentAt: number;
  readonly answeredAt: number;
  /** 0: no HTTP answer (see `error`). */
  readonly status: number;
  /** The shop's error code of a non-2xx answer. */
  readonly code: string | undefined;
  readonly error: string | undefined;
}

export interface LoadOptions {
  /** node name → base URL. */
  readonly nodes: Readonly<Record<string, string>>;
  readonly workersPerNode: number;
  /** Pacing: a worker sends at most one add per this many ms (keeps the 2-core machine free for Redis). */
  readonly spacingMs: number;
  readonly maxAdds: number;
  readonly maxMs: number;
  /** Per request; an answer slower than this is recorded as no answer. */
  readonly requestTimeoutMs: number;
}

export interface FailoverLoad {
  readonly records: readonly AddRecord[];
  /** Resolves when `done(records)` is true, or false when the load ended (stopped or at its bounds) first. */
  until(done: (records: readonly AddRecord[]) => boolean, timeoutMs: number): Promise<boolean>;
  /** Stops sending and waits for the requests in flight. */
  stop(): Promise<void>;
  /** Reads every shopper's cart (with its own cookies) through the node at `via`: the acknowledged adds missing. */
  lostAcknowledged(via: string): Promise<{ acknowledged: number; lost: AddRecord[]; unreadable: number }>;
}

interface ShopperRun { id: number; node: string; client: Shopper }

export function startFailoverLoad(options: LoadOptions): FailoverLoad {
  const records: AddRecord[] = [];
  const shoppers: ShopperRun[] = [];
  const started = Date.now();
  let stopped = false;
  let sent = 0;
  const waiters = new Set<() => void>();
  const notify = () => { for (const w of waiters) w(); };
  const more = () => !stopped && sent < options.maxAdds && Date.now() - started < options.maxMs;

  const worker = async (node: string, url: string): Promise<void> => {
    while (more()) {
      const run: ShopperRun = { id: shoppers.length, node, client: new Shopper() };
      shoppers.push(run);
      for (const productId of PRODUCTS) {
        if (!more()) return;
        sent += 1;
        const sentAt = Date.now();
        const reply = await run.client.add(url, productId, 1, options.requestTimeoutMs);
        const answeredAt = Date.now();
        const code = (reply.body as { error?: { code?: string } } | undefined)?.error?.code;
        records.push({
          node, shopper: run.id, productId, sentAt, answeredAt, status: reply.status, code, error: reply.error,
        });
        notify();
        const rest = options.spacingMs - (answeredAt - sentAt);
        if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
      }
    }
  };
  const workers = Object.entries(options.nodes).flatMap(([node, url]) =>
    Array.from({ length: options.workersPerNode }, () => worker(node, url)));
  const all = Promise.allSettled(workers).then(() => { stopped = true; notify(); });

  return {
    records,
    until: (done, timeoutMs) => new Promise((resolve) => {
      const finish = (value: boolean) => { waiters.delete(check); clearTimeout(timer); resolve(value); };
      const check = () => {
        if (done(records)) finish(true);
        else if (stopped) finish(false);
      };
      const timer = setTimeout(() => finish(done(records)), timeoutMs);
      waiters.add(check);
      check();
    }),
    stop: async () => { stopped = true; await all; },
    lostAcknowledged: async (via) => {
      const acknowledged = records.filter((r) => r.status >= 200 && r.status < 300);
      const byShopper = new Map<number, AddRecord[]>();
      for (const r of acknowledged) byShopper.set(r.shopper, [...(byShopper.get(r.shopper) ?? []), r]);
      const lost: AddRecord[] = [];
      let unreadable = 0;
      const queue = [...byShopper.keys()];
      const reader = async (): Promise<void> => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          const run = shoppers[id]!;
          const reply = await run.client.cart(via);
          if (reply.status !== 200) { unreadable += 1; continue; }
          const held = new Set(cartLines(reply).map((l) => l.productId));
          for (const r of byShopper.get(id)!) if (!held.has(r.productId)) lost.push(r);
        }
      };
      await Promise.all([reader(), reader(), reader(), reader()]);
      return { acknowledged: acknowledged.length, lost, unreadable };
    },
  };
}
