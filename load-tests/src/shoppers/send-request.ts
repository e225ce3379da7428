// One request outside autocannon (read-backs, the race), through fetch, ending as an answer or a verdict.
import type { ChosenRequest } from './shopper.ts';

export type Sent =
  | { ok: true; status: number; body: string; headers: Record<string, string | string[]> }
  | { ok: false; end: 'timeout' | 'socket'; reason: string };

export async function sendRequest(baseUrl: string, spec: ChosenRequest, timeoutMs: number): Promise<Sent> {
  try {
    const res = await fetch(new URL(spec.path, baseUrl), {
      method: spec.method, headers: spec.headers, body: spec.body, signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await res.text();
    const headers: Record<string, string | string[]> = {};
    res.headers.forEach((value, name) => { headers[name] = value; });
    const cookies = res.headers.getSetCookie();
    if (cookies.length) headers['set-cookie'] = cookies;
    return { ok: true, status: res.status, body, headers };
  } catch (err) {
    const name = (err as Error).name;
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    return { ok: false, end: timedOut ? 'timeout' : 'socket', reason: (err as Error).message };
  }
}
