// The fault of exercise 08, under a running load: the replica is cut off (SIGSTOP, and the primary drops its link,
// as in a partition or a long pause) for CUT_MS, then the primary is SIGKILLed and the replica let go, so the
// sentinels promote a replica that never received the last writes. Once the nodes reach the new primary, the old
// one is started again, empty, as its replica (what an operator does), so WAIT has a replica to count once more.
// Every wait is for an event (a sentinel's +switch-master, a replication link up, an answer) and bounded.
import type { RedisHa } from '@stateshift/cluster';
import { connectRedis, createLogger, type RedisConnection } from '@stateshift/shop';
import type { AddRecord, FailoverLoad } from './failover-load.ts';
import { notYet } from './workshop-error.ts';

export const CUT_MS = 800;
/** From the issue: a node answers writes again within 10 s of the SIGKILL. */
export const RECOVER_MS = 10_000;
const RESYNC_MS = 8_000;
const ACKED_AGAIN_MS = 6_000;

export interface Timeline {
  readonly cutAt: number;
  readonly killedAt: number;
  /** When the check saw a sentinel announce the promotion; undefined: not within the bound. */
  readonly switchedAt: number | undefined;
  /** When the check started the old primary again (to become a replica); undefined: it did not. */
  readonly rejoinAt: number | undefined;
  /** When the old primary, back as a replica, had its link up; undefined: not within the bound. */
  readonly resyncedAt: number | undefined;
}

export const isAck = (r: AddRecord): boolean => r.status >= 200 && r.status < 300;

/** An add that reached the new primary: acknowledged after the kill, or (with WAIT and no replica left) stored
 *  there but not confirmed: INDETERMINATE, sent after the promotion was announced. */
export function reachedNewPrimary(r: AddRecord, t: Pick<Timeline, 'killedAt' | 'switchedAt'>): boolean {
  if (r.sentAt < t.killedAt) return false;
  if (isAck(r)) return true;
  return r.code === 'SHOP_ERR_STORE_INDETERMINATE' && t.switchedAt !== undefined && r.sentAt >= t.switchedAt;
}

/** Runs the fault; resolves with when each part happened. `nodes`: the nodes whose recovery the scenario waits for. */
export async function runFailover(
  ha: RedisHa, load: FailoverLoad, nodes: readonly string[], steadyAcks: number,
): Promise<Timeline> {
  const before = await load.until(
    (rs) => nodes.every((n) => rs.filter((r) => r.node === n && isAck(r)).length >= steadyAcks), 8_000,
  );
  if (!before) {
    throw notYet(`before any fault, every node should have stored ${steadyAcks} adds; they did not within 8 s`);
  }
  const primary = await ha.primary();
  if (primary?.member !== 'redis-1') {
    throw new Error(`the sentinels name ${primary?.member ?? 'no primary'} before the fault`);
  }
  let switchedAt: number | undefined;
  const watch = await ha.watch((e) => { if (e.type === '+switch-master') switchedAt ??= e.at; });
  const logger = createLogger({ level: 'silent', nodeId: 'ws08-probe' });
  try {
    const cutAt = Date.now();
    ha.freeze('redis-2');
    const toPrimary = await connectRedis({ url: `redis://127.0.0.1:${primary.port}`, logger });
    await toPrimary.run((c) => c.sendCommand(['CLIENT', 'KILL', 'TYPE', 'replica'])).finally(() => toPrimary.close());
    await new Promise((resolve) => setTimeout(resolve, cutAt + CUT_MS - Date.now()));
    const killedAt = Date.now();
    ha.kill('redis-1');
    ha.thaw('redis-2');
    const recovered = await load.until((rs) => switchedAt !== undefined && nodes.every((n) =>
      rs.some((r) => r.node === n && reachedNewPrimary(r, { killedAt, switchedAt }))),
    killedAt + RECOVER_MS - Date.now());
    // Nodes that never reached the new primary have nothing to show once a replica is back: no need to wait for it.
    if (!recovered) return { cutAt, killedAt, switchedAt, rejoinAt: undefined, resyncedAt: undefined };
    const rejoinAt = Date.now();
    const resyncedAt = await rejoinAsReplica(ha, logger);
    if (resyncedAt !== undefined) {
      await load.until(
        (rs) => nodes.every((n) => rs.some((r) => r.node === n && isAck(r) && r.sentAt >= resyncedAt)), ACKED_AGAIN_MS,
      );
    }
    return { cutAt, killedAt, switchedAt, rejoinAt, resyncedAt };
  } finally {
    await watch.close();
  }
}

/** Starts the old primary again (empty: no persistence) and makes it a replica of the one the sentinels promoted;
 *  resolves when its replication link is up, or undefined when not within RESYNC_MS. */
async function rejoinAsReplica(ha: RedisHa, logger: ReturnType<typeof createLogger>): Promise<number | undefined> {
  const promoted = await ha.primary();
  if (promoted?.member !== 'redis-2') return undefined;
  // The promoted primary would wait repl-diskless-sync-delay (5 s) for more replicas before a full sync: one comes.
  const toPromoted = await connectRedis({ url: `redis://127.0.0.1:${promoted.port}`, logger });
  await toPromoted.run((c) => c.sendCommand(['CONFIG', 'SET', 'repl-diskless-sync-delay', '0']))
    .finally(() => toPromoted.close());
  await ha.stop('redis-1');
  await ha.start('redis-1');
  let old: RedisConnection | undefined;
  try {
    old = await connectRedis({ url: `redis://127.0.0.1:${ha.ports['redis-1']}`, logger });
    const c = old;
    await c.run((r) => r.sendCommand(['REPLICAOF', '127.0.0.1', String(promoted.port)]));
    const deadline = Date.now() + RESYNC_MS;
    while (Date.now() < deadline) {
      const info = String(await c.run((r) => r.sendCommand(['INFO', 'replication'])));
      if (/master_link_status:up/.test(info)) return Date.now();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return undefined;
  } finally {
    await old?.close();
  }
}
