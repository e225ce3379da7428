// The balancer's logger: pino to stderr. Nothing is logged per request on the hot path.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { svc: 'balancer', pid: process.pid } }, pino.destination(2));
}
