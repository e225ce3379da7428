// Signed JSON POSTs to one peer's port over keep-alive connections, bounded in time. Counts the bytes it sends
// (replication's cost figure) and checks the answer's signature, so a wrong process on that port is not believed.
import { Agent, request } from 'node:http';
import type { ShopError } from '../errors.ts';
import { signedHeaders, SIGNATURE_HEADER, TIMESTAMP_HEADER, verify } from './peer-signing.ts';

export interface PeerClient {
  post<T>(peerUrl: string, path: string, payload: unknown, timeoutMs: number): Promise<T>;
  /** Same, with a body already serialised once for several peers. */
  postRaw<T>(peerUrl: string, path: string, body: string, timeoutMs: number): Promise<T>;
  readonly stats: { bytesSent: number; messagesSent: number; bytesReceived: number };
  close(): void;
}

export class PeerRequestError extends Error {
  readonly status: number | undefined;
  readonly code: string | undefined;
  constructor(message: string, status?: number, code?: string) {
    super(message);
    this.name = 'PeerRequestError';
    this.status = status;
    this.code = code;
  }
}

/** Answers over this are a misbehaving peer: a snapshot of many thousand carts stays well below. */
const MAX_ANSWER_BYTES = 256 * 1024 * 1024;

export function createPeerClient(secret: string): PeerClient {
  const agent = new Agent({ keepAlive: true, maxSockets: 64, keepAliveMsecs: 1000 });
  const stats = { bytesSent: 0, messagesSent: 0, bytesReceived: 0 };
  const postRaw = <T>(peerUrl: string, path: string, body: string, timeoutMs: number): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const url = new URL(path, peerUrl);
      const bytes = Buffer.byteLength(body);
      stats.bytesSent += bytes;
      stats.messagesSent++;
      let settled = false;
      const req = request(url, {
        method: 'POST', agent,
        headers: { 'content-type': 'application/json', 'content-length': bytes, ...signedHeaders(secret, path, body) },
      }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_ANSWER_BYTES) req.destroy(new Error('answer too large'));
          else chunks.push(c);
        });
        res.on('error', reject);
        res.on('end', () => {
          settled = true;
          clearTimeout(timer);
          stats.bytesReceived += size;
          try {
            resolve(readAnswer<T>(secret, path, Buffer.concat(chunks), res.statusCode ?? 0, res.headers));
          } catch (err) {
            reject(err);
          }
        });
      });
      // One timer bounds the whole exchange (a socket timeout would only see idle gaps). The verdict waits one poll
      // phase (setImmediate): after a stall of our own event loop, an answer already in the socket is read first, so
      // a peer that answered in time is not marked down for our delay.
      const timer = setTimeout(() => setImmediate(() => {
        // Once answered, the socket is back in the agent's pool, maybe carrying another request: never destroy it.
        if (!settled) req.destroy(new PeerRequestError(`no answer from ${peerUrl} within ${timeoutMs} ms`));
      }), timeoutMs);
      req.on('error', (err) => { settled = true; clearTimeout(timer); reject(err); });
      req.end(body);
    });
  return {
    postRaw,
    post: (peerUrl, path, payload, timeoutMs) => postRaw(peerUrl, path, JSON.stringify(payload), timeoutMs),
    stats,
    close: () => agent.destroy(),
  };
}

function readAnswer<T>(
  secret: string, path: string, body: Buffer, status: number, headers: Record<string, unknown>,
): T {
  const parsed = JSON.parse(body.toString('utf8') || 'null') as { error?: { code?: string; message?: string } } | null;
  if (status !== 200) {
    throw new PeerRequestError(`peer answered ${status}: ${parsed?.error?.message ?? ''}`, status, parsed?.error?.code);
  }
  try {
    verify(secret, path, body, headers[TIMESTAMP_HEADER], headers[SIGNATURE_HEADER]);
  } catch (err) {
    throw new PeerRequestError(`peer answer refused: ${(err as ShopError).message}`, status, (err as ShopError).code);
  }
  return parsed as T;
}
