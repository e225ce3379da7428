// The request fuzz's cases: valid bases (each with the requests it means), seeded mutations of them, and what the raw
// engine's own reader and a client's request lines say a node may see.
import { ParseError } from '../../src/http/http-grammar.ts';
import { RequestReader } from '../../src/engines/raw/request-reader.ts';
import { MUTATION_NAMES, MUTATIONS, type Mutation } from './mutations.ts';
import { mulberry32, pick } from './prng.ts';

/** A request line only ever found inside bodies: a node that sees it as a request was smuggled one, unless the
 * balancer itself read it as a request of its own (and answered it as such). */
export const SMUGGLED = 'GET /SMUGGLED HTTP/1.1\r\nHost: x\r\n\r\n';
export const chunk = (s: string): string => `${s.length.toString(16)}\r\n${s}\r\n`;

const BASES: readonly string[] = [
  'GET /p0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
  `POST /p1 HTTP/1.1\r\nHost: x\r\nContent-Length: ${SMUGGLED.length}\r\nConnection: close\r\n\r\n${SMUGGLED}`,
  `POST /p2 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunk(SMUGGLED)}0\r\n\r\n`,
  'GET /p3 HTTP/1.1\r\nHost: x\r\n\r\n' +
    `POST /p4 HTTP/1.1\r\nHost: x\r\nContent-Length: ${SMUGGLED.length}\r\nConnection: close\r\n\r\n${SMUGGLED}`,
  `POST /p5 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${chunk('abc')}${chunk(SMUGGLED)}0\r\n\r\n` +
    'GET /p6 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
  'PUT /p7 HTTP/1.0\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\nxyzGET /p8 HTTP/1.0\r\n\r\n',
];

/** What each valid base means: the requests a node must see, in order (method, path, body). The recording node chunks
 * its answers, which an HTTP/1.0 client can only get framed by a close: so the balancer closes after /p7 and must
 * not forward the pipelined /p8 at all (RFC 9112 §9.6: no further requests are processed on a closing connection). */
export const BASE_MEANING: readonly [string, string, string][][] = [
  [['GET', '/p0', '']],
  [['POST', '/p1', SMUGGLED]],
  [['POST', '/p2', SMUGGLED]],
  [['GET', '/p3', ''], ['POST', '/p4', SMUGGLED]],
  [['POST', '/p5', `abc${SMUGGLED}`], ['GET', '/p6', '']],
  [['PUT', '/p7', 'xyz']],
];

// Statuses a fuzzed request may get: the node's 200, an interim 100, the balancer's (or, for a method node:http does
// not know, the node's own) refusals. A 5xx would mean the balancer broke its own connection to a healthy node.
export const FUZZ_STATUSES = new Set([100, 200, 400, 413, 431]);

export interface FuzzCase {
  index: number;
  base: number;
  payload: Buffer;
  mutations: string[];
}

/** The bases unchanged, then `count` in all: each a base with one to three seeded mutations. */
export function fuzzCases(seed: number, count: number): FuzzCase[] {
  const rnd = mulberry32(seed);
  const cases: FuzzCase[] = BASES.map((text, base) => ({
    index: base, base, payload: Buffer.from(text, 'latin1'), mutations: [],
  }));
  for (let index = cases.length; index < count; index++) {
    const base = Math.floor(rnd() * BASES.length);
    const bytes = [...Buffer.from(BASES[base] as string, 'latin1')];
    const mutations: string[] = [];
    const n = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < n && bytes.length > 0; k++) {
      const name = pick(rnd, MUTATION_NAMES);
      mutations.push((MUTATIONS[name] as Mutation)(bytes, rnd));
    }
    cases.push({ index, base, payload: Buffer.from(bytes), mutations });
  }
  return cases;
}

export interface ReadRequest {
  method: string;
  url: string;
  body: string;
}

/** What the raw engine's own request reader makes of a payload (complete requests, then whether it refused the rest).
 * The raw engine must carry exactly these to the node and answer each of them, in order, then refuse or stop. */
export function rawReading(payload: Buffer): { requests: ReadRequest[]; refused: string | undefined } {
  const reader = new RequestReader(1024 * 1024);
  reader.push(payload);
  const requests: ReadRequest[] = [];
  for (let i = 0; i < 100; i++) {
    let req: ReturnType<RequestReader['next']>;
    try {
      req = reader.next();
    } catch (err) {
      if (err instanceof ParseError) return { requests, refused: err.code };
      throw err;
    }
    // The client half-closes after the payload: a request left incomplete can never complete, and is refused.
    if (!req) {
      return { requests, refused: reader.buffered > 0 || reader.pendingHead ? 'LB_ERR_BAD_REQUEST' : undefined };
    }
    const body = (req.body ?? Buffer.alloc(0)).toString('utf8');
    requests.push({ method: req.head.method, url: req.head.target, body });
    // The recording node chunks its answers (or, refusing, frames them by its close): an HTTP/1.0 client gets them
    // framed by the balancer's close, so nothing after an HTTP/1.0 request is read.
    if (!req.head.keepAlive || req.head.minor === 0) break;
  }
  return { requests, refused: undefined };
}

/** Where the client wrote `method SP url` at the start of a line (or of the payload), then ` HTTP/1.` or the line's
 * end (llhttp reads a request line without a version as HTTP/0.9), with exactly one space between the parts: every
 * engine refuses several (400). llhttp (the node:http engines) is lenient in one harmless way this allows for: a
 * `#fragment` after the path, dropped. */
export function writtenAsRequestLine(payload: string, method: string, url: string): boolean {
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|\\n)${escape(method)} ${escape(url)}(#[^ \\r\\n]*)?( HTTP\\/1\\.|\\r|\\n|$)`).test(payload);
}
