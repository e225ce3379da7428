// A column on Redis HA (`pnpm demo --redis ha`): who is primary now, as the sentinels' majority says, refreshed on
// each of their events (+switch-master…), and the three buttons the room presses: Kill primary, Freeze primary,
// Thaw. The demo never guesses the primary: until the sentinels agree it says "electing…".
import type { ClusterEvent, RedisHa, RedisHaMember, SentinelEvent, SentinelWatch } from '@stateshift/cluster';
import { DemoError } from '../errors.ts';

/** Sentinel events a room should read in the status line (the others are steps of one failover). */
const SHOWN = new Set(['+sdown', '+odown', '+switch-master', '+failover-end', '-sdown', '+convert-to-slave']);

export interface RedisHaStatus {
  /** `redis-1`, `redis-2`, or `electing…` while no majority names one. */
  primary: string;
  /** The member frozen from here (`yes`/`no`: what the Freeze/Thaw buttons' enabledWhen reads). */
  frozen: 'yes' | 'no';
  /** The sentinels' last event worth showing, e.g. `+switch-master`; `—` before any. */
  sentinel: string;
  /** A data member killed from here and not started again (`yes`/`no`: the Bring back button's enabledWhen). */
  killed: 'yes' | 'no';
}

export class RedisHaPanel {
  readonly #ha: RedisHa;
  readonly #onChange: () => void;
  #primary: RedisHaMember | undefined;
  #frozen: RedisHaMember | undefined;
  readonly #killed = new Set<RedisHaMember>();
  #last = '—';
  #watch: SentinelWatch | undefined;
  #closed = false;
  /** Asks in flight are chained so an older answer never overwrites a newer one. */
  #asking: Promise<void> = Promise.resolve();

  private constructor(ha: RedisHa, onChange: () => void) {
    this.#ha = ha;
    this.#onChange = onChange;
  }

  static async start(ha: RedisHa, onChange: () => void): Promise<RedisHaPanel> {
    const panel = new RedisHaPanel(ha, onChange);
    panel.#watch = await ha.watch((e) => panel.#sentinelEvent(e));
    await panel.refresh();
    return panel;
  }

  status(): RedisHaStatus {
    return {
      primary: this.#primary ?? 'electing…', frozen: this.#frozen ? 'yes' : 'no', sentinel: this.#last,
      killed: this.#killed.size ? 'yes' : 'no',
    };
  }

  /** Re-asks the sentinels who is primary (also once a tick, in case an event was missed while one was down). */
  refresh(): Promise<void> {
    this.#asking = this.#asking.then(async () => {
      if (this.#closed) return;
      const found = (await this.#ha.primary().catch(() => undefined))?.member;
      if (found !== this.#primary) {
        this.#primary = found;
        this.#onChange();
      }
    });
    return this.#asking;
  }

  async killPrimary(): Promise<ClusterEvent> {
    const member = await this.#current('kill');
    const t = Date.now();
    this.#ha.kill(member);
    this.#killed.add(member);
    if (this.#frozen === member) this.#frozen = undefined;
    return {
      t, type: 'redis-kill', node: member, doneAt: Date.now(),
      detail: 'SIGKILL the primary; the sentinels promote the replica',
    };
  }

  async freezePrimary(): Promise<ClusterEvent> {
    if (this.#frozen) throw new DemoError('DEMO_ERR_ACTION', `${this.#frozen} is frozen already: Thaw it first`);
    const member = await this.#current('freeze');
    const t = Date.now();
    this.#ha.freeze(member);
    this.#frozen = member;
    return {
      t, type: 'redis-freeze', node: member, doneAt: Date.now(),
      detail: 'SIGSTOP the primary; when thawed it is demoted if a replica was promoted',
    };
  }

  async thaw(): Promise<ClusterEvent> {
    const member = this.#frozen;
    if (!member) throw new DemoError('DEMO_ERR_ACTION', 'no Redis member is frozen');
    const t = Date.now();
    this.#ha.thaw(member);
    this.#frozen = undefined;
    return { t, type: 'redis-thaw', node: member, doneAt: Date.now() };
  }

  /** Starts the killed data member again on its port and data dir; the sentinels make it the replica of the
   *  primary they promoted (`+convert-to-slave`), so a second Kill primary has somewhere to fail over to. */
  async bringBack(): Promise<ClusterEvent> {
    const member = [...this.#killed][0];
    if (!member) throw new DemoError('DEMO_ERR_ACTION', 'no Redis member was killed from here');
    const t = Date.now();
    await this.#ha.start(member);
    this.#killed.delete(member);
    return {
      t, type: 'redis-start', node: member, doneAt: Date.now(),
      detail: 'started again; the sentinels make it a replica',
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#watch?.close().catch(() => undefined);
    this.#watch = undefined;
  }

  async #current(op: string): Promise<RedisHaMember> {
    await this.refresh();
    const member = this.#primary;
    if (!member) {
      throw new DemoError('DEMO_ERR_ACTION',
        `cannot ${op} the primary: the sentinels agree on none right now (a failover is under way)`);
    }
    if (!this.#ha.running(member)) {
      throw new DemoError('DEMO_ERR_ACTION', `cannot ${op} the primary: ${member} is not running`);
    }
    return member;
  }

  /** The data member a sentinel message is about (its first port), or `redis-1 → redis-2` for a switch. */
  #members(message: string, isSwitch: boolean): string {
    const byPort = new Map(
      Object.entries(this.#ha.ports).filter(([m]) => m.startsWith('redis-')).map(([m, p]) => [String(p), m]),
    );
    const named = [...message.matchAll(/\b(\d{2,5})\b/g)]
      .map((m) => byPort.get(m[1] ?? ''))
      .filter((m) => m !== undefined);
    return isSwitch ? [...new Set(named)].join(' → ') : (named[0] ?? '');
  }

  #sentinelEvent(e: SentinelEvent): void {
    if (this.#closed) return;
    // One failover arrives once per sentinel: the status line changes once.
    const line = SHOWN.has(e.type)
      ? `${e.type} ${this.#members(e.message, e.type === '+switch-master')}`.trim()
      : undefined;
    if (line && this.#last !== line) { this.#last = line; this.#onChange(); }
    void this.refresh();
  }
}
