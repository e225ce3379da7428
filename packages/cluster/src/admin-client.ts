// A small client for the balancer's admin API (GET/POST/DELETE /nodes...). Any refusal or failure becomes
// CLUSTER_ERR_ADMIN carrying the method, path, status and body.
import type { NodeState, NodeView, PoolView, StickyMiss } from '@stateshift/balancer';
import { ClusterError } from './errors.ts';

// The balancer's own shapes of GET /nodes (and of the SSE snapshot), under the names the cluster exports.
export type BalancerNodeState = NodeState;
export type BalancerNode = NodeView;
export type NodesSnapshot = PoolView;

export interface AdminClient {
  nodes(): Promise<NodesSnapshot>;
  add(id: string, url: string): Promise<void>;
  remove(id: string): Promise<void>;
  drain(id: string): Promise<void>;
  undrain(id: string): Promise<void>;
  /** Switches the balancer's sticky-miss policy at run time. */
  setStickyMiss(policy: StickyMiss): Promise<void>;
}

const TIMEOUT_MS = 5_000;

export function adminClient(adminUrl: string, token?: string): AdminClient {
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    // Every mutation says JSON, with or without a body: the admin plane refuses others (a web page's "simple" request).
    if (method !== 'GET') headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(new URL(path, adminUrl), {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (cause) {
      throw new ClusterError(
        'CLUSTER_ERR_ADMIN', `${method} ${path} on ${adminUrl} failed: ${(cause as Error).message}`, { cause },
      );
    }
    const text = await res.text();
    if (!res.ok) {
      throw new ClusterError(
        'CLUSTER_ERR_ADMIN', `${method} ${path} on ${adminUrl} answered ${res.status}: ${text.slice(0, 500)}`,
      );
    }
    return text ? JSON.parse(text) as unknown : undefined;
  };
  const node = (id: string) => `/nodes/${encodeURIComponent(id)}`;
  return {
    nodes: async () => await call('GET', '/nodes') as NodesSnapshot,
    add: async (id, url) => { await call('POST', '/nodes', { url, id }); },
    remove: async (id) => { await call('DELETE', node(id)); },
    drain: async (id) => { await call('POST', `${node(id)}/drain`); },
    undrain: async (id) => { await call('POST', `${node(id)}/undrain`); },
    setStickyMiss: async (policy) => { await call('POST', '/sticky-miss', { policy }); },
  };
}
