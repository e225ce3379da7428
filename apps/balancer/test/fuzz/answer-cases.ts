// The answer fuzz's cases: valid answers of a node, seeded mutations of them, and what the raw engine's own response
// reader makes of each (the reference the raw engine's relaying is checked against).
import { ParseError } from '../../src/http/http-grammar.ts';
import { ResponseReader } from '../../src/engines/raw/response-reader.ts';
import { MUTATION_NAMES, MUTATIONS, latin1, lineEnds, replaceAll, type Mutation } from './mutations.ts';
import { mulberry32, pick } from './prng.ts';

export interface AnswerCase {
  index: number;
  base: number;
  bytes: Buffer;
  mutations: string[];
  /** The node closes its connection after answering. */
  close: boolean;
}

const ANSWER_BASES: readonly { text: string; close?: boolean }[] = [
  { text: 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world' },
  {
    text: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;e=1\r\nhello\r\n6\r\n world\r\n' +
      '0\r\nX-Sum: 42\r\n\r\n',
  },
  { text: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 11\r\n\r\nhello world' },
  { text: 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello world', close: true },
  { text: 'HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n' },
  { text: 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nEVIL' },
];
const ANSWER_LINES = [
  'Transfer-Encoding: chunked', 'Content-Length: 0', 'Content-Length: 3', 'Content-Length: 11', 'Connection: close',
  'Connection: keep-alive', 'Connection: content-length', 'Transfer-Encoding: gzip', ' folded', 'X: a\rb',
  'Content-Length: 1, 1', 'HTTP/1.1 200 OK',
];

/** The bases unchanged, then `count` in all: each a base with one or two seeded mutations. */
export function answerCases(seed: number, count: number): AnswerCase[] {
  const rnd = mulberry32(seed ^ 0xa5a5a5a5);
  const cases = ANSWER_BASES.map((a, base) => ({
    index: base, base, bytes: Buffer.from(a.text, 'latin1'), mutations: [] as string[], close: a.close === true,
  }));
  // Mutated answers may stop short of their framing: the node closes after each, so every case ends at once
  // (a node that goes silent instead is the upstream timeout's business, not this fuzz's).
  for (let index = cases.length; index < count; index++) {
    const base = Math.floor(rnd() * ANSWER_BASES.length);
    const bytes = [...Buffer.from((ANSWER_BASES[base] as { text: string }).text, 'latin1')];
    const mutations: string[] = [];
    const n = 1 + Math.floor(rnd() * 2);
    for (let k = 0; k < n && bytes.length > 0; k++) mutations.push(mutateAnswer(bytes, rnd));
    cases.push({ index, base, bytes: Buffer.from(bytes), mutations, close: true });
  }
  return cases;
}

/** One mutation, as for requests, except that an inserted line is one an answer might carry. */
function mutateAnswer(bytes: number[], rnd: () => number): string {
  const name = pick(rnd, MUTATION_NAMES);
  if (name !== 'insertLine') return (MUTATIONS[name] as Mutation)(bytes, rnd);
  const text = latin1(bytes);
  const ends = lineEnds(text);
  const end = ends.length > 0 ? pick(rnd, ends) : 0;
  const line = pick(rnd, ANSWER_LINES);
  replaceAll(bytes, `${text.slice(0, end)}\r\n${line}${text.slice(end)}`);
  return `insertLine@${end}:${JSON.stringify(line)}`;
}

export type AnswerReading = { complete: true; status: number; body: string } | { complete: false; headDone: boolean };

/** What the raw engine's own response reader makes of a node's answer to a GET, the node closing after it. */
export function rawAnswerReading(bytes: Buffer): AnswerReading {
  const reader = new ResponseReader();
  let status = 0;
  const body: Buffer[] = [];
  let ended = false;
  reader.start('GET', {
    head: (h) => void (status = h.status),
    body: (d) => void body.push(Buffer.from(d)),
    end: () => void (ended = true),
  });
  try {
    reader.feed(bytes);
  } catch (err) {
    if (err instanceof ParseError) return { complete: false, headDone: reader.headDone };
    throw err;
  }
  if (ended || reader.eof()) return { complete: true, status, body: Buffer.concat(body).toString('latin1') };
  return { complete: false, headDone: reader.headDone };
}
