// The environment of the exercise-10 node, read once: the shop's own config, the replication settings and
// WORKSHOP_APPLY_MODULE, the trainee's module that exports applyPeerChange. The only file of the entry that reads
// the environment; errors name the variable.
import { loadConfig, loadReplicationConfig, type ReplicationConfig, type ShopConfig } from '@stateshift/shop';

export interface ReplicatedNodeConfig {
  readonly shop: ShopConfig;
  readonly replication: ReplicationConfig;
  readonly applyModule: string;
}

export function loadReplicatedNodeConfig(env: Readonly<Record<string, string | undefined>>): ReplicatedNodeConfig {
  const applyModule = env.WORKSHOP_APPLY_MODULE;
  if (!applyModule) throw new Error('WORKSHOP_APPLY_MODULE must name the module that exports applyPeerChange');
  return Object.freeze({
    shop: loadConfig(env, { variant: 'replicated', cartStores: ['memory'] }),
    replication: loadReplicationConfig(env),
    applyModule,
  });
}
