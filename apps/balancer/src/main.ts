// The balancer's CLI entry: reads flags and environment once, starts, reports readiness over IPC when forked,
// stops gracefully on SIGTERM/SIGINT and exits when its parent's IPC channel disconnects.
import { buildBalancer, type Balancer, type BalancerPorts } from './balancer.ts';
import { loadConfig, type BalancerConfig } from './config/config.ts';
import { LbError } from './errors.ts';
import { createLogger } from './logger.ts';

let config: BalancerConfig;
try {
  config = loadConfig(process.argv.slice(2), process.env);
} catch (err) {
  if (!(err instanceof LbError)) throw err;
  console.error(`${err.code}: ${err.message}`);
  process.exit(2);
}

const logger = createLogger(config.logLevel);
let balancer: Balancer;
let ports: BalancerPorts;
try {
  balancer = buildBalancer(config, { logger });
  ports = await balancer.listen(); // after the first round of health checks
} catch (err) {
  logger.fatal({ err }, 'balancer failed to start');
  process.exit(1);
}
process.send?.({ type: 'ready', port: ports.port, adminPort: ports.adminPort });

let stopping = false;
async function stop(why: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ why }, 'balancer stopping');
  await balancer.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
process.on('disconnect', () => void stop('parent disconnected'));
