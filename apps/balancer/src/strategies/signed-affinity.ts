// --affinity signed: the cookie carries the route itself, sealed (affinity-seal.ts), so the balancer keeps no
// pins: a restart loses nothing, every balancer with the same secret routes a shopper the same way, and a flood
// of new clients costs nothing but CPU. A pin ends when idle past --affinity-max-idle: the cookie is re-sealed
// with a new issued-at at most once a minute while the shopper keeps coming.
import type { Pool } from '../pool.ts';
import { NO_COOKIE, zeroInvalid, type Affinity, type AffinityRead, type AffinityView } from './affinity.ts';
import type { Opened, Sealer } from './affinity-seal.ts';

const REFRESH_AFTER_SEC = 60;
/** Values opened lately (a browser sends the same one until it is refreshed), so a request costs a Map lookup
 *  instead of an AES-GCM open. A cache of a pure function: bounded, and losing it changes nothing. */
const OPENED_CACHE = 10_000;

interface Cached { readonly opened: Opened; readonly which: number }

export class SignedAffinity implements Affinity {
  readonly mode = 'signed';
  readonly #pool: Pool;
  readonly #sealer: Sealer;
  readonly #maxIdleSec: number;
  #opened = new Map<string, Cached>();
  /** Per secret: node key → node id, for the nodes in the pool now; rebuilt when nodes come or go. */
  #byKey: Map<string, string>[] = [];
  #keyOf = new Map<string, string>();
  #stale = true;
  #issued = 0;
  #invalid = zeroInvalid();

  constructor(pool: Pool, sealer: Sealer, maxIdleSeconds: number) {
    this.#pool = pool;
    this.#sealer = sealer;
    this.#maxIdleSec = maxIdleSeconds;
    pool.onChange((e) => { if (e.from === null || e.to === 'removed') this.#stale = true; });
  }

  read(value: string | undefined, now: number): AffinityRead {
    if (value === undefined) return NO_COOKIE;
    const found = this.#open(value);
    if (typeof found === 'string') {
      this.#invalid[found]++;
      return { kind: 'invalid', reason: found };
    }
    const age = Math.floor(now / 1000) - found.opened.issuedAt;
    if (age > this.#maxIdleSec) {
      this.#invalid.expired++;
      return { kind: 'invalid', reason: 'expired' };
    }
    if (this.#stale) this.#reindex();
    const nodeId = this.#byKey[found.which]?.get(found.opened.nodeKey);
    return { kind: 'pin', nodeId, refresh: found.which !== 0 || age >= REFRESH_AFTER_SEC };
  }

  issue(nodeId: string, now: number): string {
    if (this.#stale) this.#reindex();
    let key = this.#keyOf.get(nodeId);
    if (key === undefined) {
      const node = this.#pool.get(nodeId);
      key = this.#sealer.nodeKey(node ? node.url : `id:${nodeId}`);
      this.#keyOf.set(nodeId, key);
    }
    this.#issued++;
    return this.#sealer.seal(key, Math.floor(now / 1000));
  }

  repin(_value: string, nodeId: string, now: number): string {
    return this.issue(nodeId, now);
  }

  forget(): void {
    // Nothing is held: the Set-Cookie that clears the cookie is the whole of it.
  }

  sessions(): null {
    return null;
  }

  view(): AffinityView {
    return {
      mode: 'signed', maxIdleSeconds: this.#maxIdleSec, pins: null, capacity: null, evictions: 0, idleEnded: 0,
      issued: this.#issued, invalid: { ...this.#invalid },
    };
  }

  #open(value: string): Cached | 'malformed' | 'forged' {
    const hit = this.#opened.get(value);
    if (hit) return hit;
    const result = this.#sealer.open(value);
    if (typeof result === 'string') return result;
    if (this.#opened.size >= OPENED_CACHE) this.#opened.delete(this.#opened.keys().next().value as string);
    this.#opened.set(value, result);
    return result;
  }

  #reindex(): void {
    this.#stale = false;
    this.#keyOf.clear();
    this.#byKey = Array.from({ length: this.#sealer.secretCount }, () => new Map<string, string>());
    for (const node of this.#pool.all()) {
      this.#byKey.forEach((map, which) => map.set(this.#sealer.nodeKey(node.url, which), node.id));
      this.#keyOf.set(node.id, this.#sealer.nodeKey(node.url));
    }
  }
}
