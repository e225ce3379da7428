// sticky: the first response inserts an affinity cookie; later requests go to the pinned node while it is
// healthy (draining included: existing sessions keep reaching it). A miss applies the --sticky-miss policy.
// How a pin is kept (sealed in the cookie, or in a table here) is the Affinity seam's business.
import type { Pool } from '../pool.ts';
import type { Affinity, AffinityRead, AffinityView } from './affinity.ts';
import type { MissPolicy } from './miss-policy.ts';
import { affinityCookie, clearAffinityCookie, readCookie } from '../http/cookies.ts';
import { RoundRobin } from './round-robin.ts';
import { NO_NODE, type Pick, type PickInput, type Strategy } from './strategy.ts';

export class Sticky implements Strategy {
  readonly name = 'sticky';
  readonly cookieName: string;
  #pool: Pool;
  #miss: MissPolicy;
  #affinity: Affinity;
  #spread: RoundRobin;

  constructor(pool: Pool, cookieName: string, miss: MissPolicy, affinity: Affinity) {
    this.#pool = pool;
    this.cookieName = cookieName;
    this.#miss = miss;
    this.#affinity = affinity;
    this.#spread = new RoundRobin(pool);
  }

  pick(input: PickInput): Pick {
    // Read (and, signed, opened) once per request: a retry reuses it and an invalid value is counted once.
    let read: AffinityRead | undefined = input.affinity;
    if (read === undefined) {
      input.affinity = read = this.#affinity.read(readCookie(input.cookie, this.cookieName), Date.now());
    }
    if (read.kind !== 'pin') return this.#fresh(input);
    const pinned = read.nodeId === undefined ? undefined : this.#pool.get(read.nodeId);
    if (pinned && pinned.healthy && !input.exclude?.has(pinned)) {
      if (!read.refresh) return { kind: 'node', node: pinned };
      return {
        kind: 'node',
        node: pinned,
        setCookie: affinityCookie(this.cookieName, this.#affinity.issue(pinned.id, Date.now())),
      };
    }
    const value = readCookie(input.cookie, this.cookieName) as string;
    const policy = this.#miss.current;
    if (policy === 'reject') {
      this.#affinity.forget(value);
      return { kind: 'miss', policy: 'reject', setCookie: clearAffinityCookie(this.cookieName) };
    }
    if (policy === 'drop') return { kind: 'miss', policy: 'drop' };
    const node = this.#spread.next(input.exclude);
    if (!node) return NO_NODE;
    const moved = this.#affinity.repin(value, node.id, Date.now());
    return moved === undefined
      ? { kind: 'node', node, stickyMiss: 'continue' }
      : { kind: 'node', node, stickyMiss: 'continue', setCookie: affinityCookie(this.cookieName, moved) };
  }

  sessions(nodeId: string): number | null {
    return this.#affinity.sessions(nodeId);
  }

  affinityView(): AffinityView {
    return this.#affinity.view();
  }

  #fresh(input: PickInput): Pick {
    const node = this.#spread.next(input.exclude);
    if (!node) return NO_NODE;
    return {
      kind: 'node',
      node,
      setCookie: affinityCookie(this.cookieName, this.#affinity.issue(node.id, Date.now())),
    };
  }
}
