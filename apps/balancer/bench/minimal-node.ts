// The bench's minimal backend: a bare node:http server (child process) answering a small body with x-served-by.
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';

const id = process.argv[2] ?? 'minimal';
const body = JSON.stringify({ ok: true, node: id });
const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-served-by': id,
  });
  res.end(body);
});
server.listen(0, '127.0.0.1', () =>
  process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port, nodeId: id }));
process.on('disconnect', () => process.exit(0));
