// Maps opaque affinity tokens (random UUIDs) to node ids, so a cookie carries nothing a client could read or
// forge into a route. Bounded: past `capacity` the oldest pins are forgotten (their clients are re-pinned).
import { randomUUID } from 'node:crypto';

const TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export class AffinityStore {
  #pins = new Map<string, string>();
  #counts = new Map<string, number>();
  #capacity: number;

  constructor(capacity = 200_000) {
    this.#capacity = capacity;
  }

  /** The node a token is pinned to; undefined for garbage, forged, forgotten or never-issued tokens. */
  lookup(token: string | undefined): string | undefined {
    if (token === undefined || token.length !== 36 || !TOKEN.test(token)) return undefined;
    return this.#pins.get(token);
  }

  issue(nodeId: string): string {
    const token = randomUUID();
    this.pin(token, nodeId);
    if (this.#pins.size > this.#capacity) this.#evictOldest();
    return token;
  }

  pin(token: string, nodeId: string): void {
    this.unpin(token);
    this.#pins.set(token, nodeId);
    this.#counts.set(nodeId, (this.#counts.get(nodeId) ?? 0) + 1);
  }

  unpin(token: string): void {
    const old = this.#pins.get(token);
    if (old === undefined) return;
    this.#pins.delete(token);
    this.#counts.set(old, (this.#counts.get(old) ?? 1) - 1);
  }

  count(nodeId: string): number {
    return this.#counts.get(nodeId) ?? 0;
  }

  #evictOldest(): void {
    const first = this.#pins.keys().next();
    if (!first.done) this.unpin(first.value);
  }
}
