// Client sockets for the fuzz tests, each tracked by the harness and bounded by the case deadline, so that a hang is
// reported as one instead of running into the test timeout. No sleeps: every exchange ends with a close.
import { once } from 'node:events';
import { connect } from 'node:net';
import { expect } from 'vitest';
import { parseAnswers, type Answer } from './answers.ts';
import { CASE_DEADLINE_MS } from './config.ts';
import { trackSocket } from './harness.ts';

/** Sends `payload` on a new connection, then half-closes (nothing more will come) and collects until the close (a reset
 * counts as one: what came before it is what the client got). */
export function exchange(port: number, payload: Buffer, context: string): Promise<{ bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = trackSocket(connect({ port, host: '127.0.0.1', allowHalfOpen: true }, () => socket.end(payload)));
    const deadline = setTimeout(() => {
      socket.destroy();
      reject(new Error(`hang: the connection was still open after ${CASE_DEADLINE_MS} ms (${context})`));
    }, CASE_DEADLINE_MS);
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') reject(err);
    });
    socket.on('close', () => {
      clearTimeout(deadline);
      resolve({ bytes: Buffer.concat(chunks) });
    });
  });
}

/** The same, one byte per write: each write's callback awaited, then one turn of the event loop (setImmediate, not a
 * timer) so that the balancer, in this process, reads every byte on its own. Keeps the socket open: the payload asks
 * for the close. */
export async function exchangeBytewise(port: number, payload: Buffer): Promise<Buffer> {
  const socket = trackSocket(connect({ port, host: '127.0.0.1', noDelay: true }));
  const chunks: Buffer[] = [];
  socket.on('data', (d: Buffer) => chunks.push(d));
  const closed = once(socket, 'close');
  await once(socket, 'connect');
  for (let i = 0; i < payload.length; i++) {
    const byte = payload.subarray(i, i + 1);
    await new Promise<void>((resolve, reject) => socket.write(byte, (err) => (err ? reject(err) : resolve())));
    await new Promise((r) => setImmediate(r));
  }
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    const message = `hang: still open ${CASE_DEADLINE_MS} ms after the last byte`;
    timer = setTimeout(() => reject(new Error(message)), CASE_DEADLINE_MS);
  });
  await Promise.race([closed, hang]).finally(() => clearTimeout(timer));
  return Buffer.concat(chunks);
}

export interface ClientAnswer {
  answer: Answer | undefined;
  /** What came before the close, when no complete answer did. */
  partial: Buffer;
  closed: boolean;
}

/** Opens a keep-alive client connection and sends requests on it one at a time. */
export async function clientConnection(port: number): Promise<{ get(path: string): Promise<ClientAnswer> }> {
  const socket = trackSocket(connect(port, '127.0.0.1'));
  let buf = Buffer.alloc(0);
  let closed = false;
  let waiter: (() => void) | undefined;
  socket.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    waiter?.();
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    closed = true;
    waiter?.();
  });
  /** Resolves on the next data or close, or after `ms`. */
  const nextEvent = async (ms: number): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((r) => {
      waiter = r;
      timer = setTimeout(r, ms);
    });
    clearTimeout(timer);
    waiter = undefined;
  };
  await once(socket, 'connect');
  return {
    /** Writes a GET and resolves with the next complete answer, or with what came before the connection closed;
     * rejects when neither happens within the case deadline (a hang). */
    async get(path: string): Promise<ClientAnswer> {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
      const deadline = performance.now() + CASE_DEADLINE_MS;
      for (;;) {
        const parsed = parseAnswers(buf, closed);
        const got = () => JSON.stringify(buf.toString('latin1'));
        if (parsed.error) throw new Error(`malformed answer to GET ${path}: ${parsed.error} in ${got()}`);
        const answer = parsed.answers.find((a) => a.status >= 200);
        if (answer) {
          buf = buf.subarray(parsed.consumedThrough(answer));
          return { answer, partial: Buffer.alloc(0), closed };
        }
        if (closed) return { answer: undefined, partial: buf, closed };
        const left = deadline - performance.now();
        if (left <= 0) {
          socket.destroy();
          throw new Error(`hang: no answer to GET ${path} and no close within ${CASE_DEADLINE_MS} ms (got ${got()})`);
        }
        await nextEvent(left);
      }
    },
  };
}

/** Two GETs on one client connection for `path` (the second unless the first ended it), then a GET /ok on a fresh one:
 * what the client got, and that the balancer still serves. */
export async function twoGetsThenOk(port: number, path: string)
  : Promise<{ first: ClientAnswer; second?: ClientAnswer }> {
  const conn = await clientConnection(port);
  const first = await conn.get(path);
  const second = first.closed ? undefined : await conn.get(path);
  const fresh = await clientConnection(port);
  const ok = await fresh.get('/ok');
  expect([ok.answer?.status, ok.answer?.body.toString()], `still serving after ${path}`).toEqual([200, '/ok']);
  return { first, second };
}
