// Adversarial input against the raw engine (`--engine raw`, src/raw/), over real sockets and real servers, every property
// that should hold for all engines checked on all of them: seeded mutations of valid requests against a recording node
// (well-formed answers or a close, nothing smuggled, nothing thrown, still serving), the same pipelined requests one
// byte per write, nodes answering badly (split at every byte, extra bytes, garbage, closing mid-body, 1xx first,
// trailers, ...), seeded mutations of a node's answers (never a desynchronised client connection), and minimal
// reproducers of what the fuzzing found. Deterministic: one seeded PRNG (mulberry32); every failure message carries
// the seed, the case and the exact bytes. No sleeps: each exchange ends with a close (the client half-closes, or a node
// closes); a case still open after CASE_DEADLINE_MS is reported as a hang. For a longer local hunt:
//   LB_FUZZ_SEED=7 LB_FUZZ_CASES=4000 LB_FUZZ_ANSWER_CASES=2000 npx vitest run apps/balancer/test/raw-fuzz.test.ts -t raw
import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, startBalancer, type Balancer } from '../src/index.ts';
import { ParseError } from '../src/raw/http-grammar.ts';
import { RequestReader } from '../src/raw/request-reader.ts';
import { ResponseReader } from '../src/raw/response-reader.ts';
import { ENGINES, type Engine } from './helpers/balancer.ts';
import { startNode, type LocalNode } from './helpers/nodes.ts';

const SEED = Number(process.env.LB_FUZZ_SEED ?? 0x5eed1);
const CASES = Number(process.env.LB_FUZZ_CASES ?? 100);
const ANSWER_CASES = Number(process.env.LB_FUZZ_ANSWER_CASES ?? 80);
/** A case that has not ended by then is a hang: the client half-closes, so every engine must finish and close. */
const CASE_DEADLINE_MS = 1000;
/** Failing cases shown in full in the report (all are counted and listed by number). */
const SHOW = Number(process.env.LB_FUZZ_SHOW ?? 3);

// ---------------------------------------------------------------- harness: guards, balancer, sockets

/** Anything thrown outside a test's own await chain lands here (vitest reports it too, without the seed). */
const uncaught: unknown[] = [];
const onUncaught = (err: unknown): void => void uncaught.push(err);
beforeAll(() => {
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
});
afterAll(() => {
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUncaught);
});

/** Error-level log lines of the balancer: the raw engine reports a bug it caught ("raw engine error") there. */
let loggedErrors: string[] = [];
let lb: Balancer | undefined;
let node: LocalNode | undefined;
let servers: Server[] = [];
let sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets) s.destroy();
  await lb?.close();
  await node?.close();
  for (const server of servers) await new Promise((r) => server.close(r));
  lb = undefined;
  node = undefined;
  servers = [];
  sockets = [];
  loggedErrors = [];
});

async function startLb(engine: Engine, upstream: string): Promise<Balancer> {
  const logger = pino({ level: 'error' }, { write: (line: string) => void loggedErrors.push(line) });
  lb = await startBalancer(loadConfig(['--port', '0', '--admin-port', '0', '--engine', engine, '--health-interval', '0', '--drain-timeout', '500', '--upstream', `n1=${upstream}`]), { logger });
  return lb;
}

/** Nothing escaped since `mark` (from escapeMark()): no uncaught exception or rejection, no internal error the
 * balancer caught and logged. */
function expectNoEscapes(context: string, mark: [number, number] = testMark): void {
  const escaped = [
    ...uncaught.slice(mark[0]).map((e) => `uncaught: ${e instanceof Error ? e.stack?.split('\n').slice(0, 4).join(' | ') : String(e)}`),
    ...loggedErrors.slice(mark[1]).map((line) => `logged: ${line.trim()}`),
  ];
  expect(escaped.join('\n'), `errors escaped (${context})`).toBe('');
}
const escapeMark = (): [number, number] => [uncaught.length, loggedErrors.length];
/** Each test only answers for what escaped while it ran. */
let testMark: [number, number] = [0, 0];
beforeEach(() => void (testMark = escapeMark()));

/** Sends `payload` on a new connection, then half-closes (nothing more will come) and collects until the close (a reset
 * counts as one: what came before it is what the client got). */
function exchange(port: number, payload: Buffer, context: string): Promise<{ bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true }, () => socket.end(payload));
    sockets.push(socket);
    const deadline = setTimeout(() => {
      socket.destroy();
      reject(new Error(`hang: the connection was still open after ${CASE_DEADLINE_MS} ms (${context})`));
    }, CASE_DEADLINE_MS);
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') reject(err);
    });
    socket.on('close', () => {
      clearTimeout(deadline);
      resolve({ bytes: Buffer.concat(chunks) });
    });
  });
}

/** The same, one byte per write: each write's callback awaited, then one turn of the event loop (setImmediate, not a
 * timer) so that the balancer, in this process, reads every byte on its own. Keeps the socket open: the payload asks
 * for the close. */
