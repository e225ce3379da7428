// The request-line guard against llhttp itself: seeded pipelines of requests that llhttp accepts (every framing,
// chunk extensions, trailers, bodies full of request-line-looking text, blank lines between requests), written to a
// real node:http server in random pieces. The guard must name exactly the first request whose line has several
// spaces, whatever the split, and no other (the balancer refuses that one and closes: nothing after it is read),
// both ways it takes the reads: from node:http's parser (the default) and from a 'data' listener (the fallback).
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardRequestLines, severalSpaces } from '../src/engines/node-http/request-line-guard.ts';
import { mulberry32, pick } from './fuzz/prng.ts';

const SEED = 0x11d5;
const CASES = 150;

let server: Server;
let port = 0;
/** Which way the guard takes the reads: from node:http's parser (its default), or from a 'data' listener. */
let dataListener = false;
/** Per connection (by the client's port), each request's url and what the guard said of it, in the order node:http
 * emitted them. */
const heard = new Map<number, [string, boolean][]>();

beforeAll(async () => {
  server = createServer((req, res) => {
    heard.get(req.socket.remotePort ?? 0)?.push([req.url ?? '', severalSpaces(req)]);
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  server.on('connection', (socket: Socket) => {
    heard.set(socket.remotePort ?? 0, []);
    guardRequestLines(socket, dataListener);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe.each([['parser reads', false], ['data listener', true]] as const)('request-line guard [%s]', (_, viaData) => {
  it('names exactly the first request line with several spaces, at any split, never a body byte', async () => {
    dataListener = viaData;
    const rnd = mulberry32(SEED);
    for (let n = 0; n < CASES; n++) {
      const { payload, urls, firstBad } = pipeline(rnd);
      const pieces = split(rnd, Buffer.from(payload, 'latin1'));
      const got = await send(pieces);
      const where = `case ${n}: ${JSON.stringify(payload)} in ${pieces.length} pieces`;
      expect(got, where).toEqual(urls.map((u, i) => [u, i === firstBad]));
    }
  });

  it('an upgrade (node:http drops the rest of its read, then parses the next read anew) › nothing refused after it',
    async () => {
      dataListener = viaData;
      const next = 'GET /y HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';
      const dropped = 'GET  /dropped HTTP/1.1\r\nHost: x\r\n\r\n';
      const upgrades = [
        'GET /u HTTP/1.1\r\nHost: x\r\nUpgrade: foo\r\nConnection: upgrade\r\n\r\n',
        'POST /u HTTP/1.1\r\nHost: x\r\nupgrade: foo\r\nconnection: keep-alive, UPGRADE\r\nContent-Length: 2\r\n\r\nab',
      ];
      for (const upgrade of upgrades) {
        const got = await afterAnswer(Buffer.from(upgrade + dropped), Buffer.from(next));
        expect(got, upgrade).toEqual([['/u', false], ['/y', false]]);
      }
    });
});

const TEXT = [
  '\r\n', ' ', '  ', 'GET  / HTTP/1.1', 'GET /  HTTP/1.1\r\n', '0\r\n\r\n', 'Host: x\r\n\r\n', 'a', ':', '\r', '\n',
];
const text = (rnd: () => number, max: number): string => {
  let s = '';
  while (s.length < rnd() * max) s += pick(rnd, TEXT);
  return s;
};
const line = (rnd: () => number): string => text(rnd, 24).replace(/[\r\n]/g, 'x');
/** Whitespace llhttp allows before a framing value, and after it (spaces only: a tab there is refused). */
const ows = (rnd: () => number): string => pick(rnd, ['', '', ' ', '  ', '\t', ' \t']);
const trailing = (rnd: () => number): string => pick(rnd, ['', '', ' ', '  ']);
const chunkLine = (rnd: () => number, size: number): string => {
  const hex = size.toString(16);
  const ext = pick(rnd, ['', '', ';a=b', ';q="x  y"', ';a;b=c']);
  return `${pick(rnd, ['', '0', '00'])}${rnd() < 0.5 ? hex : hex.toUpperCase()}${ext}\r\n`;
};

function request(rnd: () => number, url: string, bad: boolean): string {
  const gaps = bad ? pick(rnd, [['  ', ' '], [' ', '  '], ['   ', '  ']]) : [' ', ' '];
  let head = `${pick(rnd, ['GET', 'POST', 'PUT', 'DELETE'])}${gaps[0]}${url}${gaps[1]}HTTP/1.1\r\nHost: x\r\n`;
  for (let k = Math.floor(rnd() * 3); k > 0; k--) head += `X-F${k}: ${line(rnd)}\r\n`;
  const framing = pick(rnd, ['none', 'length', 'chunked']);
  if (framing === 'none') return `${head}\r\n`;
  if (framing === 'length') {
    const body = text(rnd, 80);
    const name = pick(rnd, ['Content-Length', 'content-length', 'CONTENT-LENGTH']);
    return `${head}${name}:${ows(rnd)}${pick(rnd, ['', '0', '00'])}${body.length}${trailing(rnd)}\r\n\r\n${body}`;
  }
  const name = pick(rnd, ['Transfer-Encoding', 'transfer-encoding']);
  let message = `${head}${name}:${ows(rnd)}${pick(rnd, ['chunked', 'Chunked', 'CHUNKED'])}${trailing(rnd)}\r\n\r\n`;
  for (let k = Math.floor(rnd() * 4); k > 0; k--) {
    const data = text(rnd, 40) || 'z';
    message += `${chunkLine(rnd, data.length)}${data}\r\n`;
  }
  message += chunkLine(rnd, 0);
  for (let k = Math.floor(rnd() * 3); k > 0; k--) message += `X-T${k}: ${line(rnd)}\r\n`;
  return `${message}\r\n`;
}

/** One to six requests, a third of them with several spaces, then one that asks node:http to close. */
function pipeline(rnd: () => number): { payload: string; urls: string[]; firstBad: number } {
  const urls: string[] = [];
  let payload = '';
  let firstBad = -1;
  for (let i = Math.floor(rnd() * 6); i >= 0; i--) {
    const bad = rnd() < 0.33;
    if (bad && firstBad < 0) firstBad = urls.length;
    urls.push(`/r${urls.length}`);
    payload += pick(rnd, ['', '', '\r\n', '\r\n\r\n']) + request(rnd, urls.at(-1)!, bad);
  }
  urls.push('/end');
  payload += 'GET /end HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';
  return { payload, urls, firstBad };
}

/** Cut points anywhere: single bytes, a request line cut in two, many requests in one piece. */
function split(rnd: () => number, bytes: Buffer): Buffer[] {
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length;) {
    const size = rnd() < 0.3 ? 1 + Math.floor(rnd() * 3) : 1 + Math.floor(rnd() * bytes.length);
    pieces.push(bytes.subarray(at, at + size));
    at += size;
  }
  return pieces;
}

/** Writes each piece as its own read (write done, then a turn of the event loop), waits for node:http's close. */
async function send(pieces: Buffer[]): Promise<[string, boolean][]> {
  const socket = connect({ port, host: '127.0.0.1', noDelay: true });
  socket.on('data', () => undefined);
  const closed = once(socket, 'close');
  await once(socket, 'connect');
  const local = socket.localPort;
  for (const piece of pieces) {
    await new Promise<void>((resolve, reject) => socket.write(piece, (err) => (err ? reject(err) : resolve())));
    await new Promise((r) => setImmediate(r));
  }
  await closed;
  const got = heard.get(local ?? -1) ?? [];
  heard.delete(local ?? -1);
  return got;
}

/** Writes `first`, waits for the first answer bytes, then writes `second` and waits for node:http's close. */
async function afterAnswer(first: Buffer, second: Buffer): Promise<[string, boolean][]> {
  const socket = connect({ port, host: '127.0.0.1', noDelay: true });
  const closed = once(socket, 'close');
  await once(socket, 'connect');
  const local = socket.localPort ?? -1;
  socket.write(first);
  await once(socket, 'data');
  socket.on('data', () => undefined);
  socket.write(second);
  await closed;
  const got = heard.get(local) ?? [];
  heard.delete(local);
  return got;
}
