// The Redis HA topology on the variant's clock: the primary at load start, the sentinels' events (each kept
// once: three sentinels publish the same +odown or +switch-master), and who was primary when. Pure.
import type { SentinelEvent } from '@stateshift/cluster';
import type { ExperimentEvent, VariantResult } from '../results-schema.ts';
import type { RequestRecord } from '../shoppers/history.ts';
import { isFailure } from './error-classes.ts';

export interface RedisHaRecord {
  /** REDIS_WAIT of the nodes, null without. */
  wait: string | null;
  /** Member of each port (`redis-1`...), to name the addresses Sentinel announces. */
  members: Record<number, string>;
  /** The primary the sentinels named before the load (epoch ms). */
  initial: { at: number; member: string; port: number } | null;
  events: SentinelEvent[];
}

const SHOWN = new Set(['+sdown', '-sdown', '+odown', '-odown', '+switch-master', '+convert-to-slave']);
const WRITES = new Set(['POST', 'PATCH', 'DELETE', 'PUT']);

export function redisHaEvents(record: RedisHaRecord, t0: number): ExperimentEvent[] {
  const events: ExperimentEvent[] = [];
  if (record.initial) {
    events.push({
      t: 0, type: 'redis-primary', node: record.initial.member,
      detail: `primary at load start: 127.0.0.1:${record.initial.port}`,
    });
  }
  const seen = new Set<string>();
  for (const e of record.events) {
    // Each sentinel publishes its own +odown (`#quorum 2/2`, `#quorum 3/2`): one event per fact, not per sentinel.
    const key = `${e.type} ${e.message.replace(/ #.*$/, '')}`;
    if (!SHOWN.has(e.type) || seen.has(key)) continue;
    seen.add(key);
    const switched = e.type === '+switch-master' ? parseSwitch(e.message) : undefined;
    const detail = switched
      ? `${name(record, switched.from)} (127.0.0.1:${switched.from}) -> ` +
        `${name(record, switched.to)} (127.0.0.1:${switched.to}), first from ${e.sentinel}`
      : `${e.message} (first from ${e.sentinel})`;
    const node = switched ? name(record, switched.to) : memberIn(record, e.message);
    events.push({ t: e.at - t0, type: e.type as ExperimentEvent['type'], ...(node ? { node } : {}), detail });
  }
  return events;
}

export function redisHaSummary(
  record: RedisHaRecord, t0: number, records: readonly RequestRecord[], faultAtMs: number | null,
): NonNullable<VariantResult['redisHa']> {
  const primaries: NonNullable<VariantResult['redisHa']>['primaries'] = [];
  if (record.initial) {
    primaries.push({ fromMs: 0, member: record.initial.member, address: `127.0.0.1:${record.initial.port}` });
  }
  const seen = new Set<string>();
  for (const e of record.events) {
    const s = e.type === '+switch-master' ? parseSwitch(e.message) : undefined;
    if (!s || seen.has(e.message)) continue;
    seen.add(e.message);
    primaries.push({ fromMs: e.at - t0, member: name(record, s.to), address: `127.0.0.1:${s.to}` });
  }
  let writesFailedForMs: number | null = null;
  if (faultAtMs !== null) {
    const ends = records
      .filter((r) => WRITES.has(r.method) && isFailure(r) && r.endedAt - t0 >= faultAtMs)
      .map((r) => r.endedAt - t0);
    // reduce, not Math.max(...ends): the failed writes of a failover can be too many for a spread.
    if (ends.length) writesFailedForMs = Math.round(ends.reduce((a, b) => Math.max(a, b)) - faultAtMs);
  }
  return { wait: record.wait, primaries, writesFailedForMs };
}

/** `+switch-master <name> <old ip> <old port> <new ip> <new port>`. */
function parseSwitch(message: string): { from: number; to: number } | undefined {
  const parts = message.split(' ');
  const from = Number(parts[2]);
  const to = Number(parts[4]);
  return Number.isInteger(from) && Number.isInteger(to) ? { from, to } : undefined;
}

function name(record: RedisHaRecord, port: number): string {
  return record.members[port] ?? `127.0.0.1:${port}`;
}

/** `master stateshift 127.0.0.1 6380 ...` / `slave 127.0.0.1:6381 127.0.0.1 6381 @ ...`: the member it is about. */
function memberIn(record: RedisHaRecord, message: string): string | undefined {
  const port = Number(message.split(' ')[3]);
  return Number.isInteger(port) ? record.members[port] : undefined;
}
