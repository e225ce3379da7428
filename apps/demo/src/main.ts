// `pnpm demo`: parses the flags, checks the three ports, starts the demo, prints the URLs, and on Ctrl-C or
// SIGTERM stops everything and exits 0. A bad flag or a port we cannot have is one line on stderr and exit 1,
// with nothing started.
import { wantsHelp } from '@stateshift/cli';
import { DEMO_USAGE, loadDemoConfig, type DemoConfig } from './config/demo-config.ts';
import { startDemo, type Demo } from './demo.ts';
import type { DemoError } from './errors.ts';
import { checkPorts } from './port-check.ts';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
/** Signals this close to the first are the same Ctrl-C relayed by pnpm and tsx, not a second one. */
const SAME_KEYPRESS_MS = 1_000;

async function main(): Promise<number | undefined> {
  // --help wins over any other flag, good or bad.
  if (wantsHelp(process.argv.slice(2))) { console.log(DEMO_USAGE); return 0; }
  let config: DemoConfig;
  try {
    config = loadDemoConfig(process.argv.slice(2), process.env);
  } catch (err) {
    console.error(
      `error (${(err as DemoError).code ?? 'DEMO_ERR_FLAGS'}): ${(err as Error).message} (see pnpm demo --help)`,
    );
    return 1;
  }
  if (config.help) { console.log(DEMO_USAGE); return 0; }
  const refused = await checkPorts(config.port);
  if (refused) { console.error(`error (${refused.code}): ${refused.message}`); return 1; }
  let demo: Demo | undefined;
  let stopping: Promise<void> | undefined;
  let firstSignalAt = 0;
  const stop = (): Promise<void> => (stopping ??= (async () => {
    console.log('\nstopping the demo… (Ctrl-C again to quit at once)');
    await demo?.close();
    console.log('stopped; nothing left running');
  })());
  const onSignal = (): void => {
    // A second Ctrl-C quits at once; the 'exit' hooks (ours and the cluster's) still SIGKILL what is left. One
    // keypress can arrive twice (the terminal's own, then relayed by pnpm and tsx): only a later one counts.
    if (stopping && demo && Date.now() - firstSignalAt > SAME_KEYPRESS_MS) { demo.killNow(); process.exit(130); }
    if (stopping) return;
    firstSignalAt = Date.now();
    // Ctrl-C reaches pnpm, tsx and us at once (one process group): a clean stop must exit 0, or pnpm reports
    // ELIFECYCLE. So the exit code is ours to give, after everything has stopped.
    void stop().then(() => process.exit(0));
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on('exit', () => demo?.killNow());
  const names = config.columns.join(' + ');
  const redisAt = config.redisUrl ? ` at ${config.redisUrl}` : '';
  const withEngine = config.engine ? `, engine ${config.engine}` : '';
  console.log(`starting: ${config.nodes} nodes per column (${names}), Redis${redisAt}${withEngine}…`);
  try {
    demo = await startDemo({
      port: config.port, statefulPort: config.port + 1, statelessPort: config.port + 2, nodes: config.nodes,
      traffic: config.traffic, columns: config.columns,
      ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}), ...(config.engine ? { engine: config.engine } : {}),
    });
  } catch (err) {
    // Ctrl-C while starting: the cluster's reaper has closed what had started; that is a clean stop, not a failure.
    if (stopping) { await stop(); return 0; }
    const code = (err as { code?: string }).code;
    console.error(
      `error: the demo could not start${code ? ` (${code})` : ''}: ${(err as Error).message.split('\n')[0]}`,
    );
    return 1;
  }
  keepSignalsOurs(onSignal);
  if (stopping) { await stop(); return 0; }
  printUrls(demo, config);
  return undefined;
}

/** The cluster's reaper also listens for SIGINT/SIGTERM: it closes its children and re-raises the signal, so the
 *  process would die by signal (exit 130, pnpm's ELIFECYCLE) before our close() is done. Our stop closes the
 *  same clusters; the reaper's 'exit' hook stays as the last resort. */
function keepSignalsOurs(ours: (signal: NodeJS.Signals) => void): void {
  for (const s of SIGNALS) for (const listener of process.listeners(s)) if (listener !== ours) process.off(s, listener);
}

function printUrls(demo: Demo, config: DemoConfig): void {
  const [left, right] = config.columns;
  console.log(`
  dashboard        ${demo.dashboardUrl}
  ${left.padEnd(16)} ${demo.statefulUrl}
  ${right.padEnd(16)} ${demo.statelessUrl}${demo.redisUrl ? `   (Redis ${demo.redisUrl})` : ''}
  background traffic ${config.traffic ? 'on' : 'off (switch it on in the dashboard)'}

  Ctrl-C stops everything.`);
}

const code = await main();
if (typeof code === 'number') process.exitCode = code;
