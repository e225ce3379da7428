// The keep-alive agent to the nodes. Idle sockets close after upstreamIdleMs, below the nodes' keep-alive timeout,
// so the balancer never writes a request into a socket the node is closing. LIFO keeps the hot sockets busy.
import { Agent } from 'node:http';
import type { EngineOptions } from '../../exchange/attempt.ts';

export function upstreamAgent(opts: EngineOptions): Agent {
  return new Agent({
    keepAlive: true, keepAliveMsecs: 1000, maxFreeSockets: 1024, timeout: opts.upstreamIdleMs, scheduling: 'lifo',
    noDelay: true,
  });
}
