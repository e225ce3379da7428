// Test-side view of the balancer, independent of the cluster's own: waits on the admin event stream until a
// node reaches a state, then reads GET /nodes so that assertions are about what the admin API says.
import { watchBalancer, type BalancerNodeState, type NodesSnapshot } from '../../src/index.ts';

export async function getNodes(adminUrl: string, token?: string): Promise<NodesSnapshot> {
  const res = await fetch(new URL('/nodes', adminUrl), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new Error(`GET /nodes answered ${res.status}`);
  return await res.json() as NodesSnapshot;
}

/** Resolves once the balancer says `id` is `state` (already, or by a later event); rejects after boundMs. */
export function waitForState(
  adminUrl: string, id: string, state: BalancerNodeState, boundMs = 15_000, token?: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      watch.close();
      reject(new Error(`${id} not ${state} within ${boundMs} ms`));
    }, boundMs);
    const done = () => { clearTimeout(timer); watch.close(); resolve(); };
    const watch = watchBalancer(adminUrl, (event) => {
      if (event.type === 'snapshot' && event.data.nodes.some((n) => n.id === id && n.state === state)) done();
      if (event.type === 'state' && event.data.node === id && event.data.to === state) done();
      if (event.type === 'traffic' && event.data.nodes[id]?.state === state) done();
    }, { token });
    watch.connected.catch((err: unknown) => { clearTimeout(timer); reject(err); });
  });
}

export async function stateOf(adminUrl: string, id: string, token?: string): Promise<BalancerNodeState | undefined> {
  return (await getNodes(adminUrl, token)).nodes.find((n) => n.id === id)?.state;
}