async function exchangeBytewise(port: number, payload: Buffer): Promise<Buffer> {
  const socket = connect({ port, host: '127.0.0.1', noDelay: true });
  sockets.push(socket);
  const chunks: Buffer[] = [];
  socket.on('data', (d: Buffer) => chunks.push(d));
  const closed = once(socket, 'close');
  await once(socket, 'connect');
  for (let i = 0; i < payload.length; i++) {
    await new Promise<void>((resolve, reject) => socket.write(payload.subarray(i, i + 1), (err) => (err ? reject(err) : resolve())));
    await new Promise((r) => setImmediate(r));
  }
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: still open ${CASE_DEADLINE_MS} ms after the last byte`)), CASE_DEADLINE_MS);
  });
  await Promise.race([closed, hang]).finally(() => clearTimeout(timer));
  return Buffer.concat(chunks);
}

/** Opens a keep-alive client connection and sends requests on it one at a time. */
async function clientConnection(port: number) {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let buf = Buffer.alloc(0);
  let closed = false;
  let waiter: (() => void) | undefined;
  socket.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    waiter?.();
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    closed = true;
    waiter?.();
  });
  await once(socket, 'connect');
  return {
    /** Writes a GET and resolves with the next complete answer, or with what came before the connection closed;
     * rejects when neither happens within the case deadline (a hang). */
    async get(path: string): Promise<{ answer: Answer | undefined; partial: Buffer; closed: boolean }> {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
      const deadline = performance.now() + CASE_DEADLINE_MS;
      for (;;) {
        const parsed = parseAnswers(buf, closed);
        if (parsed.error) throw new Error(`malformed answer to GET ${path}: ${parsed.error} in ${JSON.stringify(buf.toString('latin1'))}`);
        const answer = parsed.answers.find((a) => a.status >= 200);
        if (answer) {
          buf = buf.subarray(parsed.consumedThrough(answer));
          return { answer, partial: Buffer.alloc(0), closed };
        }
        if (closed) return { answer: undefined, partial: buf, closed };
        const left = deadline - performance.now();
        if (left <= 0) {
          socket.destroy();
          throw new Error(`hang: no answer to GET ${path} and no close within ${CASE_DEADLINE_MS} ms (got ${JSON.stringify(buf.toString('latin1'))})`);
        }
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((r) => {
          waiter = r;
          timer = setTimeout(r, left);
        });
        clearTimeout(timer);
        waiter = undefined;
      }
    },
  };
}

// ---------------------------------------------------------------- a strict reader of what the client received

interface Answer {
  status: number;
  headers: [string, string][];
  body: Buffer;
  /** Index just past this answer in the received bytes. */
  end: number;
}

const STATUS_LINE = /^HTTP\/1\.1 (\d{3}) [\t\x20-\x7e\x80-\xff]*$/;
const FIELD_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Splits received bytes into answers with RFC 9112 framing (1xx/204/304: no body; chunked; Content-Length; else until
 * the close, which must then be the end). `error` says why the rest is not a well-formed answer; `incomplete` when the
 * bytes stop inside an answer.
 */
function parseAnswers(bytes: Buffer, ended: boolean): { answers: Answer[]; error?: string; incomplete: boolean; consumedThrough(a: Answer): number } {
  const answers: Answer[] = [];
  const done = (error?: string, incomplete = false) => ({ answers, error, incomplete, consumedThrough: (a: Answer) => a.end });
  let pos = 0;
  while (pos < bytes.length) {
    const headEnd = bytes.indexOf('\r\n\r\n', pos, 'latin1');
    if (headEnd < 0) return done(undefined, true);
    const lines = bytes.toString('latin1', pos, headEnd).split('\r\n');
    const status = STATUS_LINE.exec(lines[0] as string);
    if (!status) return done(`malformed status line ${JSON.stringify(lines[0])}`);
    const headers: [string, string][] = [];
    for (const line of lines.slice(1)) {
      if (!FIELD_LINE.test(line)) return done(`malformed header line ${JSON.stringify(line)}`);
      const colon = line.indexOf(':');
      headers.push([line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]);
    }
    const code = Number(status[1]);
    const te = headers.filter(([n]) => n === 'transfer-encoding').map(([, v]) => v.toLowerCase());
    const cl = headers.filter(([n]) => n === 'content-length').map(([, v]) => v);
    let p = headEnd + 4;
    let body: Buffer;
    if (code < 200 || code === 204 || code === 304) body = Buffer.alloc(0);
    else if (te.length > 0) {
      if (te.join(',') !== 'chunked' || cl.length > 0) return done(`ambiguous framing: transfer-encoding ${te} content-length ${cl}`);
      const parts: Buffer[] = [];
      for (;;) {
        const eol = bytes.indexOf('\r\n', p, 'latin1');
        if (eol < 0) return done(undefined, true);
        const sizeLine = bytes.toString('latin1', p, eol);
        if (!/^[0-9a-f]{1,8}$/i.test(sizeLine)) return done(`malformed chunk size ${JSON.stringify(sizeLine)}`);
        const size = parseInt(sizeLine, 16);
        p = eol + 2;
        if (size === 0) {
          // Trailer fields, if any, then the empty line.
          for (;;) {
            const tEol = bytes.indexOf('\r\n', p, 'latin1');
            if (tEol < 0) return done(undefined, true);
            const trailer = bytes.toString('latin1', p, tEol);
            p = tEol + 2;
            if (trailer === '') break;
            if (!FIELD_LINE.test(trailer)) return done(`malformed trailer ${JSON.stringify(trailer)}`);
          }
          break;
        }
        if (bytes.length < p + size + 2) return done(undefined, true);
        parts.push(bytes.subarray(p, p + size));
        if (bytes.toString('latin1', p + size, p + size + 2) !== '\r\n') return done('chunk data longer than its size');
        p += size + 2;
      }
      body = Buffer.concat(parts);
    } else if (cl.length > 0) {
      if (cl.length > 1 || !/^\d+$/.test(cl[0] as string)) return done(`bad content-length ${cl}`);
      const n = Number(cl[0]);
      if (bytes.length < p + n) return done(undefined, true);
      body = bytes.subarray(p, p + n);
      p += n;
    } else {
      if (!ended) return done(undefined, true); // framed by the close, which has not come yet
      body = bytes.subarray(p);
      p = bytes.length;
    }
    answers.push({ status: code, headers, body, end: p });
    pos = p;
  }
  return done();
}

const header = (a: Answer, name: string): string | undefined => a.headers.find(([n]) => n === name)?.[1];
const final = (answers: Answer[]): Answer[] => answers.filter((a) => a.status >= 200);

// ---------------------------------------------------------------- seeded mutation fuzz of requests

/** mulberry32: a tiny, good-enough 32-bit PRNG; the same seed gives the same cases on every run and machine. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A request line only ever found inside bodies: a node that sees it as a request was smuggled one, unless the
 * balancer itself read it as a request of its own (and answered it as such). */
const SMUGGLED = 'GET /SMUGGLED HTTP/1.1\r\nHost: x\r\n\r\n';
const chunk = (s: string): string => `${s.length.toString(16)}\r\n${s}\r\n`;

const BASES: readonly string[] = [
  'GET /p0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
  `POST /p1 HTTP/1.1\r\nHost: x\r\nContent-Length: ${SMUGGLED.length}\r\nConnection: close\r\n\r\n${SMUGGLED}`,
  `POST /p2 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunk(SMUGGLED)}0\r\n\r\n`,
  `GET /p3 HTTP/1.1\r\nHost: x\r\n\r\nPOST /p4 HTTP/1.1\r\nHost: x\r\nContent-Length: ${SMUGGLED.length}\r\nConnection: close\r\n\r\n${SMUGGLED}`,
  `POST /p5 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${chunk('abc')}${chunk(SMUGGLED)}0\r\n\r\nGET /p6 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
  `PUT /p7 HTTP/1.0\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\nxyzGET /p8 HTTP/1.0\r\n\r\n`,
];

/** What each valid base means: the requests a node must see, in order (method, path, body). The recording node chunks
 * its answers, which an HTTP/1.0 client can only get framed by a close: so the balancer closes after /p7 and must
 * not forward the pipelined /p8 at all (RFC 9112 §9.6: no further requests are processed on a closing connection). */
