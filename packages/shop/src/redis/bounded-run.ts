// The fail-fast rules of every Redis operation, shared by the plain connection and the Sentinel one: each
// operation is raced against a deadline, and its failure is classified by what is known about it. An operation
// whose function was never handed a client (Sentinel still looking for a primary) certainly sent nothing, and is
// abandoned at the deadline so that it never runs later; one that was may have run.
import type { createClient } from 'redis';
import { storeFailure, ShopError } from '../errors.ts';
import { neverSent } from './never-sent.ts';

/** The same type as connection.ts's RedisClient, spelled here so the two files do not import each other. */
type RedisClient = ReturnType<typeof createClient>;

/** Hands `fn` a client connected to the primary, once one is ready. */
export type Execute = <T>(fn: (client: RedisClient) => Promise<T>) => Promise<T>;

export interface RedisWait {
  /** Replicas that must acknowledge a write. */
  readonly replicas: number;
  /** WAIT's own timeout. */
  readonly timeoutMs: number;
}

export interface BoundedRunner {
  run<T>(op: (client: RedisClient) => Promise<T>): Promise<T>;
  /** run(), then (with REDIS_WAIT) `WAIT replicas ms` on the same connection: too few acks → INDETERMINATE. */
  runWrite<T>(op: (client: RedisClient) => Promise<T>): Promise<T>;
}

export function boundedRunner(execute: Execute, timeoutMs: number, wait?: RedisWait): BoundedRunner {
  const bounded = async <T>(op: (c: RedisClient) => Promise<T>, limitMs: number): Promise<T> => {
    let dispatched = false;
    let abandoned = false;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => { abandoned = true; reject(new Error(`no answer within ${limitMs} ms`)); }, limitMs);
    });
    const guarded = (c: RedisClient): Promise<T> => {
      if (abandoned) return Promise.reject(new Error('abandoned at its deadline before it was sent'));
      dispatched = true;
      return op(c);
    };
    try {
      return await Promise.race([execute(guarded), deadline]);
    } catch (err) {
      if (err instanceof ShopError && err.code === 'SHOP_ERR_STORE_INDETERMINATE') throw err;
      const nothingRan = !dispatched || neverSent(err) || refusedAsReplica(err);
      throw storeFailure(nothingRan ? 'SHOP_ERR_STORE_UNAVAILABLE' : 'SHOP_ERR_STORE_INDETERMINATE', err);
    } finally {
      clearTimeout(timer);
    }
  };
  const run = <T>(op: (c: RedisClient) => Promise<T>) => bounded(op, timeoutMs);
  if (!wait) return { run, runWrite: run };
  const waitArgs = ['WAIT', String(wait.replicas), String(wait.timeoutMs)];
  return {
    run,
    // WAIT counts the replicas that have every write of this connection so far, so it must follow the write on
    // the very client that sent it: both run inside one op.
    runWrite: (op) => bounded(async (c) => {
      const reply = await op(c);
      const acked = Number(await c.sendCommand(waitArgs));
      if (acked < wait.replicas) {
        throw storeFailure('SHOP_ERR_STORE_INDETERMINATE',
          new Error(`WAIT: ${acked} of ${wait.replicas} replicas acknowledged within ${wait.timeoutMs} ms`));
      }
      return reply;
    }, timeoutMs + wait.timeoutMs),
  };
}

/** A demoted primary refuses every write before running it (a script fails at its first write, and ours write
 *  nothing before their first possible refusal), so READONLY proves the command changed nothing. */
function refusedAsReplica(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith('READONLY');
}
