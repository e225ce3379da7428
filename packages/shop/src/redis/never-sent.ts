// Which node-redis (v5) failures prove that a command never left the process, so Redis cannot have run it.
// Anything else (our deadline, a socket error that flushed the queue, an error reply) may follow a command that ran.
import { ClientClosedError, ClientOfflineError } from 'redis';

/**
 * True only for the two errors `sendCommand` rejects with before it queues anything: ClientClosedError (the client
 * is closed) and ClientOfflineError (`disableOfflineQueue` and the socket is not ready: Redis down, reconnecting,
 * or never reached). A socket error rejects written and unwritten commands alike, so it proves nothing.
 */
export function neverSent(err: unknown): boolean {
  return err instanceof ClientOfflineError || err instanceof ClientClosedError;
}
