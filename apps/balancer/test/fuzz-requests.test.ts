// Adversarial requests against every engine (the raw engine, src/raw/, most of all), over real sockets and a recording
// node: seeded mutations of valid requests (well-formed answers or a close, nothing smuggled, nothing thrown, still
// serving), and the same pipelined requests one byte per write. Deterministic: one seeded PRNG (fuzz/prng.ts); every
// failure message carries the seed, the case and the exact bytes. No sleeps: each exchange ends with a close (the
// client half-closes); a case still open after CASE_DEADLINE_MS is reported as a hang. For a longer local hunt, on the
// raw engine (leave out -t for every engine), over these and the answer fuzz:
//   LB_FUZZ_SEED=7 LB_FUZZ_CASES=4000 LB_FUZZ_ANSWER_CASES=2000 npx vitest run apps/balancer/test/fuzz- -t '\[raw\]'
import { describe, expect, it } from 'vitest';
import { ENGINES, type Engine } from './helpers/balancer.ts';
import type { LocalNode } from './helpers/nodes.ts';
import { final, header, parseAnswers, type Answer } from './fuzz/answers.ts';
import { CASES, SEED, SHOW } from './fuzz/config.ts';
import { escapeMark, expectNoEscapes, startLb, startRecordingNode, useFuzzHarness } from './fuzz/harness.ts';
import {
  BASE_MEANING, chunk, FUZZ_STATUSES, fuzzCases, rawReading, SMUGGLED, writtenAsRequestLine, type FuzzCase,
  type ReadRequest,
} from './fuzz/request-cases.ts';
import { exchange, exchangeBytewise } from './fuzz/sockets.ts';

useFuzzHarness();

/** One fuzz case: sends it, then checks the answers, what the node saw, and that nothing escaped. Throws on a
 * failure. */
async function fuzzCase(engine: Engine, port: number, rec: LocalNode, c: FuzzCase): Promise<void> {
  const payloadText = c.payload.toString('latin1');
  const mutations = `mutations=[${c.mutations.join(', ')}]`;
  const context = `engine=${engine} seed=${SEED} case=${c.index} base=${c.base} ${mutations} ` +
    `payload=${JSON.stringify(payloadText)}`;
  const seenBefore = rec.seen.length;
  const mark = escapeMark();
  const { bytes } = await exchange(port, c.payload, context);
  const got = `received=${JSON.stringify(bytes.toString('latin1'))}`;
  const answers = expectWellFormed(bytes, `${context} ${got}`);
  const seen = rec.seen.slice(seenBefore).map((s) => ({ method: s.method, url: s.url, body: s.body }));
  expectNodeAgrees(seen, answers, payloadText, context, got);
  if (c.mutations.length === 0) {
    // The valid bases: exactly their meaning, so /SMUGGLED is only ever a body.
    expect(seen.map((s) => [s.method, s.url, s.body]), context).toEqual(BASE_MEANING[c.base]);
  }
  // The node:http engines read with llhttp, whose (equally valid) decisions differ on edge cases, so the raw engine's
  // own reader is a reference for raw only.
  if (engine === 'raw') expectRawReading(c.payload, seen, answers, context, got);
  expectNoEscapes(context, mark);
}

/** Well-formed answers, none cut short, each with a status a fuzzed request may get; returns them. */
function expectWellFormed(bytes: Buffer, where: string): Answer[] {
  const parsed = parseAnswers(bytes, true);
  expect(parsed.error, where).toBeUndefined();
  expect(parsed.incomplete, `an answer cut short: ${where}`).toBe(false);
  for (const a of parsed.answers) expect(FUZZ_STATUSES.has(a.status), `status ${a.status}: ${where}`).toBe(true);
  return parsed.answers;
}

/** The node and the client agree: every request the node saw was answered to this client with an echo of it, in order,
 * and no other 200 reached the client. A request hidden in a body that the node read as its own would show up in
 * `seen` without an answer (its answer would be an extra response the balancer drops). */
function expectNodeAgrees(seen: ReadRequest[], answers: Answer[], payload: string, context: string, got: string): void {
  const echoed = final(answers).filter((a) => a.status === 200).map((a) => {
    const j = JSON.parse(a.body.toString('utf8')) as ReadRequest;
    return { method: j.method, url: j.url, body: j.body };
  });
  expect(seen, `node saw vs answers echoed: ${context} ${got}`).toEqual(echoed);
  // Every path the node saw is one the client wrote in a request line (of its own, at a line start).
  for (const s of seen) {
    expect(writtenAsRequestLine(payload, s.method, s.url), `node saw ${s.method} ${s.url}: ${context}`).toBe(true);
  }
}

/** The raw engine carries exactly what its own reader reads, answers each request once, in order, then refuses the
 * rest with a coded 4xx (or stops at a close or the end of the bytes). */
