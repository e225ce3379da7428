// After the load, each shopper reads its cart once (GET /api/cart with its own cookies). A failed read is
// retried twice, since a GET changes nothing; a cart that still cannot be read stays indeterminate.
import { firstHeader } from './classify-response.ts';
import type { CartLine, ReadBack } from './history.ts';
import { parseCartLines } from './parse-cart.ts';
import { sendRequest } from './send-request.ts';
import type { CookieJar } from './cookie-jar.ts';

export interface ReadBackTarget { shopper: number; jar: CookieJar }

export async function readBackCarts(
  baseUrl: string, targets: readonly ReadBackTarget[], timeoutMs: number, concurrency = 16,
): Promise<Map<number, ReadBack>> {
  const results = new Map<number, ReadBack>();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < targets.length; i = next++) {
      const target = targets[i];
      if (target) results.set(target.shopper, await readOne(baseUrl, target.jar, timeoutMs));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  return results;
}

async function readOne(baseUrl: string, jar: CookieJar, timeoutMs: number): Promise<ReadBack> {
  let reason = 'not read';
  for (let attempt = 0; attempt < 3; attempt++) {
    const cookie = jar.header();
    const sent = await sendRequest(baseUrl, {
      method: 'GET', path: '/api/cart', headers: { accept: 'application/json', ...(cookie ? { cookie } : {}) },
    }, timeoutMs);
    if (!sent.ok) { reason = `${sent.end}: ${sent.reason}`; continue; }
    if (sent.status !== 200) { reason = `HTTP ${sent.status} ${sent.body.slice(0, 200)}`; continue; }
    const items = parseItems(sent.body);
    if (!items) return { ok: false, reason: `unreadable cart: ${sent.body.slice(0, 200)}` };
    const node = firstHeader(sent.headers, 'x-served-by');
    return node ? { ok: true, items, node } : { ok: true, items };
  }
  return { ok: false, reason };
}

function parseItems(body: string): CartLine[] | undefined {
  try {
    return parseCartLines(JSON.parse(body) as unknown);
  } catch {
    return undefined;
  }
}
