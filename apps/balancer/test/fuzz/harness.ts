// What every fuzz test runs in: one balancer and the servers and sockets a test started, all stopped after it, and
// guards that catch what escaped a test's await chain (an uncaught exception or rejection, an error the balancer
// caught and logged). A test file calls useFuzzHarness() once, so that what it sets up is visible in it.
import type { Server, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Balancer } from '../../src/index.ts';
import { errorLog, startTestBalancer, type Engine } from '../helpers/balancer.ts';
import { startNode, type LocalNode } from '../helpers/nodes.ts';

/** Anything thrown outside a test's own await chain lands here (vitest reports it too, without the seed). */
const uncaught: unknown[] = [];
const onUncaught = (err: unknown): void => void uncaught.push(err);
/** Error-level log lines of the balancer: the raw engine reports a bug it caught ("raw engine error") there. */
let loggedErrors: string[] = [];
/** Each test only answers for what escaped while it ran. */
let testMark: [number, number] = [0, 0];
let lb: Balancer | undefined;
let node: LocalNode | undefined;
let servers: Server[] = [];
let sockets: Socket[] = [];

/** Registers the guards for the whole file and, after each test, stops what it started. */
export function useFuzzHarness(): void {
  beforeAll(() => {
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
  });
  afterAll(() => {
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
  });
  beforeEach(() => void (testMark = escapeMark()));
  afterEach(stopAll);
}

async function stopAll(): Promise<void> {
  for (const s of sockets) s.destroy();
  await lb?.close();
  await node?.close();
  for (const server of servers) await new Promise((r) => server.close(r));
  lb = undefined;
  node = undefined;
  servers = [];
  sockets = [];
  loggedErrors = [];
}

/** A balancer over one node `n1`, its error lines kept for expectNoEscapes. */
export async function startLb(engine: Engine, upstream: string): Promise<Balancer> {
  const log = errorLog();
  loggedErrors = log.lines;
  const flags = ['--engine', engine, '--health-interval', '0', '--drain-timeout', '500'];
  lb = await startTestBalancer([...flags, '--upstream', `n1=${upstream}`], { logger: log.logger });
  return lb;
}

/** A node that records every request and echoes it back as JSON (chunked). */
export async function startRecordingNode(): Promise<LocalNode> {
  node = await startNode('rec');
  return node;
}

export function trackSocket(socket: Socket): Socket {
  sockets.push(socket);
  return socket;
}

export function trackServer(server: Server): Server {
  servers.push(server);
  return server;
}

export const escapeMark = (): [number, number] => [uncaught.length, loggedErrors.length];

/** Nothing escaped since `mark` (from escapeMark()): no uncaught exception or rejection, no internal error the
 * balancer caught and logged. */
export function expectNoEscapes(context: string, mark: [number, number] = testMark): void {
  const escaped = [
    ...uncaught.slice(mark[0]).map((e) => `uncaught: ${e instanceof Error ? stackHead(e) : String(e)}`),
    ...loggedErrors.slice(mark[1]).map((line) => `logged: ${line.trim()}`),
  ];
  expect(escaped.join('\n'), `errors escaped (${context})`).toBe('');
}

const stackHead = (e: Error): string | undefined => e.stack?.split('\n').slice(0, 4).join(' | ');
