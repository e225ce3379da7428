// A node that answers by script, byte for byte as written (node:http would refuse to send most of these answers): the
// fuzz's way to make a node answer badly, slowly or in pieces.
import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { trackServer, trackSocket } from './harness.ts';

export interface Script {
  /** The bytes answered to a request for this path. */
  answer: Buffer;
  /** One write, one byte per write (each followed by a turn of the event loop), or two writes split at an index. */
  delivery: 'whole' | 'bytewise' | number;
  /** The node closes its connection after answering. */
  close?: boolean;
}

export interface ScriptedNode {
  url: string;
  /** The path of every request read, in order. */
  paths: string[];
  /** The same, per node connection. */
  byConnection: string[][];
}

/** A node on a bare net.Server answering each request head by the path's script (else a small valid answer), one
 * request at a time per connection. */
export async function scriptedNode(scripts: Record<string, Script>): Promise<ScriptedNode> {
  const paths: string[] = [];
  const byConnection: string[][] = [];
  const server = trackServer(createServer((socket) => {
    const mine: string[] = [];
    byConnection.push(mine);
    serve(trackSocket(socket), (path) => {
      paths.push(path);
      mine.push(path);
      const echo = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${path.length}\r\n\r\n${path}`);
      return scripts[path] ?? { answer: echo, delivery: 'whole' };
    });
  }));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths, byConnection };
}

/** Reads request heads off `socket` and answers each in turn with the script `answerFor` picks for its path. */
function serve(socket: Socket, answerFor: (path: string) => Script): void {
  socket.setNoDelay(true); // no Nagle: a second small write must not wait for the first one's ACK
  socket.on('error', () => undefined);
  let buf = Buffer.alloc(0);
  let busy = false;
  const answerAll = async () => {
    if (busy) return;
    busy = true;
    for (let end = buf.indexOf('\r\n\r\n'); end >= 0 && !socket.destroyed; end = buf.indexOf('\r\n\r\n')) {
      const head = buf.toString('latin1', 0, end);
      buf = buf.subarray(end + 4);
      await deliver(socket, answerFor(head.split(' ')[1] ?? ''));
    }
    busy = false;
  };
  socket.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    void answerAll();
  });
}

async function deliver(socket: Socket, script: Script): Promise<void> {
  const { answer, delivery } = script;
  const pieces = delivery === 'whole' ? [answer]
    : delivery === 'bytewise' ? [...answer].map((b) => Buffer.from([b]))
      : [answer.subarray(0, delivery), answer.subarray(delivery)];
  for (const piece of pieces) {
    if (socket.destroyed) break;
    await new Promise<void>((resolve) => socket.write(piece, () => resolve()));
    if (pieces.length > 1) await new Promise((r) => setImmediate(r));
  }
  if (script.close) socket.end();
}
