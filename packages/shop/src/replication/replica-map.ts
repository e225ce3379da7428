// This node's copy of every replicated record. It owns the versions: a local write takes the next version of
// its key, a peer's record is merged by the conflict rule (record.ts). It never talks to the network; the
// replicator ships what write() and touch() return and feeds what peers send to apply().
import { ShopError } from '../errors.ts';
import { keepNewest, type MergeRule, type ReplicaRecord } from './record.ts';

/** A peer's version more than this ahead of ours for one key is refused: no shopper writes that much between two
 *  deliveries, so it is a bug or an attack, and accepting it would pin that key forever. */
export const MAX_VERSION_STEP = 1_000_000;

export interface ApplyResult {
  /** Records that replaced ours (or extended their expiry). */
  applied: number;
  /** Our records that beat the sender's: it adopts them and knows its write lost. */
  newer: ReplicaRecord[];
}

export class ReplicaMap {
  readonly nodeId: string;
  readonly #records = new Map<string, ReplicaRecord>();
  /** Per key, the expiry peers were last sent; touch() ships again only when it moved on enough. */
  readonly #shippedX = new Map<string, number>();
  readonly #now: () => number;
  readonly #merge: MergeRule;
  #ops = 0;

  constructor(nodeId: string, now: () => number = Date.now, merge: MergeRule = keepNewest) {
    this.nodeId = nodeId;
    this.#now = now;
    this.#merge = merge;
  }

  /** The live value of a key (undefined when absent, deleted or expired). Callers must not mutate it. */
  get(key: string): unknown {
    const r = this.#live(key);
    return r?.d ?? undefined;
  }

  /** Writes a value (null deletes) as the key's next version and returns the record to ship. */
  write(key: string, d: unknown, expiresAt: number): ReplicaRecord {
    if (++this.#ops % 1000 === 0) this.sweep();
    const current = this.#records.get(key);
    const record: ReplicaRecord = { k: key, v: (current?.v ?? 0) + 1, n: this.nodeId, x: expiresAt, d };
    this.#records.set(key, record);
    this.#shippedX.set(key, expiresAt);
    return record;
  }

  /** Moves a live record's expiry later without a new version. Returns it when peers should hear of it (their
   *  copy's expiry is more than `shipAfterMs` behind), else undefined: a read does not cost a message each. */
  touch(key: string, expiresAt: number, shipAfterMs: number): ReplicaRecord | undefined {
    const r = this.#live(key);
    if (!r) return undefined;
    if (expiresAt > r.x) r.x = expiresAt;
    if (r.x - (this.#shippedX.get(key) ?? 0) <= shipAfterMs) return undefined;
    this.#shippedX.set(key, r.x);
    return r;
  }

  /** Refuses the whole batch, before anything changes, when one version is implausibly far ahead of ours. */
  checkVersions(records: readonly ReplicaRecord[]): void {
    for (const r of records) {
      const ours = this.#live(r.k)?.v ?? 0;
      if (r.v > ours + MAX_VERSION_STEP) {
        throw new ShopError('SHOP_ERR_PEER_FUTURE_VERSION',
          `version ${r.v} of ${r.k} is more than ${MAX_VERSION_STEP} ahead of ours (${ours})`);
      }
    }
  }

  /** Merges peers' records in order by the merge rule (keepNewest: newer ones replace ours, replays and older ones
   *  change nothing but a later expiry). Ours is reported back when it beat theirs, so the sender can adopt it. */
  apply(records: readonly ReplicaRecord[]): ApplyResult {
    let applied = 0;
    const newer: ReplicaRecord[] = [];
    for (const incoming of records) {
      const ours = this.#live(incoming.k);
      const kept = this.#merge(ours, incoming) ?? ours;
      if (kept === undefined) continue;
      if (kept !== ours) {
        this.#records.set(incoming.k, kept);
        // A refresh of the same version is not news to ship on; another version is what peers were just sent.
        if (kept.v !== ours?.v || kept.n !== ours.n) this.#shippedX.set(incoming.k, kept.x);
        applied++;
      }
      if (ours && (kept.v !== incoming.v || kept.n !== incoming.n)) newer.push(kept);
    }
    return { applied, newer };
  }

  /** Every record still live, deletions included (so a joiner cannot bring an older copy back). */
  snapshot(): ReplicaRecord[] {
    this.sweep();
    return [...this.#records.values()];
  }

  /** Records past their expiry are dropped; an expired copy already counts as absent everywhere. */
  sweep(): void {
    const now = this.#now();
    for (const [key, r] of this.#records) {
      if (r.x < now) { this.#records.delete(key); this.#shippedX.delete(key); }
    }
  }

  /** Non-empty carts held here. */
  carts(): number {
    let n = 0;
    const now = this.#now();
    for (const r of this.#records.values()) {
      if (r.k.startsWith('c:') && r.x >= now && (r.d as { lines?: unknown[] } | null)?.lines?.length) n++;
    }
    return n;
  }

  /** Live sessions held here (every node's, not tombstones). */
  sessions(): number {
    let n = 0;
    const now = this.#now();
    for (const r of this.#records.values()) if (r.k.startsWith('s:') && r.x >= now && r.d !== null) n++;
    return n;
  }

  get size(): number {
    return this.#records.size;
  }

  #live(key: string): ReplicaRecord | undefined {
    const r = this.#records.get(key);
    return r && r.x >= this.#now() ? r : undefined;
  }
}
