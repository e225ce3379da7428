// JSON over HTTP for tests.
export interface Answer<T = unknown> { status: number; body: T; headers: Headers }

export async function getJson<T = unknown>(url: string): Promise<Answer<T>> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() as T, headers: res.headers };
}

export async function postJson<T = unknown>(url: string, body?: unknown, raw?: string): Promise<Answer<T>> {
  const res = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ?? JSON.stringify(body ?? {}),
  });
  return { status: res.status, body: await res.json() as T, headers: res.headers };
}

export interface ErrorBody { error: { code: string; message: string } }