function expectRawReading(payload: Buffer, seen: ReadRequest[], all: Answer[], context: string, got: string): void {
  const reading = rawReading(payload);
  const answers = final(all);
  const want = reading.requests.length + (reading.refused ? 1 : 0);
  expect(answers.length, `answers vs raw reading ${JSON.stringify(reading)}: ${context} ${got}`).toBe(want);
  reading.requests.forEach((r, i) => {
    const a = answers[i] as Answer;
    if (a.status === 200) {
      expect(JSON.parse(a.body.toString('utf8')), `answer ${i}: ${context} ${got}`).toMatchObject(r);
    } else expect(header(a, 'x-lb-error'), `answer ${i} is the node's own refusal: ${context} ${got}`).toBeUndefined();
  });
  if (reading.refused) {
    expect(header(answers[want - 1] as Answer, 'x-lb-error'), `${context} ${got}`).toBe(reading.refused);
  }
  for (const s of seen) expect(reading.requests, `${context}`).toContainEqual(s);
}

/** A plain GET still answered 200 after a case (and what the node saw of it forgotten). */
async function stillServing(port: number, rec: LocalNode, context: string): Promise<void> {
  const alive = Buffer.from('GET /alive HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  const { bytes } = await exchange(port, alive, `a plain GET after ${context}`);
  expect(final(parseAnswers(bytes, true).answers).map((a) => a.status), `a plain GET after ${context}`).toEqual([200]);
  expect(rec.seen.pop()?.url).toBe('/alive');
}

describe.each(ENGINES)('fuzz › mutated requests [%s]', (engine) => {
  it(`${CASES} seeded cases (seed ${SEED}): well-formed answers or a close, nothing smuggled, nothing thrown, ` +
    'still serving', async () => {
    const rec = await startRecordingNode();
    const lb = await startLb(engine, rec.url);
    const cases = fuzzCases(SEED, CASES);
    const failures: string[] = [];
    for (const c of cases) {
      try {
        await fuzzCase(engine, lb.port, rec, c);
      } catch (err) {
        failures.push((err as Error).message);
      }
      try {
        await stillServing(lb.port, rec, `seed=${SEED} case=${c.index}`);
      } catch (err) {
        failures.push((err as Error).message);
      }
    }
    // Every case runs even after a failure; the report names each failing case with its bytes.
    const failed = failures.map((f) => /case=(\d+)/.exec(f)?.[1]).join(',');
    const report = `${failures.length} failures (cases ${failed}) among ${cases.length} cases; the first:\n\n` +
      failures.slice(0, SHOW).join('\n\n');
    expect(failures.length === 0 ? 'none' : report).toBe('none');
    // No request left counted in flight (least-connections would avoid this node forever).
    expect(lb.pool.get('n1')?.inFlight).toBe(0);
    expectNoEscapes(`engine=${engine} seed=${SEED} after all cases`);
  });
});

describe.each(ENGINES)('fuzz › one byte per write [%s]', (engine) => {
  it('three pipelined requests (one chunked, with an extension and a trailer) › ' +
    'the same answers and node requests as in one write', async () => {
    const rec = await startRecordingNode();
    const { port } = await startLb(engine, rec.url);
    const payload = Buffer.from(
      'GET /s1 HTTP/1.1\r\nHost: x\r\n\r\n' +
      'POST /s2 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n' +
      `${chunk('hello')}6;ext=1\r\n world\r\n${chunk(SMUGGLED)}0\r\nX-Trailer: t\r\n\r\n` +
      'POST /s3 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc',
      'latin1',
    );
    const view = (bytes: Buffer) => {
      const parsed = parseAnswers(bytes, true);
      expect([parsed.error, parsed.incomplete]).toEqual([undefined, false]);
      // The node's Date may tick between the two runs; everything else must be identical.
      const headers = (a: Answer) => a.headers.filter(([n]) => n !== 'date');
      return parsed.answers.map((a) => ({ status: a.status, headers: headers(a), body: a.body.toString('latin1') }));
    };
    const atOnce = view((await exchange(port, payload, 'at once')).bytes);
    const seenAtOnce = rec.seen.splice(0);
    const bytewise = view(await exchangeBytewise(port, payload));
    const seenBytewise = rec.seen.splice(0);
    expect(atOnce.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(seenAtOnce.map((s) => [s.method, s.url, s.body]))
      .toEqual([['GET', '/s1', ''], ['POST', '/s2', `hello world${SMUGGLED}`], ['POST', '/s3', 'abc']]);
    expect(bytewise).toEqual(atOnce);
    expect(seenBytewise).toEqual(seenAtOnce);
    expectNoEscapes(`engine=${engine} bytewise`);
  });
});
