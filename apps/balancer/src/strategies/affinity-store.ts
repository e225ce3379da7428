// --affinity table: maps opaque tokens (random UUIDs) to node ids inside the balancer. A cookie carries nothing
// a client could read or forge into a route, but the map is state: a restart or a second balancer knows none of
// it, and its capacity can be flooded. Least recently used pins go first; a pin idle past --affinity-max-idle ends.
import { randomUUID } from 'node:crypto';
import { NO_COOKIE, zeroInvalid, type Affinity, type AffinityRead, type AffinityView } from './affinity.ts';

const TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** One pin; it is also the read a lookup hands back (no allocation per request). */
class Pin {
  readonly kind = 'pin';
  readonly refresh = false;
  nodeId: string;
  lastSeen: number;
  constructor(nodeId: string, now: number) {
    this.nodeId = nodeId;
    this.lastSeen = now;
  }
}

export class AffinityStore implements Affinity {
  readonly mode = 'table';
  /** Insertion order is recency order: a lookup moves its pin to the end, so the first key is the LRU one. */
  #pins = new Map<string, Pin>();
  #counts = new Map<string, number>();
  #capacity: number;
  #maxIdleMs: number;
  #evictions = 0;
  #idleEnded = 0;
  #issued = 0;
  #invalid = zeroInvalid();

  constructor(capacity = 200_000, maxIdleSeconds = 1800) {
    this.#capacity = capacity;
    this.#maxIdleMs = maxIdleSeconds * 1000;
  }

  read(token: string | undefined, now: number): AffinityRead {
    if (token === undefined) return NO_COOKIE;
    if (token.length !== 36 || !TOKEN.test(token)) return this.#bad('malformed');
    const pin = this.#pins.get(token);
    if (pin === undefined) return this.#bad('unknown');
    if (now - pin.lastSeen > this.#maxIdleMs) {
      this.#drop(token, pin);
      this.#idleEnded++;
      return this.#bad('expired');
    }
    pin.lastSeen = now;
    this.#pins.delete(token);
    this.#pins.set(token, pin);
    return pin;
  }

  issue(nodeId: string, now: number): string {
    const token = randomUUID();
    this.#set(token, nodeId, now);
    this.#issued++;
    this.#endIdle(now);
    while (this.#pins.size > this.#capacity) this.#evictOldest();
    return token;
  }

  repin(token: string, nodeId: string, now: number): undefined {
    this.#set(token, nodeId, now);
  }

  forget(token: string): void {
    const pin = this.#pins.get(token);
    if (pin) this.#drop(token, pin);
  }

  sessions(nodeId: string): number {
    return this.#counts.get(nodeId) ?? 0;
  }

  view(): AffinityView {
    return {
      mode: 'table', maxIdleSeconds: this.#maxIdleMs / 1000, pins: this.#pins.size, capacity: this.#capacity,
      evictions: this.#evictions, idleEnded: this.#idleEnded, issued: this.#issued, invalid: { ...this.#invalid },
    };
  }

  #bad(reason: 'malformed' | 'unknown' | 'expired'): AffinityRead {
    this.#invalid[reason]++;
    return { kind: 'invalid', reason };
  }

  #set(token: string, nodeId: string, now: number): void {
    this.forget(token);
    this.#pins.set(token, new Pin(nodeId, now));
    this.#counts.set(nodeId, (this.#counts.get(nodeId) ?? 0) + 1);
  }

  #drop(token: string, pin: Pin): void {
    this.#pins.delete(token);
    this.#counts.set(pin.nodeId, (this.#counts.get(pin.nodeId) ?? 1) - 1);
  }

  /** Idle pins sit at the front (least recently used); ends them from there, a few per call. */
  #endIdle(now: number): void {
    for (let k = 0; k < 4; k++) {
      const first = this.#pins.entries().next();
      if (first.done || now - first.value[1].lastSeen <= this.#maxIdleMs) return;
      this.#drop(first.value[0], first.value[1]);
      this.#idleEnded++;
    }
  }

  #evictOldest(): void {
    const first = this.#pins.entries().next();
    if (first.done) return;
    this.#drop(first.value[0], first.value[1]);
    this.#evictions++;
  }
}
