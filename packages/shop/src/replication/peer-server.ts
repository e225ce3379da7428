// The peer port: its own node:http server on 127.0.0.1, apart from the shop's port, so no shopper and no
// balancer can reach it. Every request is size-capped, signature-checked and parsed before its handler runs;
// a refusal is logged with its SHOP_ERR_PEER_* code, answered with it, and changes nothing.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isShopError, ShopError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { signedHeaders, SIGNATURE_HEADER, TIMESTAMP_HEADER, verify } from './peer-signing.ts';

/** A peer request body over this is refused: batches are split well below it (replicator.ts). */
const MAX_PEER_BODY = 8 * 1024 * 1024;
const DISCARD_LIMIT = 4 * MAX_PEER_BODY;

/** Handlers by path (/peer/<name>); each gets the parsed JSON object and returns the answer's JSON. */
export type PeerHandlers = Record<string, (body: Record<string, unknown>) => unknown>;

export interface PeerServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export async function startPeerServer(
  o: { port: number; secret: string; logger: Logger; handlers: PeerHandlers },
): Promise<PeerServer> {
  const server = createServer((req, res) => { void handle(req, res, o); });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  return { port, url: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

async function handle(
  req: IncomingMessage, res: ServerResponse, o: { secret: string; logger: Logger; handlers: PeerHandlers },
): Promise<void> {
  const path = (req.url ?? '').split('?')[0] ?? '';
  try {
    const handler = req.method === 'POST' && path.startsWith('/peer/')
      ? o.handlers[path.slice('/peer/'.length)]
      : undefined;
    if (!handler) {
      throw new ShopError('SHOP_ERR_PEER_NOT_FOUND', `no peer endpoint ${req.method} ${path.slice(0, 100)}`);
    }
    const body = await readBody(req);
    verify(o.secret, path, body, req.headers[TIMESTAMP_HEADER], req.headers[SIGNATURE_HEADER]);
    const answer = JSON.stringify(await handler(parseObject(body)));
    res.writeHead(200, { 'content-type': 'application/json', ...signedHeaders(o.secret, path, answer) }).end(answer);
  } catch (err) {
    const e = isShopError(err) ? err : new ShopError('SHOP_ERR_INTERNAL', 'internal error', { cause: err });
    o.logger.warn({ code: e.code, path: path.slice(0, 100), err: e.code === 'SHOP_ERR_INTERNAL' ? err : undefined },
      `peer request refused: ${e.message}`);
    const answer = JSON.stringify({ error: { code: e.code, message: e.message } });
    res.writeHead(e.httpStatus, { 'content-type': 'application/json' }).end(answer);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers['content-length'] ?? 0);
    req.on('data', (c: Buffer) => {
      size += c.length;
      // Past the cap the body is read and dropped, so the sender gets its 413 instead of a broken pipe; a sender
      // that keeps going far past it is cut off.
      if (size > DISCARD_LIMIT) req.destroy();
      else if (size <= MAX_PEER_BODY && declared <= MAX_PEER_BODY) chunks.push(c);
    });
    req.on('end', () => (size > MAX_PEER_BODY || declared > MAX_PEER_BODY
      ? reject(tooLarge())
      : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function parseObject(body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ShopError('SHOP_ERR_PEER_MALFORMED', 'the peer message is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ShopError('SHOP_ERR_PEER_MALFORMED', 'the peer message is not a JSON object');
  }
  return parsed as Record<string, unknown>;
}

function tooLarge(): ShopError {
  return new ShopError('SHOP_ERR_PEER_TOO_LARGE', `the peer message is larger than ${MAX_PEER_BODY} bytes`);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 1000).unref();
  });
}
