// express-session's Store over the replica map: a session is the record `s:<session id>`, written whole on
// every save, a tombstone on destroy (so a logout on one node is a logout on all), its expiry refreshed on touch
// and shipped lazily. Callbacks fire when replicator.commit says the write may be answered.
import session from 'express-session';
import type { Replicator } from './replicator.ts';

type Callback = (err?: unknown) => void;

export class ReplicatedSessionStore extends session.Store {
  readonly #replicator: Replicator;
  readonly #idleMs: number;

  constructor(replicator: Replicator, options: { idleSeconds: number }) {
    super();
    this.#replicator = replicator;
    this.#idleMs = options.idleSeconds * 1000;
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    const value = this.#replicator.map.get(`s:${sid}`);
    // A copy: express-session changes the object it is given, and the map's record must only change by write().
    cb(null, value ? JSON.parse(JSON.stringify(value)) as session.SessionData : null);
  }

  override set(sid: string, sess: session.SessionData, cb?: Callback): void {
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

  #expiry(sess: session.SessionData): number {
    const expires = sess.cookie?.expires;
    const at = expires ? new Date(expires).getTime() : NaN;
    return Number.isFinite(at) ? at : Date.now() + this.#idleMs;
  }
}
