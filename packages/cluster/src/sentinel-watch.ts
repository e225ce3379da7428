// Talks to the sentinels of a Redis HA topology: which data node is primary now (by their majority), and their
// own events (+sdown, +odown, +switch-master...) read from their pub/sub. Never writes anything to them.
import { createClient } from 'redis';

export interface SentinelEvent {
  /** Epoch ms when we received it. */
  readonly at: number;
  /** Sentinel's channel: `+sdown`, `-sdown`, `+odown`, `+switch-master`, `+failover-end`... */
  readonly type: string;
  /** The sentinel that published it (`sentinel-1`...). */
  readonly sentinel: string;
  readonly message: string;
}

/** Channels worth a marker; the others (+vote-for-leader, +config-update-from...) are noise for a report. */
export const SENTINEL_EVENT_CHANNELS = ['+sdown', '-sdown', '+odown', '-odown', '+switch-master', '+failover-end',
  '+try-failover', '+convert-to-slave', '+reboot'] as const;

export interface SentinelAddress {
  readonly name: string;
  readonly port: number;
}

/** Asks every sentinel where the primary is; the address a majority names, else undefined (no primary known). */
export async function askPrimary(
  sentinels: readonly SentinelAddress[], masterName: string, timeoutMs = 3000,
): Promise<number | undefined> {
  const answers = await Promise.all(sentinels.map((s) =>
    sentinelCommand(s.port, ['SENTINEL', 'get-master-addr-by-name', masterName], timeoutMs)
      .then((reply) => Array.isArray(reply) && reply.length === 2 ? Number(reply[1]) : undefined, () => undefined)));
  const votes = new Map<number, number>();
  for (const port of answers) if (port !== undefined) votes.set(port, (votes.get(port) ?? 0) + 1);
  for (const [port, count] of votes) if (count > sentinels.length / 2) return port;
  return undefined;
}

async function sentinelCommand(port: number, args: string[], timeoutMs: number): Promise<unknown> {
  const client = createClient({
    socket: { host: '127.0.0.1', port, connectTimeout: timeoutMs, reconnectStrategy: false },
  });
  client.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
    });
    return await Promise.race([client.connect().then(() => client.sendCommand(args)), deadline]);
  } finally {
    clearTimeout(timer);
    client.destroy();
  }
}

export interface SentinelWatch {
  close(): Promise<void>;
}

/**
 * Subscribes to every sentinel's event channels; each sentinel publishes its own view, so one failover arrives
 * up to three times (once per sentinel), which is what a reader of the event log wants to see. A sentinel that is
 * down is retried by node-redis; its events are simply missing meanwhile.
 */
export async function watchSentinels(
  sentinels: readonly SentinelAddress[], onEvent: (e: SentinelEvent) => void,
): Promise<SentinelWatch> {
  const clients = sentinels.map((s) => {
    const client = createClient({ socket: { host: '127.0.0.1', port: s.port, connectTimeout: 5000,
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 1000) } });
    client.on('error', () => undefined);
    return { s, client };
  });
  await Promise.all(clients.map(async ({ s, client }) => {
    await client.connect();
    await client.subscribe([...SENTINEL_EVENT_CHANNELS], (message, channel) => {
      onEvent({ at: Date.now(), type: channel, sentinel: s.name, message });
    });
  }));
  return {
    close: async () => {
      await Promise.all(clients.map(({ client }) => client.close().catch(() => client.destroy())));
    },
  };
}
