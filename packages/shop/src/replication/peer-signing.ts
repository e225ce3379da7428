// HMAC-SHA256 over timestamp, path and body with PEER_SECRET, for every peer request and answer. A message
// outside the window is refused even with a good signature, so a captured message cannot be replayed later.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ShopError } from '../errors.ts';

export const SIGNATURE_HEADER = 'x-peer-signature';
export const TIMESTAMP_HEADER = 'x-peer-timestamp';
/** A message older or newer than this is refused. Our peers share one clock (loopback), so this can be short. */
const REPLAY_WINDOW_MS = 30_000;

export function sign(secret: string, timestamp: string, path: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${path}\n`).update(body).digest('hex');
}

export function signedHeaders(
  secret: string, path: string, body: Buffer | string, now = Date.now(),
): Record<string, string> {
  const ts = String(now);
  return { [TIMESTAMP_HEADER]: ts, [SIGNATURE_HEADER]: sign(secret, ts, path, body) };
}

/** Throws SHOP_ERR_PEER_UNSIGNED, _BAD_SIGNATURE or _STALE_MESSAGE; returns when the message is genuine and fresh. */
export function verify(
  secret: string, path: string, body: Buffer, timestamp: unknown, signature: unknown, now = Date.now(),
): void {
  if (typeof timestamp !== 'string' || typeof signature !== 'string' || timestamp === '' || signature === '') {
    throw new ShopError('SHOP_ERR_PEER_UNSIGNED', `a peer message needs ${TIMESTAMP_HEADER} and ${SIGNATURE_HEADER}`);
  }
  const expected = Buffer.from(sign(secret, timestamp, path, body), 'hex');
  const given = /^[0-9a-f]{64}$/.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ShopError('SHOP_ERR_PEER_BAD_SIGNATURE',
      'the peer message signature does not match (wrong PEER_SECRET?)');
  }
  const ts = Number(timestamp);
  if (!/^\d{1,15}$/.test(timestamp) || Math.abs(now - ts) > REPLAY_WINDOW_MS) {
    throw new ShopError('SHOP_ERR_PEER_STALE_MESSAGE', `the peer message is outside the ${REPLAY_WINDOW_MS} ms window`);
  }
}