const BASE_MEANING: readonly [string, string, string][][] = [
  [['GET', '/p0', '']],
  [['POST', '/p1', SMUGGLED]],
  [['POST', '/p2', SMUGGLED]],
  [['GET', '/p3', ''], ['POST', '/p4', SMUGGLED]],
  [['POST', '/p5', `abc${SMUGGLED}`], ['GET', '/p6', '']],
  [['PUT', '/p7', 'xyz']],
];

const INTERESTING_BYTES = [13, 10, 0, 32, 58, 9, 59, 44, 48, 102, 127, 255, 11, 12];
const INSERTED_LINES = [
  'Transfer-Encoding: chunked', 'Content-Length: 0', 'Content-Length: 4', 'Content-Length: 99', 'Transfer-Encoding: chunked, identity',
  'Transfer-Encoding : chunked', ' Transfer-Encoding: chunked', 'Transfer-Encoding:\tchunked', 'Transfer-Encoding: \x0bchunked',
  'Transfer-Encoding: xchunked', 'Content-Length: +4', 'Content-Length: 4, 4', 'Expect: 100-continue', 'Connection: keep-alive',
  'Connection: close, content-length', 'Host: y', 'X: a\rb', 'X: a\nb', 'Upgrade: h2c', 'Connection: upgrade',
];

type Mutation = (b: number[], rnd: () => number) => string;
const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
const at = (rnd: () => number, b: number[], extra = 0): number => Math.floor(rnd() * (b.length + extra));
const latin1 = (b: number[]): string => Buffer.from(b).toString('latin1');
const replaceAll = (b: number[], text: string): void => void b.splice(0, b.length, ...Buffer.from(text, 'latin1'));

