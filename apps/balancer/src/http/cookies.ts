// Reads and strips one cookie in a Cookie header, and writes the affinity Set-Cookie values.
// The affinity cookie is never forwarded to a node (HAProxy's `indirect`).
// Hand-written on purpose, not `cookie`: measured on the hot path (bench/cookie-bench.ts; ARCHITECTURE.md, "Where we
// depart"), and a strip must pass every other cookie through as sent, which re-serialising cannot.

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  const at = findCookie(header, name);
  if (at < 0) return undefined;
  const start = at + name.length + 1;
  const end = header.indexOf(';', start);
  return header.slice(start, end < 0 ? undefined : end).trim();
}

/** The header without `name`; undefined when nothing else remains. */
export function stripCookie(header: string | undefined, name: string): string | undefined {
  if (!header || findCookie(header, name) < 0) return header;
  const kept = header.split(';').filter((part) => {
    const trimmed = part.trimStart();
    return trimmed !== '' && !(trimmed.startsWith(name) && trimmed.slice(name.length).trimStart().startsWith('='));
  });
  return kept.length ? kept.map((p) => p.trim()).join('; ') : undefined;
}

function findCookie(header: string, name: string): number {
  let from = 0;
  for (;;) {
    const at = header.indexOf(name, from);
    if (at < 0) return -1;
    const before = at === 0 ? ';' : header[at - 1];
    if ((before === ';' || before === ' ') && header[at + name.length] === '=') return at;
    from = at + 1;
  }
}

export function affinityCookie(name: string, token: string): string {
  return `${name}=${token}; Path=/; HttpOnly; SameSite=Lax`;
}

export function clearAffinityCookie(name: string): string {
  return `${name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}
