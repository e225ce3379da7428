// sticky: the first response inserts an opaque affinity cookie; later requests go to the pinned node while it is
// healthy (draining included: existing sessions keep reaching it). A miss applies the --sticky-miss policy.
import type { Pool } from '../pool.ts';
import { AffinityStore } from './affinity-store.ts';
import type { MissPolicy } from './miss-policy.ts';
import { affinityCookie, clearAffinityCookie, readCookie } from './cookies.ts';
import { RoundRobin } from './round-robin.ts';
import { NO_NODE, type Pick, type PickInput, type Strategy } from './strategy.ts';

export class Sticky implements Strategy {
  readonly name = 'sticky';
  readonly cookieName: string;
  #pool: Pool;
  #miss: MissPolicy;
  #store = new AffinityStore();
  #spread: RoundRobin;

  constructor(pool: Pool, cookieName: string, miss: MissPolicy) {
    this.#pool = pool;
    this.cookieName = cookieName;
    this.#miss = miss;
    this.#spread = new RoundRobin(pool);
  }

  pick(input: PickInput): Pick {
    const token = readCookie(input.cookie, this.cookieName);
    const pinnedId = this.#store.lookup(token);
    if (token === undefined || pinnedId === undefined) return this.#fresh(input);
    const pinned = this.#pool.get(pinnedId);
    if (pinned && pinned.healthy && !input.exclude?.has(pinned)) return { kind: 'node', node: pinned };
    const policy = this.#miss.current;
    if (policy === 'reject') {
      this.#store.unpin(token);
      return { kind: 'miss', policy: 'reject', setCookie: clearAffinityCookie(this.cookieName) };
    }
    if (policy === 'drop') return { kind: 'miss', policy: 'drop' };
    const node = this.#spread.next(input.exclude);
    if (!node) return NO_NODE;
    this.#store.pin(token, node.id);
    return { kind: 'node', node, stickyMiss: 'continue' };
  }

  sessions(nodeId: string): number {
    return this.#store.count(nodeId);
  }

  #fresh(input: PickInput): Pick {
    const node = this.#spread.next(input.exclude);
    if (!node) return NO_NODE;
    return { kind: 'node', node, setCookie: affinityCookie(this.cookieName, this.#store.issue(node.id)) };
  }
}
