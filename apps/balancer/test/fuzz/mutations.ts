// Byte-level mutations of a valid message (a request, or a node's answer): each changes the bytes in place and returns
// its own description, so that a failure message says exactly what was done to the base.
import { pick } from './prng.ts';

export type Mutation = (b: number[], rnd: () => number) => string;

const INTERESTING_BYTES = [13, 10, 0, 32, 58, 9, 59, 44, 48, 102, 127, 255, 11, 12];
const INSERTED_LINES = [
  'Transfer-Encoding: chunked', 'Content-Length: 0', 'Content-Length: 4', 'Content-Length: 99',
  'Transfer-Encoding: chunked, identity', 'Transfer-Encoding : chunked', ' Transfer-Encoding: chunked',
  'Transfer-Encoding:\tchunked', 'Transfer-Encoding: \x0bchunked', 'Transfer-Encoding: xchunked', 'Content-Length: +4',
  'Content-Length: 4, 4', 'Expect: 100-continue', 'Connection: keep-alive', 'Connection: close, content-length',
  'Host: y', 'X: a\rb', 'X: a\nb', 'Upgrade: h2c', 'Connection: upgrade',
];

const at = (rnd: () => number, b: number[], extra = 0): number => Math.floor(rnd() * (b.length + extra));
export const latin1 = (b: number[]): string => Buffer.from(b).toString('latin1');
export const replaceAll = (b: number[], text: string): void => {
  b.splice(0, b.length, ...Buffer.from(text, 'latin1'));
};
/** Where each line of `text` ends (the index of its CR). */
export const lineEnds = (text: string): number[] => [...text.matchAll(/\r\n/g)].map((m) => m.index as number);

export const MUTATIONS: Record<string, Mutation> = {
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
    const ends = lineEnds(text);
    if (ends.length === 0) return 'insertLine(none)';
    const i = pick(rnd, ends);
    const line = pick(rnd, INSERTED_LINES);
    replaceAll(b, `${text.slice(0, i)}\r\n${line}${text.slice(i)}`);
    return `insertLine@${i}:${JSON.stringify(line)}`;
  },
  changeLength,
  lfOnly: (b, rnd) => {
    const ends = lineEnds(latin1(b));
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
export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** A Content-Length value or a chunk-size line (a hex run alone on a line) made wrong, in value or in form. */
function changeLength(b: number[], rnd: () => number): string {
  const text = latin1(b);
  const sites = [...text.matchAll(/(?<=Content-Length: )\d+|(?<=\r\n)[0-9a-f]+(?=\r\n)/gi)];
  if (sites.length === 0) return 'changeLength(none)';
  const m = pick(rnd, sites);
  const isHex = !text.slice(0, m.index).endsWith('Content-Length: ');
  const n = parseInt(m[0], isHex ? 16 : 10);
  const v = pick(rnd, [n + 1, n - 1, 0, Math.floor(rnd() * 2 * n + 1), n * 16, n + 38, n - 38]);
  const fmt = (x: number) => (isHex ? Math.max(0, x).toString(16) : String(Math.max(0, x)));
  const forms = [
    fmt(v), `00${fmt(v)}`, `-${fmt(v)}`, `${fmt(v)} `, ` ${fmt(v)}`, fmt(v).toUpperCase(), `${fmt(v)};x=1`,
    'fffffffffffff', `${fmt(v)},${fmt(v)}`,
  ];
  const replacement = pick(rnd, forms);
  const start = m.index as number;
  replaceAll(b, text.slice(0, start) + replacement + text.slice(start + m[0].length));
  return `changeLength@${start}:${JSON.stringify(m[0])}->${JSON.stringify(replacement)}`;
}
