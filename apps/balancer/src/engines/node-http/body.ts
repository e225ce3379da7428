// Reads a request body into memory up to the cap, so a request that never reached a node can be replayed.
// Resolves undefined for a request without a body; rejects with LB_ERR_BODY_TOO_LARGE past the cap.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { LbError } from '../../errors.ts';

export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.pause();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    const socket = req.socket as Tracked;
    const gaveUp = socket[GAVE_UP];
    if (gaveUp && !req.complete) return reject(gaveUp);
    socket[PENDING] = { req, reject };
    req.on('end', () => {
      socket[PENDING] = undefined;
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    });
    req.on('error', reject);
    req.on('aborted', () => reject(new LbError('LB_ERR_BAD_REQUEST', 'client aborted the request body')));
  });
}

const PENDING = Symbol('lb.body-pending');
const GAVE_UP = Symbol('lb.parser-gave-up');
type Tracked = Socket & {
  [PENDING]?: { req: IncomingMessage; reject: (err: LbError) => void } | undefined;
  [GAVE_UP]?: LbError | undefined;
};

/**
 * The HTTP parser gave up on this connection (bad framing, or the client's end in the middle of a message): no
 * body still incomplete on it can ever complete, so the request reading one now is answered `err`, as is any
 * queued request that would start reading one later. False when it had already given up (nothing more to do).
 */
export function parserGaveUp(socket: Socket, err: LbError): { first: boolean; answered: boolean } {
  const tracked = socket as Tracked;
  if (tracked[GAVE_UP]) return { first: false, answered: false };
  tracked[GAVE_UP] = err;
  const pending = tracked[PENDING];
  // A body read to its end (its 'end' event still to come) is complete: that request is answered normally.
  if (!pending || pending.req.complete) return { first: true, answered: false };
  tracked[PENDING] = undefined;
  pending.reject(err);
  return { first: true, answered: true };
}

function tooLarge(limit: number): LbError {
  return new LbError('LB_ERR_BODY_TOO_LARGE', `request body exceeds the ${limit}-byte limit`);
}
