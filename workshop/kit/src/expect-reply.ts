// Plain-words expectations on a shop answer, shared by the checks: each failure says what was expected, what came
// back, and never dumps more than a short piece of the body.
import { cartLines, type Reply } from './shopper.ts';
import { notYet } from './workshop-error.ts';

const short = (r: Reply): string => {
  if (r.status === 0) return `no answer (${r.error})`;
  const error = (r.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  if (!error?.code) return `${r.status} ${JSON.stringify(r.body).slice(0, 160)}`;
  const message = error.message && error.message !== 'internal error' ? ` (${error.message.slice(0, 160)})` : '';
  return `${r.status} ${error.code}${message}`;
};

export function errorCode(r: Reply): string | undefined {
  return (r.body as { error?: { code?: string } } | undefined)?.error?.code;
}

/** The answer must have this status; `what` names the request in words. */
export function expectStatus(r: Reply, status: number, what: string, hint?: string): Reply {
  if (r.status !== status) {
    throw notYet(`${what}: expected ${status}, got ${short(r)}`, hint);
  }
  return r;
}

/** The answer must be a 409 refusal with this code. */
export function expectRefused(r: Reply, code: string, what: string, hint?: string): void {
  if (r.status !== 409 || errorCode(r) !== code) throw notYet(`${what}: expected 409 ${code}, got ${short(r)}`, hint);
}

/** The cart's lines as [productId, quantity] sorted by product, for comparisons in messages. */
function linesOf(r: Reply): [string, number][] {
  return cartLines(r).map((l): [string, number] => [l.productId, l.quantity]).sort((x, y) => x[0].localeCompare(y[0]));
}

export function show(lines: [string, number][]): string {
  return lines.length === 0 ? 'an empty cart' : lines.map(([p, q]) => `${q} × ${p}`).join(', ');
}

/** The cart must hold exactly these lines (any order). */
export function expectCart(r: Reply, expected: [string, number][], what: string, hint?: string): void {
  const got = linesOf(r);
  const want = [...expected].sort((x, y) => x[0].localeCompare(y[0]));
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    throw notYet(`${what}: expected ${show(want)}, got ${show(got)}`, hint);
  }
}
