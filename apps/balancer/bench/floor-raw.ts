// The cost floor of a proxy on net sockets, for the bench: GETs only, the request head passed on as received,
// answers framed by Content-Length only, round-robin over pooled keep-alive sockets, no parsing, no guarantees
// and no error handling worth the name. Never use it for anything but measuring. Answers the bench's ready
// message and GET /nodes like the balancer.
import { connect, createServer, type Socket } from 'node:net';
import { serveFloor, upstreams } from './floor-serve.ts';

const idle: Socket[][] = upstreams.map(() => []);
const CRLF2 = Buffer.from('\r\n\r\n');
let next = 0;

function relay(client: Socket, head: Buffer): void {
  const i = next++ % upstreams.length;
  const target = upstreams[i] as URL;
  const up = idle[i]?.pop() ?? connect({ port: Number(target.port), host: target.hostname, noDelay: true });
  let answer: Buffer | undefined;
  let need = -1;
  const onData = (chunk: Buffer) => {
    answer = answer ? Buffer.concat([answer, chunk]) : chunk;
    if (need < 0) {
      const end = answer.indexOf(CRLF2);
      if (end < 0) return;
      need = end + 4 + Number(/content-length: *(\d+)/i.exec(answer.toString('latin1', 0, end))?.[1] ?? 0);
    }
    if (answer.length < need) return;
    client.write(answer);
    up.off('data', onData);
    idle[i]?.push(up);
  };
  up.on('data', onData);
  up.write(head);
}

const traffic = createServer({ noDelay: true }, (client) => {
  let pending: Buffer | undefined;
  client.on('data', (chunk: Buffer) => {
    pending = pending ? Buffer.concat([pending, chunk]) : chunk;
    const end = pending.indexOf(CRLF2);
    if (end < 0) return;
    relay(client, pending.subarray(0, end + 4));
    pending = undefined;
  });
  client.on('error', () => client.destroy());
});
serveFloor(traffic);
