// HTTP/1.1 framing through the balancer, for every engine: pipelining, HTTP/1.0 clients, chunked and
// close-framed answers, HEAD/204/304 without a body, Expect, large bodies both ways, and a node that frames its
// answer ambiguously. The connection must stay correct for the next request. (Connection lifecycle:
// connections.test.ts.)
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Balancer } from '../src/index.ts';
import { call, ENGINES, errorLog, startTestBalancer } from './helpers/balancer.ts';
import { BIG, closeTestNodes, framingNode, rawNode, twoOnOneConnection } from './helpers/framing-node.ts';
import { rawExchange, statuses } from './helpers/raw.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let lb: Balancer | undefined;

afterEach(async () => {
  await lb?.close();
  lb = undefined;
  await closeTestNodes();
});

describe.each(ENGINES)('protocol [%s]', (engine) => {
  async function setup(upstream: string): Promise<number> {
    lb = await startTestBalancer(['--engine', engine, '--health-interval', '0', '--upstream', `n1=${upstream}`]);
    return lb.port;
  }

  it('pipelined requests on one connection › answered in order, the node sees each once', async () => {
    const node = await framingNode();
    const port = await setup(node.url);
    const raw = await rawExchange(port, 'GET /1 HTTP/1.1\r\nHost: x\r\n\r\n' +
      'POST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc' +
      'GET /3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(statuses(raw)).toEqual([200, 200, 200]);
    expect([...raw.matchAll(/"url":"(\/\d)"/g)].map((m) => m[1])).toEqual(['/1', '/2', '/3']);
    expect(node.seen.map((s) => [s.method, s.url, s.body]))
      .toEqual([['GET', '/1', ''], ['POST', '/2', 'abc'], ['GET', '/3', '']]);
  });

  it('200 pipelined requests in one write (past the read-ahead bound) › ' +
    'all answered, in order, each seen once', async () => {
    const node = await framingNode();
    const port = await setup(node.url);
    const paths = Array.from({ length: 200 }, (_, i) => `/p${i}`);
    const payload = paths
      .map((p, i) => `GET ${p} HTTP/1.1\r\nHost: x\r\n${i === 199 ? 'Connection: close\r\n' : ''}\r\n`)
      .join('');
    const raw = await rawExchange(port, payload);
    expect(statuses(raw)).toEqual(paths.map(() => 200));
    expect([...raw.matchAll(/"url":"(\/p\d+)"/g)].map((m) => m[1])).toEqual(paths);
    expect(node.seen.map((s) => s.url)).toEqual(paths);
  });

  it('pipelined requests behind 8 MiB answers the client reads slowly › every answer whole, in order', async () => {
    const node = await framingNode();
    const port = await setup(node.url);
    const paths = ['/big', '/big', ...Array.from({ length: 30 }, (_, i) => `/q${i}`)];
    const payload = paths
      .map((p, i) => `GET ${p} HTTP/1.1\r\nHost: x\r\n${i === paths.length - 1 ? 'Connection: close\r\n' : ''}\r\n`)
      .join('');
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    // Reads one chunk per event-loop turn at most, so the balancer's write buffer fills and drains many times.
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      socket.pause();
      setImmediate(() => socket.resume());
    });
    socket.write(payload);
    await once(socket, 'close');
    const raw = Buffer.concat(chunks).toString('latin1');
    expect(statuses(raw)).toEqual(paths.map(() => 200));
    expect(raw.split(BIG.toString('latin1')).length).toBe(3);
    expect(node.seen.map((s) => s.url)).toEqual(paths);
  });

  it('an HTTP/1.0 client without Host › answered and closed; the node still gets a Host', async () => {
    const node = await framingNode();
    const port = await setup(node.url);
    const raw = await rawExchange(port, 'GET /old HTTP/1.0\r\n\r\n');
    expect(statuses(raw)).toEqual([200]);
    expect(raw).toContain('"url":"/old"');
    expect(node.seen[0]?.host).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('an HTTP/1.0 client asking for keep-alive › two answers on one connection', async () => {
    const node = await framingNode();
    const port = await setup(node.url);
    const raw = await rawExchange(port, 'GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.0\r\n\r\n');
    expect(statuses(raw)).toEqual([200, 200]);
    expect(raw.toLowerCase()).toContain('connection: keep-alive');
  });

  it('a chunked answer › intact for an HTTP/1.1 client on a kept connection, ' +
    'and for an HTTP/1.0 client (closed)', async () => {
    const node = await framingNode();
    const port = await setup(node.url);
    expect(await twoOnOneConnection(port, '/chunked'))
      .toEqual({ bodies: ['200 first part, second part', '200 first part, second part'], reused: true });
    const raw = await rawExchange(port, 'GET /chunked HTTP/1.0\r\n\r\n');
    expect(raw.endsWith('\r\n\r\nfirst part, second part')).toBe(true);
    expect(raw.toLowerCase()).not.toContain('transfer-encoding');
  });

  it('an answer framed by the node closing its connection › ' +
    'intact, and the client connection stays usable', async () => {
    const port = await setup(await rawNode('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\nuntil the close'));
    expect(await twoOnOneConnection(port, '/eof'))
      .toEqual({ bodies: ['200 until the close', '200 until the close'], reused: true });
  });

  it('HEAD, 204 and 304 › no body, and the next request on the connection is read correctly', async () => {
    const node = await framingNode();
    const port = await setup(node.url);
    const raw = await rawExchange(port, 'HEAD /head HTTP/1.1\r\nHost: x\r\n\r\n' +
      'GET /204 HTTP/1.1\r\nHost: x\r\n\r\n' +
      'GET /304 HTTP/1.1\r\nHost: x\r\n\r\n' +
      'GET /head HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(statuses(raw)).toEqual([200, 204, 304, 200]);
    expect(raw.match(/content-length: 11/gi)?.length).toBe(2);
    expect(raw.endsWith('\r\n\r\nhello world')).toBe(true);
    expect(raw.split('hello world').length).toBe(2);
  });

  it('Expect: 100-continue › 100 Continue, then the answer; the node gets the body', async () => {
    const node = await framingNode();
    const port = await setup(node.url);
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('latin1');
    const gotContinue = new Promise<void>((resolve) => socket.on('data', (d: string) => {
      received += d;
      if (received.includes('100 Continue')) resolve();
    }));
    socket.write('POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n' +
      'Content-Length: 5\r\nConnection: close\r\n\r\n');
    await gotContinue;
    socket.write('hello');
    await once(socket, 'close');
    expect(statuses(received)).toEqual([100, 200]);
    expect(node.seen.map((s) => s.body)).toEqual(['hello']);
  });

  it('an HTTP/1.0 request with Expect: 100-continue › no 100 Continue (RFC 9110 §10.1.1: ignore it), whatever ' +
    'follows', async () => {
    const node = await framingNode();
    const log = errorLog();
    const flags = ['--engine', engine, '--health-interval', '0', '--upstream', `n1=${node.url}`];
    lb = await startTestBalancer(flags, { logger: log.logger });
    // The body never comes (the client half-closes after the head), so a balancer that honours the expectation
    // answers 100 before it sees the end.
    const payload = 'POST /e HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n';
    const raw = await rawExchange(lb.port, payload, { end: true });
    const got = `payload=${JSON.stringify(payload)} received=${JSON.stringify(raw)}`;
    expect(statuses(raw), got).not.toContain(100);
    expect(node.seen, got).toEqual([]);
    expect(log.lines.join('\n'), 'errors the balancer caught and logged').toBe('');
  });

  it('an expectation other than 100-continue › forwarded like any request (without Expect), no 417', async () => {
    const node = await framingNode();
    const port = await setup(node.url);
    const r = await call(port, { method: 'POST', path: '/echo', headers: { expect: 'something-else' }, body: 'x' });
    expect([r.status, r.headers['x-lb-error']]).toEqual([200, undefined]);
    expect(node.seen.map((s) => [s.url, s.body])).toEqual([['/echo', 'x']]);
  });

  it('an 8 MiB answer › byte for byte', async () => {
    const node = await framingNode();
    const port = await setup(node.url);
    const body = await new Promise<Buffer>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/big', agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      }).on('error', reject).end();
    });
    expect([body.length, sha(body)]).toEqual([BIG.length, sha(BIG)]);
  });

  it('a 1 MiB request body › reaches the node byte for byte', async () => {
    const node = await framingNode();
    const port = await setup(node.url);
    const body = BIG.subarray(0, 1024 * 1024).toString('latin1');
    const r = await call(port, { method: 'PUT', path: '/echo', body });
    expect(r.status).toBe(200);
    expect(node.seen[0]?.body.length).toBe(body.length);
    expect(node.seen[0]?.body === body).toBe(true);
  });

  it('a node framing its answer ambiguously (Transfer-Encoding and Content-Length) › 502, never relayed', async () => {
    const port = await setup(
      await rawNode('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nhello'),
    );
    const r = await call(port, { path: '/x' });
    expect([r.status, r.headers['x-lb-error']]).toEqual([502, 'LB_ERR_UPSTREAM']);
  });
});
