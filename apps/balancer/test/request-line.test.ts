// Several spaces between the parts of a request line (issue #11): a coded 400 on every engine, found only where a
// request starts (engines/node-http/request-line-guard.ts follows the framing ahead of llhttp): in any read split,
// after pipelined requests of every framing, and never inside a body, a chunk extension or a trailer.
import { describe, expect, it } from 'vitest';
import { MAX_AHEAD } from '../src/engines/node-http/pipeline.ts';
import { ENGINES } from './helpers/balancer.ts';
import { final, header, parseAnswers } from './fuzz/answers.ts';
import { DOUBLE_SPACES } from './fuzz/hardening-cases.ts';
import { expectNoEscapes, startLb, startRecordingNode, useFuzzHarness } from './fuzz/harness.ts';
import { clientConnection, exchange, exchangeBytewise } from './fuzz/sockets.ts';

useFuzzHarness();

/** Request-line-looking text with double spaces, as a body would carry it. */
const LOOKALIKE = '\r\nGET  /in-body HTTP/1.1\r\nHost: x\r\n\r\nGET /in-body  HTTP/1.1\r\n\r\n';
const chunk = (s: string): string => `${s.length.toString(16)}\r\n${s}\r\n`;

/** Requests each engine answers normally, with what the node must see of them. */
const BEFORE: readonly { name: string; payload: string; seen: [string, string, string][] }[] = [
  { name: 'a GET', payload: 'GET /a HTTP/1.1\r\nHost: x\r\n\r\n', seen: [['GET', '/a', '']] },
  {
    name: 'a Content-Length body',
    payload: `POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: ${LOOKALIKE.length}\r\n\r\n${LOOKALIKE}`,
    seen: [['POST', '/b', LOOKALIKE]],
  },
  {
    name: 'a chunked body with extensions and trailers',
    payload: 'POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n' +
      `${LOOKALIKE.length.toString(16)};a=b;q="x  y"\r\n${LOOKALIKE}\r\n${chunk('GET  / HTTP/1.1')}` +
      '0;last=1\r\nX-Trailer: GET  / HTTP/1.1\r\nX-More:  two  spaces\r\n\r\n',
    seen: [['POST', '/c', `${LOOKALIKE}GET  / HTTP/1.1`]],
  },
  {
    name: 'three pipelined requests and blank lines',
    payload: 'GET /d HTTP/1.1\r\nHost: x\r\nX-Spaces: a  b\r\n\r\n\r\n' +
      'POST /e HTTP/1.1\r\nHost: x\r\ncontent-length:  003 \r\n\r\n  x' +
      'PUT /f HTTP/1.1\r\nHost: x\r\ntransfer-encoding: Chunked\r\n\r\n002\r\n  \r\n00\r\n\r\n',
    seen: [['GET', '/d', ''], ['POST', '/e', '  x'], ['PUT', '/f', '  ']],
  },
];

const CLOSE = 'GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';
/** Sent whole, a request after it shows that nothing more is read; one byte per read, the balancer's close ends it. */
const BAD = 'GET  /bad HTTP/1.1\r\nHost: x\r\n\r\n';
const NEVER = 'GET /never HTTP/1.1\r\nHost: x\r\n\r\n';

