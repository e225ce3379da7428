// The header hygiene rules both engines apply: hop-by-hop headers never cross the balancer, and the
// X-Forwarded-* headers are set by the balancer alone (a client's values are replaced, never appended to).
// Also the request target a node receives. Rules only: each engine applies them to its own representation.

export const HOP_BY_HOP: ReadonlySet<string> = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade',
  'proxy-authenticate', 'proxy-authorization',
]);

/** Request headers only the balancer sets: a client's values are dropped, never appended to. */
export const BALANCER_SET_HEADERS: readonly string[] = [
  'expect', 'forwarded', 'x-forwarded-port', 'x-real-ip', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host',
];

/** Headers a request cannot do without: a Connection field naming one (making it hop-by-hop) is refused. */
const REQUIRED: ReadonlySet<string> = new Set(['host', 'content-length', 'transfer-encoding']);

/** The first Connection token naming a header the request needs (answered 400), if any. */
export function connectionNamesRequired(tokens: readonly string[]): string | undefined {
  return tokens.find((t) => REQUIRED.has(t));
}

/** What the balancer alone frames or sets, and what never crosses it: no client may send them under another name. */
const GUARDED: ReadonlySet<string> = new Set([...HOP_BY_HOP, ...BALANCER_SET_HEADERS, 'content-length', 'host']);

/**
 * A lower-case name with `_` that reads as a guarded header once `_` becomes `-` (`transfer_encoding`), as CGI-style
 * servers and some frameworks read it: dropped before forwarding, as nginx drops underscored names.
 */
export function disguised(name: string): boolean {
  return name.includes('_') && GUARDED.has(name.replace(/_/g, '-'));
}

/** Comma-separated tokens of a field value, lower-cased and trimmed, empty ones dropped. */
export function tokensOf(value: string): string[] {
  return value.toLowerCase().split(',').map((t) => t.trim()).filter(Boolean);
}

const ABSOLUTE_FORM = /^https?:\/\/[^/?#\s]+([/?][^#\s]*)?$/i;

/**
 * The request target a node receives: origin-form as sent (`/path?query`), absolute-form reduced to its path and
 * query (`GET http://host/path` → `/path`), `*` for OPTIONS; undefined for anything else (answered 400).
 */
export function originTarget(method: string | undefined, target: string): string | undefined {
  if (target.charCodeAt(0) === 47) return target;
  if (target === '*') return method === 'OPTIONS' ? target : undefined;
  const match = ABSOLUTE_FORM.exec(target);
  if (!match) return undefined;
  const rest = match[1] ?? '/';
  return rest.charCodeAt(0) === 63 ? `/${rest}` : rest;
}
