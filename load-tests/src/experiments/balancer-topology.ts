// Which balancers a run's shoppers go through: the cluster's one, or (two-balancers) a second one started in
// front of the same nodes with the same affinity secret before the load begins.
import type { Cluster } from '@stateshift/cluster';
import type { ExperimentDefinition } from './definitions.ts';

export interface Balancers {
  /** Traffic URLs; the shoppers send their requests to them in turn. */
  urls: string[];
  adminUrls: string[];
}

export async function prepareBalancers(definition: ExperimentDefinition, cluster: Cluster): Promise<Balancers> {
  if ((definition.balancers ?? 1) < 2) return { urls: [cluster.balancerUrl], adminUrls: [cluster.adminUrl] };
  const extra = await cluster.startExtraBalancer();
  return { urls: [cluster.balancerUrl, extra.url], adminUrls: [cluster.adminUrl, extra.adminUrl] };
}
