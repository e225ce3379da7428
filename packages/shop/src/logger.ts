// pino JSON lines to stdout. Nothing is logged per request at the default level (info).
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

export function createLogger(options: { level: string; nodeId: string }): Logger {
  return pino({ level: options.level, base: { node: options.nodeId } });
}
