// The cost floor for the bench: the simplest node:http reverse proxy (round-robin, keep-alive agent, pipe), with
// none of the balancer's guarantees. It answers the bench's ready message and GET /nodes like the balancer.
import { Agent, createServer, request } from 'node:http';
import { serveFloor, upstreams } from './floor-serve.ts';

const agent = new Agent({ keepAlive: true, maxFreeSockets: 1024, scheduling: 'lifo' });
let next = 0;
const traffic = createServer((req, res) => {
  const target = upstreams[next++ % upstreams.length] as URL;
  const proxyReq = request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
    (proxyRes) => {
      res.writeHead(proxyRes.statusCode ?? 502, proxyRes.rawHeaders);
      proxyRes.pipe(res);
    },
  );
  proxyReq.on('error', () => res.destroy());
  proxyReq.end();
});
serveFloor(traffic);
