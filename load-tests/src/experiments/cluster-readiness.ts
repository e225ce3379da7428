// Before the load: the product ids the shoppers will use, read from the shop itself. After the load: wait
// until the cluster has settled (every node still running answers /readyz 200 and the balancer has it up
// or draining), so that the read-back sees the cluster's final word, not its recovery.
import type { Cluster } from '@stateshift/cluster';
import { sendRequest } from '../shoppers/send-request.ts';
import { ExperimentError } from './experiment-error.ts';
import { waitUntil } from './run-fault-plan.ts';

export async function fetchProductIds(balancerUrl: string): Promise<string[]> {
  const sent = await sendRequest(
    balancerUrl, { method: 'GET', path: '/api/products', headers: { accept: 'application/json' } }, 5_000,
  );
  if (!sent.ok || sent.status !== 200) {
    throw new ExperimentError(
      'EXPERIMENT_ERR_SETUP',
      `GET /api/products through the balancer failed: ${sent.ok ? `HTTP ${sent.status}` : sent.reason}`,
    );
  }
  let ids: string[] = [];
  try {
    const parsed = JSON.parse(sent.body) as { products?: { id?: unknown }[] } | { id?: unknown }[];
    const list = Array.isArray(parsed) ? parsed : parsed.products ?? [];
    ids = list.flatMap((p) => (typeof p.id === 'string' ? [p.id] : []));
  } catch { /* reported below */ }
  if (ids.length === 0) {
    throw new ExperimentError(
      'EXPERIMENT_ERR_SETUP', `GET /api/products returned no product ids: ${sent.body.slice(0, 200)}`,
    );
  }
  return ids;
}

/** Resolves true once settled, false when `timeoutMs` passed first (the caller records a warning). */
export async function waitSettled(cluster: Cluster, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !signal.aborted) {
    if (await settled(cluster)) return true;
    await waitUntil(Math.min(deadline, Date.now() + 200), signal);
  }
  return false;
}

async function settled(cluster: Cluster): Promise<boolean> {
  const running = cluster.nodes().filter((n) => n.state === 'running' || n.state === 'draining');
  if (running.some((n) => n.balancer !== 'up' && n.balancer !== 'draining')) return false;
  const ready = await Promise.all(running.map(async (n) => {
    const sent = await sendRequest(n.url, { method: 'GET', path: '/readyz', headers: {} }, 2_000);
    return sent.ok && sent.status === 200;
  }));
  return ready.every(Boolean);
}
