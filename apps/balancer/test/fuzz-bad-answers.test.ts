// Nodes answering badly, on every engine: extra bytes after an answer, garbage, a 101 to a plain GET, status lines
// node:http cannot repeat, a head over the cap, a close in the middle of the body, a malformed first chunk, Connection
// naming Content-Length. The client always gets a framed answer, a 502 or a cut, never a desynchronised connection,
// and the balancer keeps serving. Hangs are reported after CASE_DEADLINE_MS; no sleeps.
import { describe, expect, it } from 'vitest';
import { ENGINES } from './helpers/balancer.ts';
import { header, parseAnswers, type Answer } from './fuzz/answers.ts';
import { escapeMark, expectNoEscapes, startLb, useFuzzHarness } from './fuzz/harness.ts';
import { scriptedNode } from './fuzz/scripted-node.ts';
import { clientConnection, exchange, twoGetsThenOk } from './fuzz/sockets.ts';

useFuzzHarness();

const b = (s: string): Buffer => Buffer.from(s, 'latin1');

describe.each(ENGINES)('fuzz › a node answering badly [%s]', (engine) => {
  it('extra bytes after the Content-Length body (a second, unasked answer) › the client gets the first only; never ' +
    'the extra', async () => {
    const n = await scriptedNode({
      '/extra': {
        answer: b('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nEVIL'),
        delivery: 'whole',
      },
      '/junk': {
        answer: b('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello\x00\x01garbage\r\n\r\n'), delivery: 'whole',
      },
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
    for (const conn of n.byConnection) {
      expect(conn.slice(0, -1), `requests on one node connection: ${conn}`).not.toContain('/extra');
    }
    for (const conn of n.byConnection) {
      expect(conn.slice(0, -1), `requests on one node connection: ${conn}`).not.toContain('/junk');
    }
    expectNoEscapes(`engine=${engine} extra bytes`);
  });

  it('garbage instead of an answer › 502 LB_ERR_UPSTREAM, nothing of it relayed, the client connection still ' +
    'usable', async () => {
    const n = await scriptedNode({
      '/garbage': { answer: b('SSH-2.0-OpenSSH_9.6\r\n\r\n'), delivery: 'whole' },
      '/binary': { answer: Buffer.from([0, 1, 2, 255, 13, 10, 13, 10]), delivery: 'whole' },
      '/status': { answer: b('HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n'), delivery: 'whole' },
      '/lf': { answer: b('HTTP/1.1 200 OK\nContent-Length: 2\n\nok\r\n\r\n'), delivery: 'whole' },
      '/te-cl': {
        answer: b('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'),
        delivery: 'whole',
      },
    });
    const { port } = await startLb(engine, n.url);
    for (const path of ['/garbage', '/binary', '/status', '/lf', '/te-cl']) {
      const { first, second } = await twoGetsThenOk(port, path);
      for (const r of [first, second]) {
        expect([r?.answer?.status, r && header(r.answer as Answer, 'x-lb-error')], `${engine} ${path}`)
          .toEqual([502, 'LB_ERR_UPSTREAM']);
        expect(r?.answer?.body.toString(), `${engine} ${path}`).not.toMatch(/SSH|2000/);
      }
    }
    expectNoEscapes(`engine=${engine} garbage`);
  });

  it('a node answering 101 Switching Protocols to a plain GET › 502 LB_ERR_UPSTREAM, and what followed the 101 is ' +
    'never read as an answer', async () => {
    const switching = 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: evil\r\nConnection: upgrade\r\n\r\n';
    const n = await scriptedNode({
      '/switch': { answer: b(`${switching}HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nEVIL`), delivery: 'whole' },
    });
    const { port } = await startLb(engine, n.url);
    const { first, second } = await twoGetsThenOk(port, '/switch');
    for (const r of [first, second]) {
      expect([r?.answer?.status, r?.answer && header(r.answer, 'x-lb-error')], engine)
        .toEqual([502, 'LB_ERR_UPSTREAM']);
    }
    expectNoEscapes(`engine=${engine} 101`);
  });

  it('a status line node:http reads but cannot repeat (a control character in the reason, status 004) › 502, ' +
    'nothing thrown', async () => {
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
      expect([r.answer?.status, r.answer && header(r.answer, 'x-lb-error')], `${engine} ${path}`)
        .toEqual([502, 'LB_ERR_UPSTREAM']);
    }
  });

  it('a 70 KiB response head › the same answer (502 LB_ERR_UPSTREAM) whether it arrives in one write or split ' +
    'after 1 KiB', async () => {
    // raw caps a node's head at 64 KiB, node:http at 16 KiB: over the cap is a 502, however the bytes are cut.
    const huge = b(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(70 * 1024)}\r\nContent-Length: 2\r\n\r\nok`);
    const n = await scriptedNode({
      '/huge-whole': { answer: huge, delivery: 'whole' },
      '/huge-split': { answer: huge, delivery: 1024 },
    });
    const { port } = await startLb(engine, n.url);
    const outcome = async (path: string) => {
      const r = await (await clientConnection(port)).get(path);
      return [r.answer?.status, r.answer && header(r.answer, 'x-lb-error')];
    };
    expect({ whole: await outcome('/huge-whole'), split: await outcome('/huge-split') }, engine)
      .toEqual({ whole: [502, 'LB_ERR_UPSTREAM'], split: [502, 'LB_ERR_UPSTREAM'] });
    expectNoEscapes(`engine=${engine} huge head`);
  });

  it('the node closes in the middle of the body › the client gets the head and part of the body, then a cut ' +
    'connection', async () => {
    const n = await scriptedNode({
      '/midbody': {
        answer: b('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial'), delivery: 'whole', close: true,
      },
      '/midchunk': {
        answer: b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n64\r\npartial'), delivery: 'whole', close: true,
      },
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

  // raw holds the head until the first body bytes, so when the first chunk size is already malformed nothing has
  // reached the client and the README's rule applies ("a node's malformed answer is a 502, never relayed"). The
  // node:http engines commit to the answer (writeHead) on the node's head, before its body is parsed: a cut is all
  // they can do, and what this pins for them.
  it('a malformed first chunk size, in the same read as the head › raw: 502 LB_ERR_UPSTREAM (nothing was relayed ' +
    'yet); node:http: the answer cut', async () => {
    const n = await scriptedNode({
      '/badchunk': {
        answer: b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n'), delivery: 'whole',
      },
    });
    const { port } = await startLb(engine, n.url);
    const conn = await clientConnection(port);
    const r = await conn.get('/badchunk');
    const answer = JSON.stringify(r.answer && [r.answer.status, header(r.answer, 'x-lb-error')]);
    const got = `answer=${answer} closed=${r.closed} partial=${JSON.stringify(r.partial.toString('latin1'))}`;
    const seen = [r.answer?.status, r.answer && header(r.answer, 'x-lb-error')];
    if (engine === 'raw') expect(seen, got).toEqual([502, 'LB_ERR_UPSTREAM']);
    else expect([r.answer, r.closed], got).toEqual([undefined, true]);
    expect((await (await clientConnection(port)).get('/ok')).answer?.status).toBe(200);
    expectNoEscapes(`engine=${engine} bad chunk`);
  });

  it('a node that names Content-Length in its Connection field › the answer still reaches a kept-alive client ' +
    'framed', async () => {
    // RFC 9110 §7.6.1 tells senders not to, but whatever the node says, a kept-alive client must get a framed answer.
    const n = await scriptedNode({
      '/named': {
        answer: b('HTTP/1.1 200 OK\r\nConnection: content-length\r\nContent-Length: 5\r\n\r\nhello'), delivery: 'whole',
      },
    });
    const { port } = await startLb(engine, n.url);
    const payload = 'GET /named HTTP/1.1\r\nHost: x\r\n\r\nGET /named HTTP/1.1\r\nHost: x\r\n\r\n';
    const { bytes } = await exchange(port, b(payload), engine);
    const { answers } = parseAnswers(bytes, true);
    const got = `payload=${JSON.stringify(payload)} received=${JSON.stringify(bytes.toString('latin1'))}`;
    const framing = (a: Answer) => header(a, 'content-length') ?? header(a, 'transfer-encoding') ?? 'unframed';
    expect(answers.map((a) => [a.status, framing(a), a.body.toString()]), got)
      .toEqual([[200, expect.any(String), 'hello'], [200, expect.any(String), 'hello']]);
    expect(answers.map(framing), got).not.toContain('unframed');
    expectNoEscapes(`engine=${engine} connection: content-length`);
  });
});
