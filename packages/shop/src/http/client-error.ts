// Answers what Node's HTTP parser refuses before Express sees a request (headers over 16 KiB, a URL that long, a
// malformed request, a request too slow to arrive) with the shop's coded JSON instead of Node's empty-bodied status
// line. Complete pipelined requests before the refused one are answered first; it never writes into a socket that is
// gone or has an answer in progress (that would corrupt the answer): such a socket is only destroyed.
import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { shopHttpStatus, type ShopErrorCode } from '../errors.ts';
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
  const exchanges = inFlight(server);
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
    exchanges.answerWhenSafe(socket, () => {
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
function errorResponse(code: ShopErrorCode, message: string, nodeId: string): string {
  const status = shopHttpStatus(code);
  const body = JSON.stringify({ error: { code, message } });
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    `x-served-by: ${nodeId}\r\n` +
    'Connection: close\r\n\r\n' + body;
}

interface InFlight {
  /**
   * Runs `answer` when it cannot corrupt another answer: at once when no request on `socket` is being answered, or
   * when the refusal came inside the body of a request being answered (that request will never complete, so it gets
   * our answer, as Node's own default does) as long as its answer has not started; after the answers of complete
   * pipelined requests otherwise. Destroys the socket when an answer has already begun on it.
   */
  answerWhenSafe(socket: Duplex, answer: () => void): void;
}

interface Exchange { readonly req: IncomingMessage; readonly res: ServerResponse }

function inFlight(server: Server): InFlight {
  const open = new WeakMap<Duplex, Set<Exchange>>();
  const waiting = new WeakMap<Duplex, () => void>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    const exchanges = open.get(socket) ?? new Set<Exchange>();
    open.set(socket, exchanges);
    const exchange = { req, res };
    exchanges.add(exchange);
    res.once('close', () => {
      exchanges.delete(exchange);
      const then = waiting.get(socket);
      if (exchanges.size === 0 && then) {
        waiting.delete(socket);
        then();
      }
    });
  });
  return {
    answerWhenSafe: (socket, answer) => {
      const exchanges = [...(open.get(socket) ?? [])];
      if (exchanges.length === 0) return answer();
      if (!exchanges.some(({ req }) => !req.complete)) return void waiting.set(socket, answer);
      if (exchanges.some(({ res }) => res.headersSent)) return void socket.destroy();
      answer();
    },
  };
}
