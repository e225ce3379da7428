// A minimal per-shopper cookie jar: keeps every cookie it is given (the shop's session and the balancer's
// affinity cookie alike), by name, for one origin. It ignores Path/Domain on purpose: one origin, one path tree.

export class CookieJar {
  #cookies = new Map<string, string>();

  /** Takes one or many Set-Cookie header values; `Max-Age=0` or an expiry in the past deletes the cookie. */
  store(setCookie: string | string[] | undefined): void {
    if (setCookie === undefined) return;
    for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) this.#storeOne(line);
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

  #storeOne(line: string): void {
    const [pair, ...attributes] = line.split(';');
    const eq = pair?.indexOf('=') ?? -1;
    if (!pair || eq <= 0) return;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (isExpired(attributes)) this.#cookies.delete(name);
    else this.#cookies.set(name, value);
  }
}

function isExpired(attributes: string[]): boolean {
  for (const attribute of attributes) {
    const [key, value = ''] = attribute.split('=').map((s) => s.trim());
    if (key?.toLowerCase() === 'max-age' && Number(value) <= 0) return true;
    if (key?.toLowerCase() === 'expires' && Date.parse(value) < Date.now()) return true;
  }
  return false;
}
