// HTTP/1.1 framing through the balancer, for every engine: pipelining, HTTP/1.0 clients, chunked and
// close-framed answers, HEAD/204/304 without a body, Expect: 100-continue, a large body, a client's half-close,
// and a node that frames its answer ambiguously. The connection must stay correct for the next request.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Agent, createServer as createHttpServer, request, type Server, type ServerResponse } from 'node:http';
import { connect, createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Balancer } from '../src/index.ts';
import { call, ENGINES, errorLog, startTestBalancer } from './helpers/balancer.ts';
import { rawExchange, statuses } from './helpers/raw.ts';

const BIG = Buffer.alloc(8 * 1024 * 1024, 'stateshift-');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let lb: Balancer | undefined;
let servers: (Server | NetServer)[] = [];

afterEach(async () => {
  await lb?.close();
  for (const s of servers) {
    if ('closeAllConnections' in s) s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  lb = undefined;
  servers = [];
});

interface Seen { method: string; url: string; host: string | undefined; body: string }

interface FramingNode { url: string; seen: Seen[]; server: Server; held: ServerResponse[] }

/** A node with framing routes: /chunked, /head, /204, /304, /big, /hold (the test answers), others echo. */
async function framingNode(): Promise<FramingNode> {
  const seen: Seen[] = [];
  const held: ServerResponse[] = [];
  const server = createHttpServer({ keepAliveTimeout: 5000 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host, body: Buffer.concat(chunks).toString() });
      if (req.url === '/hold') {
        held.push(res);
        server.emit('held');
      } else if (req.url === '/chunked') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first part, ');
        setImmediate(() => res.end('second part'));
      } else if (req.url === '/head') {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '11' });
        res.end(req.method === 'HEAD' ? undefined : 'hello world');
      } else if (req.url === '/204' || req.url === '/304') {
        res.writeHead(Number(req.url.slice(1)), { etag: '"v1"' });
        res.end();
      } else if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(BIG.length) });
        res.end(BIG);
      } else {
        const text = JSON.stringify({ url: req.url, body: Buffer.concat(chunks).toString() });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
        res.end(text);
      }
    });
  });
  return { url: await listen(server), seen, server, held };
}

/** A node that answers every request with `answer` and then closes the connection. */
async function rawNode(answer: string): Promise<string> {
  const server = createNetServer((socket) => {
    socket.once('data', () => socket.end(answer));
    socket.on('error', () => undefined);
  });
  return listen(server);
}

async function listen(server: Server | NetServer): Promise<string> {
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Two GETs on one kept-alive connection; returns both replies and whether the second reused the socket. */
async function twoOnOneConnection(port: number, path: string): Promise<{ bodies: string[]; reused: boolean }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const bodies: string[] = [];
  let reused = false;
  for (let i = 0; i < 2; i++) {
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => {
          bodies.push(`${res.statusCode} ${body}`);
          resolve();
        });
      });
      req.on('error', reject);
      if (i === 1) req.once('socket', () => (reused = req.reusedSocket));
      req.end();
    });
  }
  agent.destroy();
  return { bodies, reused };
}

