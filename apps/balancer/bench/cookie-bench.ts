// Our hand-written affinity-cookie functions (src/http/cookies.ts) against the `cookie` package, on the
// Cookie headers a balancer sees: per request it reads the affinity cookie and strips it before forwarding; it
// writes a Set-Cookie only on a new pin or a refresh. Interleaved rounds (A B, B A, …) so a shared machine's drift
// bills both alike; prints the median ns/op of each side and their ratio. A script, not a test.
// node --import tsx apps/balancer/bench/cookie-bench.ts [--rounds 9] [--iterations 100000]
import { parseArgs } from 'node:util';
import { parseCookie, stringifyCookie, stringifySetCookie } from 'cookie';
import { affinityCookie, readCookie, stripCookie } from '../src/http/cookies.ts';

const { values } = parseArgs({ options: {
  rounds: { type: 'string', default: '9' }, iterations: { type: 'string', default: '100000' },
} });
const ROUNDS = Number(values.rounds);
const ITERATIONS = Number(values.iterations);
const NAME = 'ss_lb';
// A sealed route as --affinity signed writes it (base64url of IV, tag and payload), a shop.sid as express-session does.
const TOKEN = 'v1.Q2hhbmdlTWUtMTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6QUJDREVGR0hJSktMTU5PUFFSU1Q';
const SID = 'shop.sid=s%3AqW3rT5yU7iO9pA1sD3fG5hJ7kL9zX1cV.b5N7m9Q1w3E5r7T9y1U3i5O7p9A1s3D5f7G9h1J3k5L';
const OTHERS = '_ga=GA1.1.1234567890.1700000000; theme=dark; consent=analytics%3Dno%2Cads%3Dno; ' +
  '_gid=GA1.1.98765.1700000001';

const HEADERS: Record<string, string> = {
  'session only (no affinity yet)': SID,
  'session + affinity': `${SID}; ${NAME}=${TOKEN}`,
  'four others + session + affinity': `${OTHERS}; ${SID}; ${NAME}=${TOKEN}`,
  'four others + session, no affinity': `${OTHERS}; ${SID}`,
};

const raw = (s: string): string => s; // both sides pass values through as sent
type Op = (header: string) => unknown;
// The two things a request costs: read our cookie (the pick), strip it from what the node gets (the forward).
// `cookie` has no "remove one": parse, delete, stringify (which re-serialises every other cookie).
const oursRead: Op = (h) => readCookie(h, NAME);
const libraryRead: Op = (h) => parseCookie(h, { decode: raw })[NAME];
const oursStrip: Op = (h) => stripCookie(h, NAME);
const libraryStrip: Op = (h) => {
  const all = parseCookie(h, { decode: raw });
  if (all[NAME] === undefined) return h;
  delete all[NAME];
  return stringifyCookie(all, { encode: raw }) || undefined;
};
const oursSet: Op = (token) => affinityCookie(NAME, token);
const librarySet: Op = (token) =>
  stringifySetCookie(NAME, token, { path: '/', httpOnly: true, sameSite: 'lax', encode: raw });

let sink = 0;
function nsPerOp(op: Op, header: string): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) sink += op(header) === undefined ? 0 : 1;
  return Number(process.hrtime.bigint() - start) / ITERATIONS;
}

function compare(label: string, a: Op, b: Op, header: string): void {
  const times: [number[], number[]] = [[], []];
  nsPerOp(a, header); nsPerOp(b, header); // warm-up, both sides
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2 === 0) { times[0].push(nsPerOp(a, header)); times[1].push(nsPerOp(b, header)); }
    else { times[1].push(nsPerOp(b, header)); times[0].push(nsPerOp(a, header)); }
  }
  const [ns, lib] = times.map(median) as [number, number];
  console.log(`| ${label} | ${ns.toFixed(0)} | ${lib.toFixed(0)} | ${(lib / ns).toFixed(1)}× |`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

console.log(`${ROUNDS} interleaved rounds of ${ITERATIONS} ops each, median ns/op (Node ${process.version})\n`);
console.log('| operation | Cookie header | ours ns/op | cookie ns/op | cookie / ours |');
console.log('|---|---|---:|---:|---:|');
for (const [label, header] of Object.entries(HEADERS)) compare(`read | ${label}`, oursRead, libraryRead, header);
for (const [label, header] of Object.entries(HEADERS)) compare(`strip | ${label}`, oursStrip, libraryStrip, header);
compare('Set-Cookie | (a new pin or a refresh)', oursSet, librarySet, TOKEN);
if (sink === 42) console.log(''); // keeps the results alive
