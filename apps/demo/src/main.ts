// `pnpm demo`: parses the flags, checks the three ports, starts the demo, prints the URLs, and on Ctrl-C or
// SIGTERM stops everything. A bad flag or a taken port is one line on stderr and exit 1, with nothing started.
import { isPortFree } from '@stateshift/cluster';
import { DEMO_USAGE, loadDemoConfig, type DemoConfig } from './config/demo-config.ts';
import { startDemo, type Demo } from './demo.ts';
import { DemoError } from './errors.ts';

async function main(): Promise<number | undefined> {
  let config: DemoConfig;
  try {
    config = loadDemoConfig(process.argv.slice(2), process.env);
  } catch (err) {
    console.error(`error (${(err as DemoError).code ?? 'DEMO_ERR_FLAGS'}): ${(err as Error).message} (see pnpm demo --help)`);
    return 1;
  }
  if (config.help) { console.log(DEMO_USAGE); return 0; }
  const ports = [config.port, config.port + 1, config.port + 2];
  const taken = [];
  for (const port of ports) if (!(await isPortFree(port))) taken.push(port);
  if (taken.length) {
    const message = `port ${taken.join(', ')} already in use on 127.0.0.1 (the demo needs ${ports.join(', ')}); try --port ${config.port + 10}`;
    console.error(`error (${new DemoError('DEMO_ERR_PORT_IN_USE', message).code}): ${message}`);
    return 1;
  }
  let demo: Demo | undefined;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    const code = signal === 'SIGINT' ? 130 : 143;
    // A second signal (or the cluster's own handler re-raising it once its processes are gone) ends us now.
    if (stopping) { demo?.killNow(); process.exit(code); }
    stopping = true;
    console.log('\nstopping the demo… (Ctrl-C again to quit at once)');
    // A clean stop exits 0 (pnpm would otherwise report "Command failed" for a Ctrl-C).
    void (demo?.close() ?? Promise.resolve()).then(() => { console.log('stopped; nothing left running'); process.exit(0); });
  };
  for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, onSignal);
  process.on('exit', () => demo?.killNow());
  console.log(`starting: ${config.nodes} stateful + ${config.nodes} stateless nodes, Redis${config.redisUrl ? ` at ${config.redisUrl}` : ''}…`);
  try {
    demo = await startDemo({
      port: config.port, statefulPort: config.port + 1, statelessPort: config.port + 2, nodes: config.nodes, traffic: config.traffic,
      ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    console.error(`error: the demo could not start${code ? ` (${code})` : ''}: ${(err as Error).message.split('\n')[0]}`);
    return 1;
  }
  if (stopping) { await demo.close(); return 130; }
  printUrls(demo, config);
  return undefined;
}

function printUrls(demo: Demo, config: DemoConfig): void {
  console.log(`
  dashboard        ${demo.dashboardUrl}
  stateful shop    ${demo.statefulUrl}   (sticky balancer, carts in each node's memory)
  stateless shop   ${demo.statelessUrl}   (round-robin balancer, carts in Redis ${demo.redisUrl ?? ''})
  background traffic ${config.traffic ? 'on' : 'off (switch it on in the dashboard)'}

  Ctrl-C stops everything.`);
}

const code = await main();
if (typeof code === 'number') process.exitCode = code;
