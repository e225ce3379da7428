import { Agent } from 'node:http';
import { startNode } from './helpers/nodes.ts';
import { startTestBalancer, call } from './helpers/balancer.ts';
const a = await startNode('a'); const b = await startNode('b');
const lb = await startTestBalancer(['--upstream', `a=${a.url}`, '--upstream', `b=${b.url}`, '--health-interval', '0']);
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
for (let i = 0; i < 8; i++) { const t = performance.now(); const r = await call(lb.port, { agent }); console.log(r.status, (performance.now() - t).toFixed(1), r.headers['transfer-encoding'], r.headers['content-length']); }
for (let i = 0; i < 3; i++) { const t = performance.now(); await call(Number(new URL(a.url).port), { agent }); console.log('direct', (performance.now() - t).toFixed(1)); }
await lb.close(); await a.close(); await b.close(); agent.destroy();
