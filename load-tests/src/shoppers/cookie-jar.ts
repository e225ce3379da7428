// A minimal per-shopper cookie jar: keeps every cookie it is given (the shop's session and the balancer's
// affinity cookie alike), by name, for one origin. It ignores Path/Domain on purpose: one origin, one path tree.
// Set-Cookie lines are read by set-cookie-parser; values are kept as sent (never decoded), as a browser does.
import { parseSetCookie, type Cookie } from 'set-cookie-parser';

// Each line given is one cookie (no comma splitting), and a line the parser refuses is skipped without a word.
const PARSE = { decodeValues: false, silent: true, split: false } as const;

export class CookieJar {
  #cookies = new Map<string, string>();

  /** Takes one or many Set-Cookie header values; `Max-Age=0` or an expiry in the past deletes the cookie. */
  store(setCookie: string | string[] | undefined): void {
    if (setCookie === undefined) return;
    for (const cookie of parseSetCookie(Array.isArray(setCookie) ? setCookie : [setCookie], PARSE)) {
      if (!cookie.name) continue; // no name (no "=" in the pair): not a cookie we can send back
      if (isExpired(cookie)) this.#cookies.delete(cookie.name);
      else this.#cookies.set(cookie.name, cookie.value);
    }
  }

  /** The Cookie request header, or undefined when the jar is empty. */
  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined;
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  names(): string[] {
    return [...this.#cookies.keys()];
  }
}

/** Either attribute saying "gone" deletes the cookie (a server that sends both means it). */
function isExpired(cookie: Cookie): boolean {
  if (cookie.maxAge !== undefined && cookie.maxAge <= 0) return true;
  return cookie.expires !== undefined && cookie.expires.getTime() < Date.now();
}
