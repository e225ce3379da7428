// Starts a balancer in-process with test-friendly defaults, plus small HTTP helpers that talk to it.
import type { Agent} from 'node:http';
import { request, type IncomingHttpHeaders } from 'node:http';
import { parseSetCookie, stringifyCookie } from 'cookie';
import { pino, type Logger } from 'pino';
import { buildBalancer, loadConfig, type Balancer, type BalancerDeps } from '../../src/index.ts';

// Every --engine: each test that sends traffic through the traffic port runs on all of them, so they keep one contract.
export const ENGINES = ['http-proxy', 'native', 'raw'] as const;
export type Engine = (typeof ENGINES)[number];

/** A balancer with test-friendly defaults (ports 0, silent), built and not listening yet. */
export function buildTestBalancer(flags: string[], deps: BalancerDeps = {}): Balancer {
  return buildBalancer(loadConfig(['--port', '0', '--admin-port', '0', '--log-level', 'silent', ...flags]), deps);
}

export async function startTestBalancer(flags: string[], deps: BalancerDeps = {}): Promise<Balancer> {
  const balancer = buildTestBalancer(flags, deps);
  await balancer.listen();
  return balancer;
}

/** A logger keeping the balancer's error-level lines: the raw engine reports a bug it caught ("raw engine error")
 * there, where no test would otherwise see it. */
export function errorLog(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: pino({ level: 'error' }, { write: (line: string) => void lines.push(line) }), lines };
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

export interface CallOptions {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  agent?: Agent | false;
}

export function call(port: number, opts: CallOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path ?? '/', headers: opts.headers,
      agent: opts.agent ?? false,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A call to the admin plane as its clients make it: a mutation says Content-Type: application/json. */
export function adminCall(adminPort: number, opts: CallOptions = {}): Promise<Reply> {
  const json: Record<string, string> =
    opts.method !== undefined && opts.method !== 'GET' ? { 'content-type': 'application/json' } : {};
  return call(adminPort, { ...opts, headers: { ...json, ...opts.headers } });
}

/** The affinity cookie pair (name=value) from a Set-Cookie header, for the next request's Cookie header. */
export function cookieFrom(reply: Reply): string | undefined {
  const set = reply.headers['set-cookie']?.[0];
  if (set === undefined) return undefined;
  const { name, value } = parseSetCookie(set, { decode: asSent });
  return stringifyCookie({ [name]: value }, { encode: asSent });
}

const asSent = (value: string): string => value;