describe.each(ENGINES)('protocol [%s]', (engine) => {
  async function setup(upstream: string): Promise<number> {
    lb = await startTestBalancer(['--engine', engine, '--health-interval', '0', '--upstream', `n1=${upstream}`]);
    return lb.port;
  }

  it('pipelined requests on one connection › answered in order, the node sees each once', async () => {
    const node = await framingNode();
    const port = await setup(node.url);
    const raw = await rawExchange(port, 'GET /1 HTTP/1.1\r\nHost: x\r\n\r\nPOST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET /3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(statuses(raw)).toEqual([200, 200, 200]);
    expect([...raw.matchAll(/"url":"(\/\d)"/g)].map((m) => m[1])).toEqual(['/1', '/2', '/3']);
    expect(node.seen.map((s) => [s.method, s.url, s.body])).toEqual([['GET', '/1', ''], ['POST', '/2', 'abc'], ['GET', '/3', '']]);
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

  it('a chunked answer › intact for an HTTP/1.1 client on a kept connection, and for an HTTP/1.0 client (closed)', async () => {
    const node = await framingNode();
    const port = await setup(node.url);
    expect(await twoOnOneConnection(port, '/chunked')).toEqual({ bodies: ['200 first part, second part', '200 first part, second part'], reused: true });
    const raw = await rawExchange(port, 'GET /chunked HTTP/1.0\r\n\r\n');
    expect(raw.endsWith('\r\n\r\nfirst part, second part')).toBe(true);
    expect(raw.toLowerCase()).not.toContain('transfer-encoding');
  });

  it('an answer framed by the node closing its connection › intact, and the client connection stays usable', async () => {
    const port = await setup(await rawNode('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\nuntil the close'));
    expect(await twoOnOneConnection(port, '/eof')).toEqual({ bodies: ['200 until the close', '200 until the close'], reused: true });
  });

  it('HEAD, 204 and 304 › no body, and the next request on the connection is read correctly', async () => {
    const node = await framingNode();
    const port = await setup(node.url);
    const raw = await rawExchange(port, 'HEAD /head HTTP/1.1\r\nHost: x\r\n\r\nGET /204 HTTP/1.1\r\nHost: x\r\n\r\nGET /304 HTTP/1.1\r\nHost: x\r\n\r\nGET /head HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
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
    socket.write('POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\nConnection: close\r\n\r\n');
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

  it('a client that half-closes after its request › still gets the answer', async () => {
    const node = await framingNode();
    const port = await setup(node.url);
    const socket = connect(port, '127.0.0.1', () => socket.end('GET /half HTTP/1.1\r\nHost: x\r\n\r\n'));
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (received += d));
    await once(socket, 'close');
    expect(statuses(received)).toEqual([200]);
    expect(received).toContain('"url":"/half"');
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

  it('an idle client connection is closed after --keepalive-timeout; an idle node connection after --upstream-idle', async () => {
    const node = await framingNode();
    const nodeSockets: Promise<unknown>[] = [];
    node.server.on('connection', (s) => nodeSockets.push(once(s, 'close')));
    lb = await startTestBalancer(['--engine', engine, '--health-interval', '0', '--keepalive-timeout', '200', '--upstream-idle', '200', '--upstream', `n1=${node.url}`]);
    const socket = connect(lb.port, '127.0.0.1');
    socket.write('GET /idle HTTP/1.1\r\nHost: x\r\n\r\n');
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (received += d));
    await once(socket, 'close');
    expect(statuses(received)).toEqual([200]);
    expect(nodeSockets.length).toBe(1);
    await nodeSockets[0];
  });

  it('a client that keeps its side open after a connection: close answer › does not hold up the balancer closing', async () => {
    const node = await framingNode();
    const flags = ['--engine', engine, '--health-interval', '0', '--keepalive-timeout', '200', '--drain-timeout', '60000'];
    lb = await startTestBalancer([...flags, '--upstream', `n1=${node.url}`]);
    const socket = connect({ port: lb.port, host: '127.0.0.1', allowHalfOpen: true });
    let received = '';
    socket.setEncoding('latin1');
    socket.once('data', () => socket.write('GET /after-close HTTP/1.1\r\nHost: x\r\n\r\n'));
    socket.on('data', (d: string) => (received += d));
    socket.on('error', () => undefined);
    socket.write('GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await once(socket, 'end');
    await (lb as Balancer).close(); // would wait for --drain-timeout (60 s) if the connection were kept
    lb = undefined;
    socket.destroy();
    expect(statuses(received)).toEqual([200]);
    expect(node.seen.map((s) => s.url)).toEqual(['/last']);
  });

  it('the balancer closing › the request in flight finishes (and says connection: close), new connections are refused', async () => {
    const node = await framingNode();
    const port = await setup(node.url);
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (received += d));
    const held = once(node.server, 'held');
    socket.write('GET /hold HTTP/1.1\r\nHost: x\r\n\r\n');
    await held;
    const closing = (lb as Balancer).close();
    await expect(call(port, { path: '/new' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    node.held[0]?.end('late but whole');
    await Promise.all([once(socket, 'close'), closing]);
    lb = undefined;
    expect(statuses(received)).toEqual([200]);
    expect(received.toLowerCase()).toContain('connection: close');
    expect(received.endsWith('late but whole')).toBe(true);
  });

  it('a node framing its answer ambiguously (Transfer-Encoding and Content-Length) › 502, never relayed', async () => {
    const port = await setup(await rawNode('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nhello'));
    const r = await call(port, { path: '/x' });
    expect([r.status, r.headers['x-lb-error']]).toEqual([502, 'LB_ERR_UPSTREAM']);
  });
});
