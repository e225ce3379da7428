// Reads a request body into memory up to the cap, so a request that never reached a node can be replayed.
// Resolves undefined for a request without a body; rejects with LB_ERR_BODY_TOO_LARGE past the cap.
import type { IncomingMessage } from 'node:http';
import { LbError } from '../errors.ts';

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
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)));
    req.on('error', reject);
    req.on('aborted', () => reject(new LbError('LB_ERR_BAD_REQUEST', 'client aborted the request body')));
  });
}

function tooLarge(limit: number): LbError {
  return new LbError('LB_ERR_BODY_TOO_LARGE', `request body exceeds the ${limit}-byte limit`);
}
