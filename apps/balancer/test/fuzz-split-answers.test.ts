// Valid answers from a node arriving in pieces, on every engine: one byte per write (Content-Length, chunked with
// extensions and trailers, 100 and 103 first, close-framed), and split in two at every byte boundary. The client gets
// each intact, its connection stays in step, and the balancer keeps serving. Hangs are reported after
// CASE_DEADLINE_MS; no sleeps.
import { describe, expect, it } from 'vitest';
import { ENGINES } from './helpers/balancer.ts';
import { expectNoEscapes, startLb, useFuzzHarness } from './fuzz/harness.ts';
import { scriptedNode, type Script } from './fuzz/scripted-node.ts';
import { clientConnection, twoGetsThenOk } from './fuzz/sockets.ts';

useFuzzHarness();

const CL_ANSWER = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Node: n1\r\nContent-Length: 11\r\n\r\nhello world';
const CHUNKED_ANSWER = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n' +
  '5;ext="a b"\r\nhello\r\n6\r\n world\r\n0\r\nX-Sum: 42\r\nX-More: yes\r\n\r\n';
const CONTINUE_ANSWER = 'HTTP/1.1 100 Continue\r\n\r\n' +
  'HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n' + CL_ANSWER;
const b = (s: string): Buffer => Buffer.from(s, 'latin1');

describe.each(ENGINES)('fuzz › a node answering in pieces [%s]', (engine) => {
  it('answers written one byte per write (Content-Length, chunked with extensions and trailers, 100 and 103 first, ' +
    'close-framed) › intact', async () => {
    const n = await scriptedNode({
      '/cl': { answer: b(CL_ANSWER), delivery: 'bytewise' },
      '/chunked': { answer: b(CHUNKED_ANSWER), delivery: 'bytewise' },
      '/continue': { answer: b(CONTINUE_ANSWER), delivery: 'bytewise' },
      '/eof': {
        answer: b('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello world'), delivery: 'bytewise', close: true,
      },
    });
    const { port } = await startLb(engine, n.url);
    for (const path of ['/cl', '/chunked', '/continue', '/eof']) {
      const { first, second } = await twoGetsThenOk(port, path);
      for (const r of [first, second]) {
        expect([r?.answer?.status, r?.answer?.body.toString()], `${engine} ${path}`).toEqual([200, 'hello world']);
      }
      // Interim answers are the balancer's to drop; trailers are dropped (raw) or passed on as trailers, never as body.
    }
    expectNoEscapes(`engine=${engine} bytewise answers`);
  });

  it('an answer split in two writes at every byte boundary › intact every time, on one kept-alive client ' +
    'connection', async () => {
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
});
