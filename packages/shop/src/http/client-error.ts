// Answers what Node's HTTP parser refuses before Express sees a request (headers over 16 KiB, a URL that long, a
// malformed request, a request too slow to arrive) with the shop's coded JSON instead of Node's empty-bodied status
// line. It never writes into a socket that is gone or has an answer in progress (that would corrupt the answer):
// such a socket is only destroyed.
import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { SHOP_ERRORS, type ShopErrorCode } from '../errors.ts';
import type { Logger } from '../logger.ts';

const BY_NODE_CODE: Readonly<Record<string, readonly [ShopErrorCode, string]>> = {
  HPE_HEADER_OVERFLOW: ['SHOP_ERR_HEADERS_TOO_LARGE', 'the request line and headers are larger than 16 KiB'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: ['SHOP_ERR_BODY_TOO_LARGE', 'the chunk extensions of the body are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: ['SHOP_ERR_REQUEST_TIMEOUT', 'the request did not arrive in time'],
};
const MALFORMED = ['SHOP_ERR_MALFORMED_REQUEST', 'the request is not well-formed HTTP/1.1'] as const;

/** After the answer, a client that keeps sending (or does not close) gets this long before the socket is destroyed. */
const LINGER_MS = 1000;

/** Installs the coded answer on `server`'s 'clientError' (replacing Node's default answer). */
export function answerClientErrors(server: Server, nodeId: string, logger: Logger): void {
  const answers = pendingAnswers(server);
  const answered = new WeakSet<Duplex>();
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const nodeCode = err.code ?? '';
    const [code, message] = BY_NODE_CODE[nodeCode] ?? MALFORMED;
    const parserRefusal = nodeCode.startsWith('HPE_') || nodeCode in BY_NODE_CODE;
    // The parser repeats its error for every later chunk: the answer is already on its way (and lingering).
    if (answered.has(socket) && parserRefusal) return;
    // Socket-level failures (ECONNRESET, EPIPE, ...) have no one left to answer.
    if (!parserRefusal || !socket.writable) {
      socket.destroy();
      return;
    }
    answered.add(socket);
    logger.debug({ nodeCode, code }, 'client error');
    // Pipelined requests before the bad one get their answers first; ours follows them, in order.
    answers.whenIdle(socket, () => {
      if (!socket.writable) return void socket.destroy();
      socket.end(errorResponse(code, message, nodeId));
      lingerThenClose(socket);
    });
  });
}

/** Reads and drops what the client still sends until it closes (at most LINGER_MS): closing with unread bytes makes
 *  the kernel send a reset, which can discard our answer before the client reads it (nginx's lingering close). */
function lingerThenClose(socket: Duplex): void {
  socket.once('end', () => socket.destroy());
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
  socket.resume();
}

/** The raw HTTP/1.1 answer: the same JSON body every other error has, and `Connection: close`. */
export function errorResponse(code: ShopErrorCode, message: string, nodeId: string): string {
  const status = SHOP_ERRORS[code] || 500;
  const body = JSON.stringify({ error: { code, message } });
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    `x-served-by: ${nodeId}\r\n` +
    'Connection: close\r\n\r\n' + body;
}

interface PendingAnswers {
  /** Runs `then` once every answer begun on `socket` has finished (at once when none is pending). */
  whenIdle(socket: Duplex, then: () => void): void;
}

/** Per socket, answers begun and not yet finished (a pipelined request's answer may still be on its way). */
function pendingAnswers(server: Server): PendingAnswers {
  const pending = new WeakMap<Duplex, number>();
  const waiting = new WeakMap<Duplex, () => void>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    pending.set(socket, (pending.get(socket) ?? 0) + 1);
    res.once('close', () => {
      const left = (pending.get(socket) ?? 1) - 1;
      pending.set(socket, left);
      const then = waiting.get(socket);
      if (left === 0 && then) {
        waiting.delete(socket);
        then();
      }
    });
  });
  return {
    whenIdle: (socket, then) => {
      if ((pending.get(socket) ?? 0) === 0) then();
      else waiting.set(socket, then);
    },
  };
}
