// Chooses the strategy once, at the composition root.
import type { BalancerConfig } from '../config/config.ts';
import type { Pool } from '../pool.ts';
import { LeastConnections } from './least-connections.ts';
import { RoundRobin } from './round-robin.ts';
import type { Strategy } from './strategy.ts';
import { Sticky } from './sticky.ts';

export function createStrategy(config: Pick<BalancerConfig, 'strategy' | 'stickyMiss' | 'cookieName'>, pool: Pool): Strategy {
  switch (config.strategy) {
    case 'sticky':
      return new Sticky(pool, config.cookieName, config.stickyMiss);
    case 'least-connections':
      return new LeastConnections(pool);
    case 'round-robin':
      return new RoundRobin(pool);
  }
}
