// docker compose only: keeps one balancer's node list equal to the replicas of one scaled service
// (`docker compose up --scale shop-stateful=5`). Resolves the service name, then adds and removes nodes through
// the balancer's admin API. It never touches a node it did not add (ids start with its prefix).
import { lookup } from 'node:dns/promises';
import { loadRegistrarConfig } from './registrar-config.ts';

const config = loadRegistrarConfig(process.env);

interface AdminNode { id: string; url: string }

async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(config.adminUrl + path, {
    // Every mutation says JSON, body or not: the admin plane refuses others (415 LB_ERR_ADMIN_MEDIA_TYPE).
    method, headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(3000),
  });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  const text = await res.text();
  return text ? JSON.parse(text) as unknown : undefined;
}

async function sync(): Promise<void> {
  const addresses = await lookup(config.service, { all: true, family: 4 }).catch(() => []);
  const wanted = new Map(addresses.map((a) => [`${config.prefix}-${a.address.replaceAll('.', '-')}`, `http://${a.address}:${config.nodePort}`]));
  const { nodes } = await admin('GET', '/nodes') as { nodes: AdminNode[] };
  const ours = nodes.filter((n) => n.id.startsWith(`${config.prefix}-`));
  for (const [id, url] of wanted) if (!ours.some((n) => n.id === id)) await admin('POST', '/nodes', { id, url });
  for (const n of ours) if (!wanted.has(n.id)) await admin('DELETE', `/nodes/${encodeURIComponent(n.id)}`);
}

let timer: NodeJS.Timeout | undefined;
async function loop(): Promise<void> {
  await sync().catch((err: unknown) => console.error(`registrar: ${(err as Error).message}`));
  timer = setTimeout(() => void loop(), config.intervalMs);
}
process.on('SIGTERM', () => { clearTimeout(timer); process.exit(0); });
void loop();
