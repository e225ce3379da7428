// Seeded mutations of a node's answers, on every engine: the client gets a framed answer, a 502 or a cut, never a
// desynchronised connection; on the raw engine, exactly what its own response reader makes of the answer. Every failure
// message carries the seed, the case and the exact bytes; the seed and count come from fuzz/config.ts (see
// fuzz-requests.test.ts for a longer local hunt). Hangs are reported after CASE_DEADLINE_MS; no sleeps.
import { describe, expect, it } from 'vitest';
import { ENGINES, type Engine } from './helpers/balancer.ts';
import { answerCases, rawAnswerReading, type AnswerCase } from './fuzz/answer-cases.ts';
import { header } from './fuzz/answers.ts';
import { ANSWER_CASES, SEED, SHOW } from './fuzz/config.ts';
import { escapeMark, expectNoEscapes, startLb, useFuzzHarness } from './fuzz/harness.ts';
import { scriptedNode, type Script } from './fuzz/scripted-node.ts';
import { clientConnection, type ClientAnswer } from './fuzz/sockets.ts';

useFuzzHarness();

/** One answer case: a GET for it on a new client connection, then, if that connection survived, a GET /ok on it. */
async function answerCase(engine: Engine, port: number, c: AnswerCase, context: string): Promise<void> {
  const mark = escapeMark();
  const conn = await clientConnection(port);
  const r = await conn.get(`/f${c.index}`);
  const cut = `a cut after ${JSON.stringify(r.partial.toString('latin1'))}`;
  const seen = r.answer ? [r.answer.status, header(r.answer, 'x-lb-error'), r.answer.body.toString('latin1')] : cut;
  const got = `client got ${JSON.stringify(seen)}`;
  if (r.answer && header(r.answer, 'x-lb-error') !== undefined) {
    expect([r.answer.status, header(r.answer, 'x-lb-error')], `${context} ${got}`).toEqual([502, 'LB_ERR_UPSTREAM']);
  }
  if (engine === 'raw') expectRawRelay(c.bytes, r, `${context} ${got}`);
  // The client connection, if it survived, is still in step: the next answer on it is the next request's.
  if (!r.closed) {
    const next = await conn.get('/ok');
    const where = `the next answer on the same client connection: ${context} ${got}`;
    expect([next.answer?.status, next.answer?.body.toString()], where).toEqual([200, '/ok']);
  }
  expectNoEscapes(context, mark);
}

/** The raw engine relays exactly what its reader reads: the whole answer, or a 502 when the node failed before its head
 * was read, or no complete answer (a cut, or a 502 if nothing had left) after it. */
function expectRawRelay(bytes: Buffer, r: ClientAnswer, where: string): void {
  const reading = rawAnswerReading(bytes);
  const want = reading.complete ? [reading.status, undefined, reading.body]
    : reading.headDone ? 'cut or 502' : [502, 'LB_ERR_UPSTREAM'];
  const error = r.answer && header(r.answer, 'x-lb-error');
  const have = r.answer ? [r.answer.status, error, error ? undefined : r.answer.body.toString('latin1')] : 'cut';
  if (want === 'cut or 502') {
    expect(have === 'cut' || (Array.isArray(have) && have[1] === 'LB_ERR_UPSTREAM'), where).toBe(true);
  } else expect(have, where).toEqual(want.length === 3 ? want : [...want, undefined]);
}

describe.each(ENGINES)('fuzz › mutated answers from a node [%s]', (engine) => {
  it(`${ANSWER_CASES} seeded cases (seed ${SEED}): a framed answer, a 502 or a cut; never a desynchronised client ` +
    'connection', async () => {
    const cases = answerCases(SEED, ANSWER_CASES);
    const scripts: Record<string, Script> = {};
    for (const c of cases) scripts[`/f${c.index}`] = { answer: c.bytes, delivery: 'whole', close: c.close };
    const n = await scriptedNode(scripts);
    const lb = await startLb(engine, n.url);
    const failures: string[] = [];
    for (const c of cases) {
      const answer = `answer=${JSON.stringify(c.bytes.toString('latin1'))}`;
      const context = `engine=${engine} seed=${SEED} answer-case=${c.index} base=${c.base} ` +
        `mutations=[${c.mutations.join(', ')}] node-closes=${c.close} ${answer}`;
      try {
        await answerCase(engine, lb.port, c, context);
      } catch (err) {
        const message = (err as Error).message;
        failures.push(`${message}${message.includes('answer-case=') ? '' : ` (${context})`}`);
      }
    }
    const failed = failures.map((f) => /answer-case=(\d+)/.exec(f)?.[1]).join(',');
    const report = `${failures.length} failures (answer cases ${failed}) among ${cases.length}; the first:\n\n` +
      failures.slice(0, SHOW).join('\n\n');
    expect(failures.length === 0 ? 'none' : report).toBe('none');
    expect((await (await clientConnection(lb.port)).get('/ok')).answer?.status).toBe(200);
    expect(lb.pool.get('n1')?.inFlight).toBe(0);
  });
});
