// Test nodes for the framing and connection tests: a node:http node with framing routes that records what it sees,
// a raw node that answers every request with fixed bytes and closes, and a two-GETs-on-one-connection client.
// Every server started here is closed by closeTestNodes() (call it in afterEach).
import { once } from 'node:events';
import { Agent, createServer as createHttpServer, request, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';

/** 8 MiB of a repeated pattern: the /big answer. */
export const BIG = Buffer.alloc(8 * 1024 * 1024, 'stateshift-');

let servers: (Server | NetServer)[] = [];

export async function closeTestNodes(): Promise<void> {
  for (const s of servers) {
    if ('closeAllConnections' in s) s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  servers = [];
}

export interface Seen { method: string; url: string; host: string | undefined; body: string }

export interface FramingNode { url: string; seen: Seen[]; server: Server; held: ServerResponse[] }

/** A node with framing routes: /chunked, /head, /204, /304, /big, /hold (the test answers), others echo. */
export async function framingNode(): Promise<FramingNode> {
  const seen: Seen[] = [];
  const held: ServerResponse[] = [];
  const server = createHttpServer({ keepAliveTimeout: 5000 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '', url: req.url ?? '', host: req.headers.host, body: Buffer.concat(chunks).toString(),
      });
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
export async function rawNode(answer: string): Promise<string> {
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
export async function twoOnOneConnection(port: number, path: string): Promise<{ bodies: string[]; reused: boolean }> {
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
