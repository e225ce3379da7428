// Chooses the strategy once, at the composition root (and, for sticky, how its pins are kept).
import type { BalancerConfig } from '../config/config.ts';
import type { Pool } from '../pool.ts';
import type { Affinity } from './affinity.ts';
import { Sealer } from './affinity-seal.ts';
import { AffinityStore } from './affinity-store.ts';
import { LeastConnections } from './least-connections.ts';
import { RoundRobin } from './round-robin.ts';
import type { MissPolicy } from './miss-policy.ts';
import { SignedAffinity } from './signed-affinity.ts';
import type { Strategy } from './strategy.ts';
import { Sticky } from './sticky.ts';

export type StrategyConfig = Pick<BalancerConfig, 'strategy' | 'cookieName'> &
  Partial<Pick<BalancerConfig, 'affinity' | 'affinitySecrets' | 'affinityMaxIdleSec' | 'affinityCapacity'>>;

export function createStrategy(config: StrategyConfig, pool: Pool, miss: MissPolicy): Strategy {
  switch (config.strategy) {
    case 'sticky':
      return new Sticky(pool, config.cookieName, miss, createAffinity(config, pool));
    case 'least-connections':
      return new LeastConnections(pool);
    case 'round-robin':
      return new RoundRobin(pool);
  }
}

function createAffinity(config: StrategyConfig, pool: Pool): Affinity {
  const maxIdle = config.affinityMaxIdleSec ?? 1800;
  if (config.affinity === 'table') return new AffinityStore(config.affinityCapacity ?? 200_000, maxIdle);
  return new SignedAffinity(pool, new Sealer(config.affinitySecrets ?? [DEV_AFFINITY_SECRET]), maxIdle);
}

/** Used when no --affinity-secret is given; balancer.ts warns loudly about it. Anyone can read this file. */
const DEV_AFFINITY_SECRET = 'stateshift-development-affinity-secret-do-not-use-in-production';
