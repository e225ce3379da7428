// The affinity seam inside the sticky strategy: how a pin is kept. `signed` seals the route into the cookie
// (no state in the balancer); `table` keeps today's token → node map (state, kept for the lesson). Neither does I/O.
import type { AFFINITY_VALUES } from '../config/values.ts';

type AffinityMode = (typeof AFFINITY_VALUES)[number];

/** Why a cookie value was ignored (and replaced). Each is counted. */
export type InvalidReason = 'malformed' | 'forged' | 'unknown' | 'expired';

/** What one request's affinity cookie said; read once per request, reused by its retries. */
export type AffinityRead =
  | { readonly kind: 'none' }
  | { readonly kind: 'invalid'; readonly reason: InvalidReason }
  /** nodeId undefined: a genuine pin to a node this balancer does not have (a sticky miss). */
  | { readonly kind: 'pin'; readonly nodeId: string | undefined; readonly refresh: boolean };

export const NO_COOKIE: AffinityRead = Object.freeze({ kind: 'none' });

export interface AffinityView {
  mode: AffinityMode;
  maxIdleSeconds: number;
  /** table: pins held now and the most it keeps; signed: null (the balancer holds none). */
  pins: number | null;
  capacity: number | null;
  /** table: pins forgotten to make room (least recently used first); signed: always 0. */
  evictions: number;
  /** table: pins ended by --affinity-max-idle. */
  idleEnded: number;
  /** Cookies issued (new pins, re-pins, signed refreshes). */
  issued: number;
  /** Cookie values ignored and replaced, by reason. */
  invalid: Record<InvalidReason, number>;
}

export interface Affinity {
  readonly mode: AffinityMode;
  /** Reads a cookie value (counting an invalid one); `now` in epoch ms. */
  read(value: string | undefined, now: number): AffinityRead;
  /** A cookie value pinning to `nodeId` (a new pin, or the refresh of a signed one). */
  issue(nodeId: string, now: number): string;
  /** The pin in `value` moves to `nodeId` (sticky miss, continue): the new cookie value, or undefined when the
   *  value itself stays valid (table: the same token now maps to the new node). */
  repin(value: string, nodeId: string, now: number): string | undefined;
  /** The pin in `value` ends (sticky miss, reject). */
  forget(value: string): void;
  /** Pins held for a node; null when the balancer holds none (signed). */
  sessions(nodeId: string): number | null;
  view(): AffinityView;
}

export function zeroInvalid(): Record<InvalidReason, number> {
  return { malformed: 0, forged: 0, unknown: 0, expired: 0 };
}
