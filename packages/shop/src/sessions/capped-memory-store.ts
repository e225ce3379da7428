// express-session's MemoryStore with a stated limit: at most `maxSessions` live sessions in this process. Saving a
// session the store does not hold yet (a new shopper) beyond that fails with SHOP_ERR_CAPACITY; sessions it holds
// keep working, writes included, and a login's new session id replaces the old one without needing room.
// It also drops expired sessions (MemoryStore alone keeps them until they are read again), so the count is of live
// sessions and the memory of idle shoppers comes back.
import { MemoryStore, type SessionData } from 'express-session';
import type { Request } from 'express';
import { ShopError } from '../errors.ts';
import type { SessionCounter } from './session-counter.ts';

export interface CappedMemoryStoreOptions {
  /** 0 = no cap. */
  readonly maxSessions: number;
  readonly now?: () => number;
}

/** A full sweep of the expiry index at most this often (cheap: numbers only, no JSON). */
const SWEEP_EVERY_MS = 1000;

type Callback = (err?: unknown) => void;

export class CappedMemoryStore extends MemoryStore implements SessionCounter {
  readonly maxSessions: number | null;
  readonly #now: () => number;
  /** sid → expiry (ms since epoch), for every session this store holds. */
  readonly #expires = new Map<string, number>();
  /** New ids of regenerated sessions (login/logout), each with the time it was handed out: they need no room. */
  readonly #successors = new Map<string, number>();
  #sweptAt = 0;

  constructor(options: CappedMemoryStoreOptions) {
    super();
    this.maxSessions = options.maxSessions > 0 ? options.maxSessions : null;
    this.#now = options.now ?? Date.now;
  }

  /** Live sessions held (a sweep first when the last one is older than a second). */
  sessionCount(): number {
    this.#sweep();
    return this.#expires.size;
  }

  override set(sid: string, session: SessionData, callback?: Callback): void {
    if (!this.#expires.has(sid) && !this.#successors.delete(sid) && this.#full()) {
      const max = this.maxSessions ?? 0;
      const err = new ShopError('SHOP_ERR_CAPACITY',
        `this node holds its maximum of ${max} sessions; no new session was created`);
      if (callback) setImmediate(callback, err);
      return;
    }
    this.#expires.set(sid, expiryOf(session));
    super.set(sid, session, callback);
  }

  override touch(sid: string, session: SessionData, callback?: () => void): void {
    if (this.#live(sid)) this.#expires.set(sid, expiryOf(session));
    super.touch(sid, session, callback);
  }

  override destroy(sid: string, callback?: Callback): void {
    this.#expires.delete(sid);
    super.destroy(sid, callback);
  }

  override regenerate(req: Request, callback: Callback): void {
    const held = this.#live(req.sessionID);
    super.regenerate(req, (err?: unknown) => {
      // express-session has generated the new id by now; it takes the room of the session it replaces.
      if (held) this.#successors.set(req.sessionID, this.#now());
      callback(err);
    });
  }

  #live(sid: string): boolean {
    const expires = this.#expires.get(sid);
    return expires !== undefined && expires > this.#now();
  }

  #full(): boolean {
    if (this.maxSessions === null) return false;
    if (this.#expires.size + this.#successors.size < this.maxSessions) return false;
    this.#sweep();
    return this.#expires.size + this.#successors.size >= this.maxSessions;
  }

  #sweep(): void {
    const now = this.#now();
    if (now - this.#sweptAt < SWEEP_EVERY_MS) return;
    this.#sweptAt = now;
    for (const [sid, expires] of this.#expires) if (expires <= now) this.destroy(sid);
    // A successor id is saved right after it is handed out; one never saved (its request failed) expires.
    for (const [sid, at] of this.#successors) if (now - at > 10 * SWEEP_EVERY_MS) this.#successors.delete(sid);
  }
}

function expiryOf(session: SessionData): number {
  const expires = session.cookie?.expires;
  return expires ? new Date(expires).getTime() : Number.POSITIVE_INFINITY;
}