describe.each(ENGINES)('request line [%s]', (engine) => {
  it('double spaces, one byte per read › 400 LB_ERR_BAD_REQUEST, nothing reaches the node', async () => {
    const rec = await startRecordingNode();
    const { port } = await startLb(engine, rec.url);
    for (const c of DOUBLE_SPACES) {
      const bytes = await exchangeBytewise(port, Buffer.from(c.payload, 'latin1'));
      const where = `${c.name}: received=${JSON.stringify(bytes.toString('latin1'))}`;
      const answers = final(parseAnswers(bytes, true).answers);
      expect(answers.map((a) => [a.status, header(a, 'x-lb-error')]), where).toEqual([[400, 'LB_ERR_BAD_REQUEST']]);
      expect(rec.seen, where).toEqual([]);
    }
    expectNoEscapes(engine);
  });

  for (const split of ['whole', 'bytewise'] as const) {
    it(`pipelined after each framing (${split}) › earlier answered, then the 400, nothing after`, async () => {
      const rec = await startRecordingNode();
      const { port } = await startLb(engine, rec.url);
      for (const b of BEFORE) {
        rec.seen.length = 0;
        const bytes = await send(port, b.payload + BAD + (split === 'whole' ? NEVER : ''), split);
        const where = `after ${b.name}: received=${JSON.stringify(bytes.toString('latin1'))}`;
        const answers = final(parseAnswers(bytes, true).answers);
        const expected = [...b.seen.map(() => [200, undefined]), [400, 'LB_ERR_BAD_REQUEST']];
        expect(answers.map((a) => [a.status, header(a, 'x-lb-error')]), where).toEqual(expected);
        expect(rec.seen.map((s) => [s.method, s.url, s.body]), where).toEqual(b.seen);
      }
      expectNoEscapes(engine);
    });

    it(`request-line-looking text in bodies, extensions, trailers, fields (${split}) › forwarded intact`, async () => {
      const rec = await startRecordingNode();
      const { port } = await startLb(engine, rec.url);
      const payload = BEFORE.map((b) => b.payload).join('') + CLOSE;
      const bytes = await send(port, payload, split);
      const where = `received=${JSON.stringify(bytes.toString('latin1'))}`;
      const seen = [...BEFORE.flatMap((b) => b.seen), ['GET', '/last', '']];
      expect(final(parseAnswers(bytes, true).answers).map((a) => a.status), where).toEqual(seen.map(() => 200));
      expect(rec.seen.map((s) => [s.method, s.url, s.body]), where).toEqual(seen);
      expectNoEscapes(engine);
    });
  }

  it('a pipeline deeper than the read-ahead bound (reading paused and resumed) › the 400 at its place', async () => {
    const rec = await startRecordingNode();
    const { port } = await startLb(engine, rec.url);
    const post = (i: number): string =>
      `POST /p${i} HTTP/1.1\r\nHost: x\r\nContent-Length: ${LOOKALIKE.length}\r\n\r\n${LOOKALIKE}`;
    const many = Array.from({ length: 2 * MAX_AHEAD }, (_, i) => post(i)).join('');
    for (const [tail, last] of [[BAD + NEVER, 400], [CLOSE, 200]] as const) {
      rec.seen.length = 0;
      const { bytes } = await exchange(port, Buffer.from(many + tail, 'latin1'), 'deep pipeline');
      const where = `then ${JSON.stringify(tail)}: received=${JSON.stringify(bytes.toString('latin1'))}`;
      const statuses = final(parseAnswers(bytes, true).answers).map((a) => a.status);
      expect(statuses, where).toEqual([...Array.from({ length: 2 * MAX_AHEAD }, () => 200), last]);
      const urls = Array.from({ length: 2 * MAX_AHEAD }, (_, i) => `/p${i}`);
      expect(rec.seen.map((r) => r.url), where).toEqual(last === 200 ? [...urls, '/last'] : urls);
      expect(rec.seen.every((r) => r.url === '/last' || r.body === LOOKALIKE), where).toBe(true);
    }
    expectNoEscapes(engine);
  });

  it('keep-alive traffic › unaffected, request after request', async () => {
    const rec = await startRecordingNode();
    const { port } = await startLb(engine, rec.url);
    const conn = await clientConnection(port);
    for (let i = 0; i < 20; i++) {
      const got = await conn.get(`/k${i}`);
      expect([got.answer?.status, got.closed]).toEqual([200, false]);
    }
    expect(rec.seen.map((s) => s.url)).toEqual(Array.from({ length: 20 }, (_, i) => `/k${i}`));
    expectNoEscapes(engine);
  });
});

/** Whole: then a half-close. One byte per read: the payload asks for the close. */
async function send(port: number, payload: string, split: 'whole' | 'bytewise'): Promise<Buffer> {
  const bytes = Buffer.from(payload, 'latin1');
  return split === 'bytewise' ? exchangeBytewise(port, bytes) : (await exchange(port, bytes, payload)).bytes;
}
