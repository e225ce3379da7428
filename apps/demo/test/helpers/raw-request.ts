// One HTTP request with exactly the headers given (fetch will not send a foreign Host), answered as text.
import { request } from 'node:http';

export interface RawAnswer { status: number; text: string }

export function rawRequest(
  url: string, method: string, headers: Record<string, string>, body?: string,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8')
        .on('data', (s: string) => { text += s; })
        .on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
