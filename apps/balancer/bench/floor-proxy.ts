// The cost floor for the bench: the simplest node:http reverse proxy (round-robin, keep-alive agent, pipe), with
// none of the balancer's guarantees. It answers the bench's ready message and GET /nodes like the balancer.
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

const upstreams = process.argv.filter((a) => a.includes('=http://')).map((a) => new URL(a.slice(a.indexOf('=') + 1)));
const agent = new Agent({ keepAlive: true, maxFreeSockets: 1024, scheduling: 'lifo' });
let next = 0;
const traffic = createServer((req, res) => {
  const target = upstreams[next++ % upstreams.length] as URL;
  const proxyReq = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent }, (proxyRes) => {
    res.writeHead(proxyRes.statusCode ?? 502, proxyRes.rawHeaders);
    proxyRes.pipe(res);
  });
  proxyReq.on('error', () => res.destroy());
  proxyReq.end();
});
const admin = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ nodes: upstreams.map(() => ({ state: 'up' })) }));
});
traffic.listen(0, '127.0.0.1', () => admin.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'ready', port: (traffic.address() as AddressInfo).port, adminPort: (admin.address() as AddressInfo).port });
}));
process.on('SIGTERM', () => process.exit(0));
process.on('disconnect', () => process.exit(0));