const MUTATIONS: Record<string, Mutation> = {
  flipBit: (b, rnd) => {
    const i = at(rnd, b);
    b[i] = (b[i] as number) ^ (1 << Math.floor(rnd() * 8));
    return `flipBit@${i}`;
  },
  setByte: (b, rnd) => {
    const i = at(rnd, b);
    b[i] = Math.floor(rnd() * 256);
    return `setByte@${i}`;
  },
  insertByte: (b, rnd) => {
    const i = at(rnd, b, 1);
    b.splice(i, 0, pick(rnd, INTERESTING_BYTES));
    return `insertByte@${i}`;
  },
  deleteBytes: (b, rnd) => {
    const i = at(rnd, b);
    const n = 1 + Math.floor(rnd() * 3);
    b.splice(i, n);
    return `delete${n}@${i}`;
  },
  duplicateLine: (b, rnd) => {
    const lines = latin1(b).split('\r\n');
    const candidates = lines.map((l, i) => [l, i] as const).filter(([l]) => /^[A-Za-z-]+:/.test(l));
    if (candidates.length === 0) return 'duplicateLine(none)';
    const [line, i] = pick(rnd, candidates);
    lines.splice(i, 0, line);
    replaceAll(b, lines.join('\r\n'));
    return `duplicateLine#${i}`;
  },
  insertLine: (b, rnd) => {
    const text = latin1(b);
    const ends = [...text.matchAll(/\r\n/g)].map((m) => m.index as number);
    if (ends.length === 0) return 'insertLine(none)';
    const i = pick(rnd, ends);
    const line = pick(rnd, INSERTED_LINES);
    replaceAll(b, `${text.slice(0, i)}\r\n${line}${text.slice(i)}`);
    return `insertLine@${i}:${JSON.stringify(line)}`;
  },
  changeLength: (b, rnd) => {
    const text = latin1(b);
    // Content-Length values and chunk-size lines (a hex run alone on a line).
    const sites = [...text.matchAll(/(?<=Content-Length: )\d+|(?<=\r\n)[0-9a-f]+(?=\r\n)/gi)];
    if (sites.length === 0) return 'changeLength(none)';
    const m = pick(rnd, sites);
    const isHex = !text.slice(0, m.index).endsWith('Content-Length: ');
    const n = parseInt(m[0], isHex ? 16 : 10);
    const v = pick(rnd, [n + 1, n - 1, 0, Math.floor(rnd() * 2 * n + 1), n * 16, n + 38, n - 38]);
    const fmt = (x: number) => (isHex ? Math.max(0, x).toString(16) : String(Math.max(0, x)));
    const forms = [fmt(v), `00${fmt(v)}`, `-${fmt(v)}`, `${fmt(v)} `, ` ${fmt(v)}`, fmt(v).toUpperCase(), `${fmt(v)};x=1`, 'fffffffffffff', `${fmt(v)},${fmt(v)}`];
    const replacement = pick(rnd, forms);
    const start = m.index as number;
    replaceAll(b, text.slice(0, start) + replacement + text.slice(start + m[0].length));
    return `changeLength@${start}:${JSON.stringify(m[0])}->${JSON.stringify(replacement)}`;
  },
  lfOnly: (b, rnd) => {
    const text = latin1(b);
    const ends = [...text.matchAll(/\r\n/g)].map((m) => m.index as number);
    if (ends.length === 0) return 'lfOnly(none)';
    const i = pick(rnd, ends);
    b.splice(i, 1);
    return `lfOnly@${i}`;
  },
  truncate: (b, rnd) => {
    const i = 1 + at(rnd, b.slice(1));
    b.splice(i);
    return `truncate@${i}`;
  },
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

interface FuzzCase {
  index: number;
  base: number;
  payload: Buffer;
  mutations: string[];
}

function fuzzCases(seed: number, count: number): FuzzCase[] {
  const rnd = mulberry32(seed);
  const cases: FuzzCase[] = BASES.map((text, base) => ({ index: base, base, payload: Buffer.from(text, 'latin1'), mutations: [] }));
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

/** What the raw engine's own request reader makes of a payload (complete requests, then whether it refused the rest).
 * The raw engine must carry exactly these to the node and answer each of them, in order, then refuse or stop. */
function rawReading(payload: Buffer): { requests: { method: string; url: string; body: string }[]; refused: string | undefined } {
  const reader = new RequestReader(1024 * 1024);
  reader.push(payload);
  const requests: { method: string; url: string; body: string }[] = [];
  for (let i = 0; i < 100; i++) {
    let req: ReturnType<RequestReader['next']>;
    try {
      req = reader.next();
    } catch (err) {
      if (err instanceof ParseError) return { requests, refused: err.code };
      throw err;
    }
    if (!req) break;
    requests.push({ method: req.head.method, url: req.head.target, body: (req.body ?? Buffer.alloc(0)).toString('utf8') });
    // The recording node chunks its answers (or, refusing, frames them by its close): an HTTP/1.0 client gets them
    // framed by the balancer's close, so nothing after an HTTP/1.0 request is read.
    if (!req.head.keepAlive || req.head.minor === 0) break;
  }
  return { requests, refused: undefined };
}

/** Where the client wrote `method SP url` at the start of a line (or of the payload), then ` HTTP/1.` or the line's
 * end (llhttp reads a request line without a version as HTTP/0.9). llhttp (the node:http engines) is lenient in two
 * harmless ways this allows for: several spaces where one belongs, and a `#fragment` after the path, dropped. */
function writtenAsRequestLine(payload: string, method: string, url: string): boolean {
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|\\n)${escape(method)} +${escape(url)}(#[^ \\r\\n]*)?( +HTTP\\/1\\.|\\r|\\n|$)`).test(payload);
}

// Statuses a fuzzed request may get: the node's 200, an interim 100, the balancer's (or, for a method node:http does not
// know, the node's own) refusals. A 5xx would mean the balancer broke its own connection to a healthy node.
const FUZZ_STATUSES = new Set([100, 200, 400, 413, 431]);

/** One fuzz case: sends it, then checks the answers, what the node saw, and that nothing escaped. Throws on a failure. */
async function fuzzCase(engine: Engine, port: number, rec: LocalNode, c: FuzzCase): Promise<void> {
  const payloadText = c.payload.toString('latin1');
  const context = `engine=${engine} seed=${SEED} case=${c.index} base=${c.base} mutations=[${c.mutations.join(', ')}] payload=${JSON.stringify(payloadText)}`;
  const seenBefore = rec.seen.length;
  const mark = escapeMark();
  const { bytes } = await exchange(port, c.payload, context);
  const parsed = parseAnswers(bytes, true);
  const got = `received=${JSON.stringify(bytes.toString('latin1'))}`;
  expect(parsed.error, `${context} ${got}`).toBeUndefined();
  expect(parsed.incomplete, `an answer cut short: ${context} ${got}`).toBe(false);
  for (const a of parsed.answers) expect(FUZZ_STATUSES.has(a.status), `status ${a.status}: ${context} ${got}`).toBe(true);

  // The node and the client agree: every request the node saw was answered to this client with an echo of it,
  // in order, and no other 200 reached the client. A request hidden in a body that the node read as its own
  // would show up in `seen` without an answer (its answer would be an extra response the balancer drops).
  const seen = rec.seen.slice(seenBefore).map((s) => ({ method: s.method, url: s.url, body: s.body }));
  const echoed = final(parsed.answers).filter((a) => a.status === 200).map((a) => {
    const j = JSON.parse(a.body.toString('utf8')) as { method: string; url: string; body: string };
    return { method: j.method, url: j.url, body: j.body };
  });
  expect(seen, `node saw vs answers echoed: ${context} ${got}`).toEqual(echoed);
  // Every path the node saw is one the client wrote in a request line (of its own, at a line start).
  for (const s of seen) expect(writtenAsRequestLine(payloadText, s.method, s.url), `node saw ${s.method} ${s.url}: ${context}`).toBe(true);
  if (c.mutations.length === 0) {
    // The valid bases: exactly their meaning, so /SMUGGLED is only ever a body.
    expect(seen.map((s) => [s.method, s.url, s.body]), context).toEqual(BASE_MEANING[c.base]);
  }
  if (engine === 'raw') {
    // The raw engine carries exactly what its own reader reads, answers each request once, in order, then
    // refuses the rest with a coded 4xx (or stops at a close or the end of the bytes). The node:http engines
    // read with llhttp, whose (equally valid) decisions differ on edge cases, so this reference is raw's only.
    const reading = rawReading(c.payload);
    const answers = final(parsed.answers);
    const want = reading.requests.length + (reading.refused ? 1 : 0);
    expect(answers.length, `answers vs raw reading ${JSON.stringify(reading)}: ${context} ${got}`).toBe(want);
    reading.requests.forEach((r, i) => {
      const a = answers[i] as Answer;
      if (a.status === 200) expect(JSON.parse(a.body.toString('utf8')), `answer ${i}: ${context} ${got}`).toMatchObject(r);
      else expect(header(a, 'x-lb-error'), `answer ${i} is the node's own refusal: ${context} ${got}`).toBeUndefined();
    });
    if (reading.refused) expect(header(answers[want - 1] as Answer, 'x-lb-error'), `${context} ${got}`).toBe(reading.refused);
    for (const s of seen) expect(reading.requests, `${context}`).toContainEqual(s);
  }
  expectNoEscapes(context, mark);
}

/** A plain GET still answered 200 after a case (and what the node saw of it forgotten). */
async function stillServing(port: number, rec: LocalNode, context: string): Promise<void> {
  const { bytes } = await exchange(port, Buffer.from('GET /alive HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), `a plain GET after ${context}`);
  expect(final(parseAnswers(bytes, true).answers).map((a) => a.status), `a plain GET after ${context}`).toEqual([200]);
  expect(rec.seen.pop()?.url).toBe('/alive');
}

describe.each(ENGINES)('raw-fuzz › mutated requests [%s]', (engine) => {
  it(`${CASES} seeded cases (seed ${SEED}): well-formed answers or a close, nothing smuggled, nothing thrown, still serving`, async () => {
    node = await startNode('rec');
    const { port } = await startLb(engine, node.url);
    const rec = node;
    const cases = fuzzCases(SEED, CASES);
    const failures: string[] = [];
    for (const c of cases) {
      try {
        await fuzzCase(engine, port, rec, c);
      } catch (err) {
        failures.push((err as Error).message);
      }
      try {
        await stillServing(port, rec, `seed=${SEED} case=${c.index}`);
      } catch (err) {
        failures.push((err as Error).message);
      }
    }
    // Every case runs even after a failure; the report names each failing case with its bytes.
    const failed = failures.map((f) => /case=(\d+)/.exec(f)?.[1]).join(',');
    expect(failures.length === 0 ? 'none' : `${failures.length} failures (cases ${failed}) among ${cases.length} cases; the first:\n\n${failures.slice(0, SHOW).join('\n\n')}`).toBe('none');
    // No request left counted in flight (least-connections would avoid this node forever).
    expect(lb?.pool.get('n1')?.inFlight).toBe(0);
    expectNoEscapes(`engine=${engine} seed=${SEED} after all cases`);
  });
});

// ---------------------------------------------------------------- slow delivery

describe.each(ENGINES)('raw-fuzz › one byte per write [%s]', (engine) => {
  it('three pipelined requests (one chunked, with an extension and a trailer) › the same answers and node requests as in one write', async () => {
    node = await startNode('rec');
    const { port } = await startLb(engine, node.url);
    const payload = Buffer.from(
      'GET /s1 HTTP/1.1\r\nHost: x\r\n\r\n' +
      `POST /s2 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${chunk('hello')}6;ext=1\r\n world\r\n${chunk(SMUGGLED)}0\r\nX-Trailer: t\r\n\r\n` +
      'POST /s3 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc',
      'latin1',
    );
    const view = (bytes: Buffer) => {
      const parsed = parseAnswers(bytes, true);
      expect([parsed.error, parsed.incomplete]).toEqual([undefined, false]);
      // The node's Date may tick between the two runs; everything else must be identical.
      return parsed.answers.map((a) => ({ status: a.status, headers: a.headers.filter(([n]) => n !== 'date'), body: a.body.toString('latin1') }));
    };
    const rec = node;
    const atOnce = view((await exchange(port, payload, 'at once')).bytes);
    const seenAtOnce = rec.seen.splice(0);
    const bytewise = view(await exchangeBytewise(port, payload));
    const seenBytewise = rec.seen.splice(0);
    expect(atOnce.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(seenAtOnce.map((s) => [s.method, s.url, s.body])).toEqual([['GET', '/s1', ''], ['POST', '/s2', `hello world${SMUGGLED}`], ['POST', '/s3', 'abc']]);
    expect(bytewise).toEqual(atOnce);
    expect(seenBytewise).toEqual(seenAtOnce);
    expectNoEscapes(`engine=${engine} bytewise`);
  });
});

// ---------------------------------------------------------------- nodes that answer badly

interface Script {
  /** The bytes answered to a request for this path. */
  answer: Buffer;
  /** One write, one byte per write (each followed by a turn of the event loop), or two writes split at an index. */
  delivery: 'whole' | 'bytewise' | number;
  /** The node closes its connection after answering. */
  close?: boolean;
}

/** A node on a bare net.Server answering each request head by the path's script (else a small valid answer), one
 * request at a time per connection. Records the path of every request it read, also per connection. */
async function scriptedNode(scripts: Record<string, Script>): Promise<{ url: string; paths: string[]; byConnection: string[][] }> {
  const paths: string[] = [];
  const byConnection: string[][] = [];
  const server = createServer((socket) => {
    const mine: string[] = [];
    byConnection.push(mine);
    sockets.push(socket);
    socket.setNoDelay(true); // no Nagle: a second small write must not wait for the first one's ACK
    socket.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    let busy = false;
    const serve = async () => {
      if (busy) return;
      busy = true;
      for (let end = buf.indexOf('\r\n\r\n'); end >= 0 && !socket.destroyed; end = buf.indexOf('\r\n\r\n')) {
        const head = buf.toString('latin1', 0, end);
        buf = buf.subarray(end + 4);
        const path = head.split(' ')[1] ?? '';
        paths.push(path);
        mine.push(path);
        const script = scripts[path] ?? { answer: Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${path.length}\r\n\r\n${path}`), delivery: 'whole' };
        const { answer, delivery } = script;
        const pieces = delivery === 'whole' ? [answer]
          : delivery === 'bytewise' ? [...answer].map((b) => Buffer.from([b]))
            : [answer.subarray(0, delivery), answer.subarray(delivery)];
        for (const piece of pieces) {
          if (socket.destroyed) break;
          await new Promise<void>((resolve) => socket.write(piece, () => resolve()));
          if (pieces.length > 1) await new Promise((r) => setImmediate(r));
        }
        if (script.close) socket.end();
      }
      busy = false;
    };
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      void serve();
    });
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths, byConnection };
}

const CL_ANSWER = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Node: n1\r\nContent-Length: 11\r\n\r\nhello world';
const CHUNKED_ANSWER = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n5;ext="a b"\r\nhello\r\n6\r\n world\r\n0\r\nX-Sum: 42\r\nX-More: yes\r\n\r\n';
const CONTINUE_ANSWER = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n' + CL_ANSWER;
const b = (s: string): Buffer => Buffer.from(s, 'latin1');

describe.each(ENGINES)('raw-fuzz › a node answering badly [%s]', (engine) => {
  /** Two GETs on one client connection for `path`, then a GET /ok: what the client got, and that the balancer still serves. */
  async function twice(port: number, path: string) {
    const conn = await clientConnection(port);
    const first = await conn.get(path);
    const second = first.closed ? undefined : await conn.get(path);
    const fresh = await clientConnection(port);
    const ok = await fresh.get('/ok');
    expect([ok.answer?.status, ok.answer?.body.toString()], `still serving after ${path}`).toEqual([200, '/ok']);
    return { first, second };
  }

  it('answers written one byte per write (Content-Length, chunked with extensions and trailers, 100 and 103 first, close-framed) › intact', async () => {
    const n = await scriptedNode({
      '/cl': { answer: b(CL_ANSWER), delivery: 'bytewise' },
      '/chunked': { answer: b(CHUNKED_ANSWER), delivery: 'bytewise' },
      '/continue': { answer: b(CONTINUE_ANSWER), delivery: 'bytewise' },
      '/eof': { answer: b('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello world'), delivery: 'bytewise', close: true },
    });
    const { port } = await startLb(engine, n.url);
    for (const path of ['/cl', '/chunked', '/continue', '/eof']) {
      const { first, second } = await twice(port, path);
      for (const r of [first, second]) {
        expect([r?.answer?.status, r?.answer?.body.toString()], `${engine} ${path}`).toEqual([200, 'hello world']);
      }
      // Interim answers are the balancer's to drop; trailers are dropped (raw) or passed on as trailers, never as body.
    }
    expectNoEscapes(`engine=${engine} bytewise answers`);
  });

  it('an answer split in two writes at every byte boundary › intact every time, on one kept-alive client connection', async () => {
    const scripts: Record<string, Script> = {};
    for (let k = 1; k < CL_ANSWER.length; k++) scripts[`/split${k}`] = { answer: b(CL_ANSWER), delivery: k };
    for (let k = 1; k < CHUNKED_ANSWER.length; k++) scripts[`/csplit${k}`] = { answer: b(CHUNKED_ANSWER), delivery: k };
    const n = await scriptedNode(scripts);
    const { port } = await startLb(engine, n.url);
    const conn = await clientConnection(port);
    for (const path of Object.keys(scripts)) {
      const r = await conn.get(path);
      expect([r.answer?.status, r.answer?.body.toString()], `${engine} ${path}`).toEqual([200, 'hello world']);
    }
    expect(n.paths).toEqual(Object.keys(scripts));
    expectNoEscapes(`engine=${engine} split answers`);
  });

  it('extra bytes after the Content-Length body (a second, unasked answer) › the client gets the first only; never the extra', async () => {
    const n = await scriptedNode({
      '/extra': { answer: b('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nEVIL'), delivery: 'whole' },
      '/junk': { answer: b('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello\x00\x01garbage\r\n\r\n'), delivery: 'whole' },
    });
    const { port } = await startLb(engine, n.url);
    // Trailing junk is raw's case only: node:http's client parser reads the whole read, fails on the junk and the
    // node:http engines then cut the client (safe, never a wrong answer). raw relays the framed answer and drops the
    // node connection.
    for (const path of engine === 'raw' ? ['/extra', '/junk'] : ['/extra']) {
      const conn = await clientConnection(port);
      for (let i = 0; i < 3; i++) {
        const r = await conn.get(path);
        expect([r.answer?.status, r.answer?.body.toString()], `${engine} ${path} #${i}`).toEqual([200, 'hello']);
      }
      const ok = await conn.get('/ok');
      expect([ok.answer?.status, ok.answer?.body.toString()], `${engine} ${path} then /ok`).toEqual([200, '/ok']);
    }
    // An answer with bytes after its end leaves that node connection unusable: nothing more is sent on it.
    for (const conn of n.byConnection) expect(conn.slice(0, -1), `requests on one node connection: ${conn}`).not.toContain('/extra');
    for (const conn of n.byConnection) expect(conn.slice(0, -1), `requests on one node connection: ${conn}`).not.toContain('/junk');
    expectNoEscapes(`engine=${engine} extra bytes`);
  });

  it('garbage instead of an answer › 502 LB_ERR_UPSTREAM, nothing of it relayed, the client connection still usable', async () => {
    const n = await scriptedNode({
      '/garbage': { answer: b('SSH-2.0-OpenSSH_9.6\r\n\r\n'), delivery: 'whole' },
      '/binary': { answer: Buffer.from([0, 1, 2, 255, 13, 10, 13, 10]), delivery: 'whole' },
      '/status': { answer: b('HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n'), delivery: 'whole' },
      '/lf': { answer: b('HTTP/1.1 200 OK\nContent-Length: 2\n\nok\r\n\r\n'), delivery: 'whole' },
      '/te-cl': { answer: b('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'), delivery: 'whole' },
    });
    const { port } = await startLb(engine, n.url);
    for (const path of ['/garbage', '/binary', '/status', '/lf', '/te-cl']) {
      const { first, second } = await twice(port, path);
      for (const r of [first, second]) {
        expect([r?.answer?.status, r && header(r.answer as Answer, 'x-lb-error')], `${engine} ${path}`).toEqual([502, 'LB_ERR_UPSTREAM']);
        expect(r?.answer?.body.toString(), `${engine} ${path}`).not.toMatch(/SSH|2000/);
      }
    }
    expectNoEscapes(`engine=${engine} garbage`);
  });

  it('a node answering 101 Switching Protocols to a plain GET › 502 LB_ERR_UPSTREAM, and what followed the 101 is never read as an answer', async () => {
    const n = await scriptedNode({
      '/switch': { answer: b('HTTP/1.1 101 Switching Protocols\r\nUpgrade: evil\r\nConnection: upgrade\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nEVIL'), delivery: 'whole' },
    });
    const { port } = await startLb(engine, n.url);
    const { first, second } = await twice(port, '/switch');
    for (const r of [first, second]) expect([r?.answer?.status, r?.answer && header(r.answer, 'x-lb-error')], engine).toEqual([502, 'LB_ERR_UPSTREAM']);
    expectNoEscapes(`engine=${engine} 101`);
  });

  it('a status line node:http reads but cannot repeat (a control character in the reason, status 004) › 502, nothing thrown', async () => {
    const n = await scriptedNode({
      '/reason': { answer: b('HTTP/1.1 204 No\x00Content\r\nX-A: 1\r\n\r\n'), delivery: 'whole', close: true },
      '/status': { answer: b('HTTP/1.1 004 No Content\r\n\r\n'), delivery: 'whole', close: true },
    });
    const { port } = await startLb(engine, n.url);
    for (const path of ['/reason', '/status']) {
      const mark = escapeMark();
      const r = await (await clientConnection(port)).get(path);
      // An exception thrown out of the proxy's answer path ends the balancer process (main.ts installs no handler).
      expectNoEscapes(`engine=${engine} ${path}`, mark);
      expect([r.answer?.status, r.answer && header(r.answer, 'x-lb-error')], `${engine} ${path}`).toEqual([502, 'LB_ERR_UPSTREAM']);
    }
  });

  it('a 70 KiB response head › the same answer (502 LB_ERR_UPSTREAM) whether it arrives in one write or split after 1 KiB', async () => {
    // raw caps a node's head at 64 KiB, node:http at 16 KiB: over the cap is a 502, however the bytes are cut.
    const huge = b(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(70 * 1024)}\r\nContent-Length: 2\r\n\r\nok`);
    const n = await scriptedNode({ '/huge-whole': { answer: huge, delivery: 'whole' }, '/huge-split': { answer: huge, delivery: 1024 } });
    const { port } = await startLb(engine, n.url);
    const outcome = async (path: string) => {
      const r = await (await clientConnection(port)).get(path);
      return [r.answer?.status, r.answer && header(r.answer, 'x-lb-error')];
    };
    expect({ whole: await outcome('/huge-whole'), split: await outcome('/huge-split') }, engine)
      .toEqual({ whole: [502, 'LB_ERR_UPSTREAM'], split: [502, 'LB_ERR_UPSTREAM'] });
    expectNoEscapes(`engine=${engine} huge head`);
  });

  it('the node closes in the middle of the body › the client gets the head and part of the body, then a cut connection', async () => {
    const n = await scriptedNode({
      '/midbody': { answer: b('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial'), delivery: 'whole', close: true },
      '/midchunk': { answer: b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n64\r\npartial'), delivery: 'whole', close: true },
    });
    const { port } = await startLb(engine, n.url);
    for (const path of ['/midbody', '/midchunk']) {
      const conn = await clientConnection(port);
      const r = await conn.get(path);
      // Never a complete answer (which would pass a truncated body off as whole); the connection is closed.
      expect(r.answer, `${engine} ${path} partial=${JSON.stringify(r.partial.toString('latin1'))}`).toBeUndefined();
      expect(r.closed).toBe(true);
      expect(r.partial.toString('latin1')).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      const ok = await (await clientConnection(port)).get('/ok');
      expect([ok.answer?.status, ok.answer?.body.toString()]).toEqual([200, '/ok']);
    }
    expectNoEscapes(`engine=${engine} mid-body close`);
  });

  // raw only: it holds the head until the first body bytes, so when the first chunk size is already malformed nothing
  // has reached the client and the README's rule applies ("a node's malformed answer is a 502, never relayed"). The
  // node:http engines commit to the answer (writeHead) on the node's head, before its body is parsed: a cut is all
  // they can do.
  it.runIf(engine === 'raw')('a malformed first chunk size, in the same read as the head › 502 LB_ERR_UPSTREAM (nothing was relayed yet)', async () => {
    const n = await scriptedNode({
      '/badchunk': { answer: b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n'), delivery: 'whole' },
    });
    const { port } = await startLb(engine, n.url);
    const conn = await clientConnection(port);
    const r = await conn.get('/badchunk');
    const got = `answer=${JSON.stringify(r.answer && [r.answer.status, header(r.answer, 'x-lb-error')])} closed=${r.closed} partial=${JSON.stringify(r.partial.toString('latin1'))}`;
    expect([r.answer?.status, r.answer && header(r.answer, 'x-lb-error')], got).toEqual([502, 'LB_ERR_UPSTREAM']);
    expect((await (await clientConnection(port)).get('/ok')).answer?.status).toBe(200);
    expectNoEscapes(`engine=${engine} bad chunk`);
  });

  it('a node that names Content-Length in its Connection field › the answer still reaches a kept-alive client framed', async () => {
    // RFC 9110 §7.6.1 tells senders not to, but whatever the node says, a kept-alive client must get a framed answer.
    const n = await scriptedNode({
      '/named': { answer: b('HTTP/1.1 200 OK\r\nConnection: content-length\r\nContent-Length: 5\r\n\r\nhello'), delivery: 'whole' },
    });
    const { port } = await startLb(engine, n.url);
    const payload = 'GET /named HTTP/1.1\r\nHost: x\r\n\r\nGET /named HTTP/1.1\r\nHost: x\r\n\r\n';
    const { bytes } = await exchange(port, b(payload), engine);
    const { answers } = parseAnswers(bytes, true);
    const got = `payload=${JSON.stringify(payload)} received=${JSON.stringify(bytes.toString('latin1'))}`;
    expect(answers.map((a) => [a.status, header(a, 'content-length') ?? header(a, 'transfer-encoding') ?? 'unframed', a.body.toString()]), got)
      .toEqual([[200, expect.any(String), 'hello'], [200, expect.any(String), 'hello']]);
    expect(answers.map((a) => header(a, 'content-length') ?? header(a, 'transfer-encoding') ?? 'unframed'), got).not.toContain('unframed');
    expectNoEscapes(`engine=${engine} connection: content-length`);
  });
});

// ---------------------------------------------------------------- seeded mutation fuzz of the nodes' answers

const ANSWER_BASES: readonly { text: string; close?: boolean }[] = [
  { text: 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world' },
  { text: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;e=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Sum: 42\r\n\r\n' },
  { text: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 11\r\n\r\nhello world' },
  { text: 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello world', close: true },
  { text: 'HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n' },
  { text: 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nEVIL' },
];
const ANSWER_LINES = ['Transfer-Encoding: chunked', 'Content-Length: 0', 'Content-Length: 3', 'Content-Length: 11', 'Connection: close',
  'Connection: keep-alive', 'Connection: content-length', 'Transfer-Encoding: gzip', ' folded', 'X: a\rb', 'Content-Length: 1, 1', 'HTTP/1.1 200 OK'];

function answerCases(seed: number, count: number): { index: number; base: number; bytes: Buffer; mutations: string[]; close: boolean }[] {
  const rnd = mulberry32(seed ^ 0xa5a5a5a5);
  const cases = ANSWER_BASES.map((a, base) => ({ index: base, base, bytes: Buffer.from(a.text, 'latin1'), mutations: [] as string[], close: a.close === true }));
  // Mutated answers may stop short of their framing: the node closes after each, so every case ends at once
  // (a node that goes silent instead is the upstream timeout's business, not this fuzz's).
  for (let index = cases.length; index < count; index++) {
    const base = Math.floor(rnd() * ANSWER_BASES.length);
    const bytes = [...Buffer.from((ANSWER_BASES[base] as { text: string }).text, 'latin1')];
    const mutations: string[] = [];
    const n = 1 + Math.floor(rnd() * 2);
    for (let k = 0; k < n && bytes.length > 0; k++) {
      const name = pick(rnd, MUTATION_NAMES);
      if (name === 'insertLine') {
        const text = latin1(bytes);
        const ends = [...text.matchAll(/\r\n/g)].map((m) => m.index as number);
        const at = ends.length > 0 ? pick(rnd, ends) : 0;
        const line = pick(rnd, ANSWER_LINES);
        replaceAll(bytes, `${text.slice(0, at)}\r\n${line}${text.slice(at)}`);
        mutations.push(`insertLine@${at}:${JSON.stringify(line)}`);
      } else mutations.push((MUTATIONS[name] as Mutation)(bytes, rnd));
    }
    cases.push({ index, base, bytes: Buffer.from(bytes), mutations, close: true });
  }
  return cases;
}

/** What the raw engine's own response reader makes of a node's answer to a GET, the node closing after it. */
function rawAnswerReading(bytes: Buffer): { complete: true; status: number; body: string } | { complete: false; headDone: boolean } {
  const reader = new ResponseReader();
  let status = 0;
  const body: Buffer[] = [];
  let ended = false;
  reader.start('GET', { head: (h) => void (status = h.status), body: (d) => void body.push(Buffer.from(d)), end: () => void (ended = true) });
  try {
    reader.feed(bytes);
  } catch (err) {
    if (err instanceof ParseError) return { complete: false, headDone: reader.headDone };
    throw err;
  }
  if (ended || reader.eof()) return { complete: true, status, body: Buffer.concat(body).toString('latin1') };
  return { complete: false, headDone: reader.headDone };
}

describe.each(ENGINES)('raw-fuzz › mutated answers from a node [%s]', (engine) => {
  it(`${ANSWER_CASES} seeded cases (seed ${SEED}): a framed answer, a 502 or a cut; never a desynchronised client connection`, async () => {
    const cases = answerCases(SEED, ANSWER_CASES);
    const scripts: Record<string, Script> = {};
    for (const c of cases) scripts[`/f${c.index}`] = { answer: c.bytes, delivery: 'whole', close: c.close };
    const n = await scriptedNode(scripts);
    const { port } = await startLb(engine, n.url);
    const failures: string[] = [];
    for (const c of cases) {
      const context = `engine=${engine} seed=${SEED} answer-case=${c.index} base=${c.base} mutations=[${c.mutations.join(', ')}] node-closes=${c.close} answer=${JSON.stringify(c.bytes.toString('latin1'))}`;
      const mark = escapeMark();
      try {
        const conn = await clientConnection(port);
        const r = await conn.get(`/f${c.index}`);
        const got = `client got ${JSON.stringify(r.answer ? [r.answer.status, header(r.answer, 'x-lb-error'), r.answer.body.toString('latin1')] : `a cut after ${JSON.stringify(r.partial.toString('latin1'))}`)}`;
        if (r.answer && header(r.answer, 'x-lb-error') !== undefined) expect([r.answer.status, header(r.answer, 'x-lb-error')], `${context} ${got}`).toEqual([502, 'LB_ERR_UPSTREAM']);
        if (engine === 'raw') {
          // The raw engine relays exactly what its reader reads: the whole answer, or a 502 when the node failed
          // before its head was read, or no complete answer (a cut, or a 502 if nothing had left) after it.
          const reading = rawAnswerReading(c.bytes);
          const want = reading.complete ? [reading.status, undefined, reading.body] : reading.headDone ? 'cut or 502' : [502, 'LB_ERR_UPSTREAM'];
          const have = r.answer ? [r.answer.status, header(r.answer, 'x-lb-error'), header(r.answer, 'x-lb-error') ? undefined : r.answer.body.toString('latin1')] : 'cut';
          if (want === 'cut or 502') expect(have === 'cut' || (Array.isArray(have) && have[1] === 'LB_ERR_UPSTREAM'), `${context} ${got}`).toBe(true);
          else expect(have, `${context} ${got}`).toEqual(want.length === 3 ? want : [...want, undefined]);
        }
        // The client connection, if it survived, is still in step: the next answer on it is the next request's.
        if (!r.closed) {
          const next = await conn.get('/ok');
          expect([next.answer?.status, next.answer?.body.toString()], `the next answer on the same client connection: ${context} ${got}`).toEqual([200, '/ok']);
        }
        expectNoEscapes(context, mark);
      } catch (err) {
        failures.push(`${(err as Error).message}${(err as Error).message.includes('answer-case=') ? '' : ` (${context})`}`);
      }
    }
    const failed = failures.map((f) => /answer-case=(\d+)/.exec(f)?.[1]).join(',');
    expect(failures.length === 0 ? 'none' : `${failures.length} failures (answer cases ${failed}) among ${cases.length}; the first:\n\n${failures.slice(0, SHOW).join('\n\n')}`).toBe('none');
    expect((await (await clientConnection(port)).get('/ok')).answer?.status).toBe(200);
    expect(lb?.pool.get('n1')?.inFlight).toBe(0);
  });
});

// ---------------------------------------------------------------- minimal reproducers of what the fuzzing found

describe.each(ENGINES)('raw-fuzz › reproducers [%s]', (engine) => {
  it('a valid POST followed in the same write by bytes that are no request › its answer first, then a 400 and a close', async () => {
    node = await startNode('rec');
    const { port } = await startLb(engine, node.url);
    for (const payload of [
      'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGARBAGE\r\n\r\n',
      'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabcX',
    ]) {
      node.seen.length = 0;
      const { bytes } = await exchange(port, b(payload), payload);
      const answers = final(parseAnswers(bytes, true).answers);
      const got = `payload=${JSON.stringify(payload)} node saw=${JSON.stringify(node.seen.map((s) => [s.method, s.url, s.body]))} received=${JSON.stringify(bytes.toString('latin1'))}`;
      // The POST is valid and whole: the node runs it and its answer reaches the client first (a 400 in its place
      // would tell the client that the request it sent was refused); the junk after it gets the 400.
      expect({ nodeSaw: node.seen.map((s) => [s.method, s.url, s.body]), statuses: answers.map((a) => a.status) }, got)
        .toEqual({ nodeSaw: [['POST', '/a', 'abc']], statuses: payload.includes('close') ? [200] : [200, 400] });
    }
    expectNoEscapes(`engine=${engine} valid then garbage`);
  });

  it('an HTTP/1.0 keep-alive request whose answer must end the connection › the pipelined next request is not forwarded', async () => {
    // The recording node chunks its answers; an HTTP/1.0 client can only get them framed by a close, so the balancer
    // closes after /a and (RFC 9112 §9.6) must not process /b: a node must not run a request whose answer is lost.
    node = await startNode('rec');
    const { port } = await startLb(engine, node.url);
    const payload = 'POST /a HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\n1POST /b HTTP/1.0\r\nContent-Length: 1\r\n\r\n2';
    const { bytes } = await exchange(port, b(payload), payload);
    const answers = final(parseAnswers(bytes, true).answers);
    const got = `payload=${JSON.stringify(payload)} received=${JSON.stringify(bytes.toString('latin1'))}`;
    expect(answers.map((a) => JSON.parse(a.body.toString()).url), got).toEqual(['/a']);
    expect(node.seen.map((s) => [s.method, s.url, s.body]), got).toEqual([['POST', '/a', '1']]);
    expectNoEscapes(`engine=${engine} 1.0 close then pipelined`);
  });

  it('a request target that is neither origin-form nor absolute-form (DELETE p0) › 400, never forwarded as DELETE /', async () => {
    node = await startNode('rec');
    const { port } = await startLb(engine, node.url);
    for (const target of ['p0', '?p6', '#p4', '\xff/p0', 'http:/x']) {
      node.seen.length = 0;
      const payload = `DELETE ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`;
      const { bytes } = await exchange(port, b(payload), payload);
      const got = `payload=${JSON.stringify(payload)} received=${JSON.stringify(bytes.toString('latin1').slice(0, 120))}`;
      expect({ nodeSaw: node.seen.map((s) => `${s.method} ${s.url}`), statuses: final(parseAnswers(bytes, true).answers).map((a) => a.status) }, got)
        .toEqual({ nodeSaw: [], statuses: [400] });
    }
    expectNoEscapes(`engine=${engine} invalid target`);
  });

  it('an HTTP/1.0 request with Expect: 100-continue › no 100 Continue (RFC 9110 §10.1.1: ignore it), whatever follows', async () => {
    node = await startNode('rec');
    const { port } = await startLb(engine, node.url);
    // The body never comes (the client half-closes after the head), so a balancer that honours the expectation
    // answers 100 before it sees the end.
    const payload = 'POST /e HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n';
    const { bytes } = await exchange(port, b(payload), payload);
    const got = `payload=${JSON.stringify(payload)} received=${JSON.stringify(bytes.toString('latin1'))}`;
    expect(parseAnswers(bytes, true).answers.map((a) => a.status), got).not.toContain(100);
    expect(node.seen, got).toEqual([]);
    expectNoEscapes(`engine=${engine} 1.0 expect`);
  });
});
