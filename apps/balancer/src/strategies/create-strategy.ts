// Chooses the strategy once, at the composition root.
import type { BalancerConfig } from '../config/config.ts';
import type { Pool } from '../pool.ts';
import { LeastConnections } from './least-connections.ts';
import { RoundRobin } from './round-robin.ts';
import type { MissPolicy } from './miss-policy.ts';
import type { Strategy } from './strategy.ts';
import { Sticky } from './sticky.ts';

export function createStrategy(config: Pick<BalancerConfig, 'strategy' | 'cookieName'>, pool: Pool, miss: MissPolicy): Strategy {
  switch (config.strategy) {
    case 'sticky':
      return new Sticky(pool, config.cookieName, miss);
    case 'least-connections':
      return new LeastConnections(pool);
    case 'round-robin':
      return new RoundRobin(pool);
  }
}
