// What Node's HTTP parser refuses before Express runs gets the shop's coded JSON, on a real node over raw sockets:
// a 20 KB header or a URL over 16 KiB → 431 SHOP_ERR_HEADERS_TOO_LARGE, a malformed request → 400
// SHOP_ERR_MALFORMED_REQUEST, each with `Connection: close`, `x-served-by`, and the node serving others meanwhile;
// Node's request timeout (shortened, on a bare server with the same handler) → 408 SHOP_ERR_REQUEST_TIMEOUT.
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerClientErrors } from '../src/http/client-error.ts';
import { createLogger } from '../src/index.ts';
import { startShopProcess, stopAll, type ShopProcess } from './helpers/shop-process.ts';

interface RawReply { status: number; head: string; body: unknown; raw: string }

/** Writes `request` on a fresh connection and resolves with everything received once the server closes it. */
function exchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let raw = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => { raw += d; });
    socket.on('error', reject);
    socket.on('close', () => resolve(raw));
    socket.setTimeout(10_000, () => {
      socket.destroy();
      reject(new Error(`no close within 10 s; got: ${raw.slice(0, 200)}`));
    });
  });
}

/** The last answer on the connection (earlier ones are pipelined answers to good requests). */
function lastReply(raw: string): RawReply {
  const at = raw.lastIndexOf('HTTP/1.1 ');
  const text = raw.slice(at);
  const split = text.indexOf('\r\n\r\n');
  const head = text.slice(0, split);
  const bodyText = text.slice(split + 4);
  let body: unknown = bodyText;
  try { body = JSON.parse(bodyText); } catch { /* not JSON: the assertion shows it */ }
  return { status: Number(head.slice(9, 12)), head, body, raw };
}

const REQUEST_HEAD = 'GET /api/products HTTP/1.1\r\nHost: 127.0.0.1\r\n';

describe('client errors [stateful]', () => {
  let node: ShopProcess;
  beforeAll(async () => { node = await startShopProcess('stateful', { NODE_ID: 'raw-1' }); });
  afterAll(stopAll);

  const expectCoded = (r: RawReply, status: number, code: string) => {
    expect(r.status, r.raw.slice(0, 300)).toBe(status);
    expect(r.head).toMatch(/^content-type: application\/json/im);
    expect(r.head).toMatch(/^connection: close/im);
    expect(r.head).toMatch(/^x-served-by: raw-1/im);
    expect(r.body).toEqual({ error: { code, message: expect.any(String) } });
    const length = Number(/^content-length: (\d+)/im.exec(r.head)?.[1]);
    expect(length).toBe(Buffer.byteLength(JSON.stringify(r.body)));
  };

  it.each([
    ['a 20 KB header', `${REQUEST_HEAD}X-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`],
    ['a URL over 16 KiB', `GET /api/products?q=${'b'.repeat(16 * 1024 + 10)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`],
    ['a 20 KB cookie', `${REQUEST_HEAD}Cookie: shop.sid=${'c'.repeat(20 * 1024)}\r\n\r\n`],
    ['a 4 MB header (more than the node reads before it answers)',
      `${REQUEST_HEAD}X-Huge: ${'e'.repeat(4 * 1024 * 1024)}\r\n\r\n`],
  ])('client errors [stateful] › %s → 431 SHOP_ERR_HEADERS_TOO_LARGE as JSON', async (_name, request) => {
    expectCoded(lastReply(await exchange(node.port, request)), 431, 'SHOP_ERR_HEADERS_TOO_LARGE');
  });

  it.each([
    ['a header line without a colon', `${REQUEST_HEAD}Not a header\r\n\r\n`],
    ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n'],
    ['a bad Content-Length', 'POST /api/cart/items HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n'],
    ['Content-Length and Transfer-Encoding together',
      'POST /api/cart/items HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
  ])('client errors [stateful] › %s → 400 SHOP_ERR_MALFORMED_REQUEST as JSON', async (_name, request) => {
    expectCoded(lastReply(await exchange(node.port, request)), 400, 'SHOP_ERR_MALFORMED_REQUEST');
  });

  const CHUNKED_HEAD = 'POST /api/cart/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
    'Transfer-Encoding: chunked\r\n\r\n';

  it('client errors [stateful] › ' +
    'a bad chunk size inside a body (the request already in the app) → 400 at once, not a stall', async () => {
    expectCoded(lastReply(await exchange(node.port, `${CHUNKED_HEAD}5\r\n{"pro\r\nzz\r\n`)), 400,
      'SHOP_ERR_MALFORMED_REQUEST');
  });

  it('client errors [stateful] › ' +
    'chunk extensions over 16 KiB inside a body → 413 SHOP_ERR_BODY_TOO_LARGE', async () => {
    expectCoded(lastReply(await exchange(node.port, `${CHUNKED_HEAD}1;ext=${'x'.repeat(20 * 1024)}\r\n{\r\n0\r\n\r\n`)),
      413, 'SHOP_ERR_BODY_TOO_LARGE');
  });

  it('client errors [stateful] › pipelined after a good request, ' +
    'a malformed one is answered after it, in order', async () => {
    const raw = await exchange(node.port, `${REQUEST_HEAD}\r\n${REQUEST_HEAD}Bad header\r\n\r\n`);
    expect(raw.startsWith('HTTP/1.1 200 OK')).toBe(true);
    expectCoded(lastReply(raw), 400, 'SHOP_ERR_MALFORMED_REQUEST');
  });

  it('client errors [stateful] › the node keeps serving: ' +
    '20 refused requests in parallel, then a normal one is 200', async () => {
    const big = `${REQUEST_HEAD}X-Big: ${'d'.repeat(20 * 1024)}\r\n\r\n`;
    const replies = await Promise.all(Array.from({ length: 20 }, () => exchange(node.port, big)));
    for (const raw of replies) expect(lastReply(raw).status).toBe(431);
    expect((await fetch(`${node.url}/api/products`)).status).toBe(200);
  });
});

describe('client errors [request timeout]', () => {
  it('client errors [request timeout] › ' +
    'headers that never finish → 408 SHOP_ERR_REQUEST_TIMEOUT as JSON (Node\'s timeout, short here)', async () => {
    const server = createServer(
      { headersTimeout: 300, requestTimeout: 600, connectionsCheckingInterval: 100 }, (_req, res) => res.end('ok'),
    );
    answerClientErrors(server, 'slow-1', createLogger({ level: 'silent', nodeId: 'slow-1' }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const reply = lastReply(await exchange(port, 'GET /api/products HTTP/1.1\r\nHost: x\r\n'));
      expect(reply.status, reply.raw).toBe(408);
      expect(reply.head).toMatch(/^x-served-by: slow-1/im);
      expect(reply.body).toEqual({ error: { code: 'SHOP_ERR_REQUEST_TIMEOUT', message: expect.any(String) } });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
