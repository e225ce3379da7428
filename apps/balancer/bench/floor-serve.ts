// What both floor proxies share: their upstreams from argv (`id=http://…`), and serving like the balancer does for
// the bench: the traffic server on a free port, GET /nodes (all up) on an admin port, the IPC ready message, and
// an exit on SIGTERM or when the parent goes.
import { createServer } from 'node:http';
import type { AddressInfo, Server } from 'node:net';

export const upstreams = process.argv.filter((a) => a.includes('=http://')).map((a) => new URL(a.slice(a.indexOf('=') + 1)));

export function serveFloor(traffic: Server): void {
  const admin = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ nodes: upstreams.map(() => ({ state: 'up' })) }));
  });
  traffic.listen(0, '127.0.0.1', () => admin.listen(0, '127.0.0.1', () => {
    const port = (traffic.address() as AddressInfo).port;
    process.send?.({ type: 'ready', port, adminPort: (admin.address() as AddressInfo).port });
  }));
  process.on('SIGTERM', () => process.exit(0));
  process.on('disconnect', () => process.exit(0));
}
