// express-session's Store over the replica map: a session is the record `s:<session id>`, written whole on
// every save, a tombstone on destroy (so a logout on one node is a logout on all), its expiry refreshed on touch
// and shipped lazily. Callbacks fire when replicator.commit says the write may be answered.
// MAX_SESSIONS as in stateful: every node holds every node's sessions, so the cap counts them all; a session this
// node does not hold yet is refused beyond it (SHOP_ERR_CAPACITY), one arriving from a peer never is (it is stored
// there already), and a login's new id takes the room of the id it replaces.
import session from 'express-session';
import type { Request } from 'express';
import { ShopError } from '../errors.ts';
import type { SessionCounter } from '../sessions/session-counter.ts';
import type { Replicator } from './replicator.ts';

type Callback = (err?: unknown) => void;

/** A successor id never saved (its request failed) gives its room back after this long. */
const SUCCESSOR_MS = 10_000;

export class ReplicatedSessionStore extends session.Store implements SessionCounter {
  readonly maxSessions: number | null;
  readonly #replicator: Replicator;
  readonly #idleMs: number;
  /** New ids of regenerated sessions (login/logout), each with the time it was handed out: they need no room. */
  readonly #successors = new Map<string, number>();

  /** `maxSessions`: 0 or absent = no cap. */
  constructor(replicator: Replicator, options: { idleSeconds: number; maxSessions?: number }) {
    super();
    this.#replicator = replicator;
    this.#idleMs = options.idleSeconds * 1000;
    this.maxSessions = options.maxSessions ? options.maxSessions : null;
  }

  /** Live sessions this node holds (its own and its peers'). */
  sessionCount(): number {
    return this.#replicator.map.sessions();
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    const value = this.#replicator.map.get(`s:${sid}`);
    // A copy: express-session changes the object it is given, and the map's record must only change by write().
    cb(null, value ? JSON.parse(JSON.stringify(value)) as session.SessionData : null);
  }

  override set(sid: string, sess: session.SessionData, cb?: Callback): void {
    if (this.#replicator.map.get(`s:${sid}`) == null && !this.#successors.delete(sid) && this.#full()) {
      const err = new ShopError('SHOP_ERR_CAPACITY',
        `this node holds its maximum of ${this.maxSessions ?? 0} sessions; no new session was created`);
      if (cb) setImmediate(cb, err);
      return;
    }
    const record = this.#replicator.map.write(`s:${sid}`, JSON.parse(JSON.stringify(sess)), this.#expiry(sess));
    this.#replicator.commit(record).then(() => cb?.(), (err: unknown) => cb?.(err));
  }

  override destroy(sid: string, cb?: Callback): void {
    const record = this.#replicator.map.write(`s:${sid}`, null, Date.now() + this.#idleMs);
    this.#replicator.commit(record).then(() => cb?.(), (err: unknown) => cb?.(err));
  }

  override touch(sid: string, sess: session.SessionData, cb?: Callback): void {
    const record = this.#replicator.map.touch(`s:${sid}`, this.#expiry(sess), this.#idleMs / 10);
    if (record) this.#replicator.shipLater(record);
    cb?.();
  }

  override regenerate(req: Request, cb: Callback): void {
    const held = this.#replicator.map.get(`s:${req.sessionID}`) != null;
    super.regenerate(req, (err?: unknown) => {
      // express-session has generated the new id by now; it takes the room of the session it replaces.
      if (held) this.#successors.set(req.sessionID, Date.now());
      cb(err);
    });
  }

  /** map.size (every record) bounds the sessions from above, so the count runs only near the cap. */
  #full(): boolean {
    if (this.maxSessions === null) return false;
    const now = Date.now();
    for (const [sid, at] of this.#successors) if (now - at > SUCCESSOR_MS) this.#successors.delete(sid);
    const reserved = this.#successors.size;
    if (this.#replicator.map.size + reserved < this.maxSessions) return false;
    return this.sessionCount() + reserved >= this.maxSessions;
  }

  #expiry(sess: session.SessionData): number {
    const expires = sess.cookie?.expires;
    const at = expires ? new Date(expires).getTime() : NaN;
    return Number.isFinite(at) ? at : Date.now() + this.#idleMs;
  }
}
