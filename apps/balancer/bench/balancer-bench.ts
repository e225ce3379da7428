// `pnpm bench balancer`: the same autocannon load (fixed connections and duration) against (a) one node direct,
// (b) our balancer round-robin, (c) ours sticky, for each engine, (d) HAProxy round-robin and, with --floors, the
// two guarantee-free floor proxies (node:http, raw sockets); prints req/s, p50/p99 and the ratios b/d and c/d.
// Every contender runs once per round, in fresh processes, rounds in rotating order, so a machine whose speed drifts
// during the run, and the slot a process holds, bill them all alike. Over two minimal node:http servers, then two
// real stateful shop nodes. A script, not a test; it stops every process it started, also on Ctrl-C.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  HELP_OPTION, defineOptions, intIn, listOf, readFlagsOrExit, textWhere,
} from '@stateshift/cli';
import { AFFINITY_VALUES, ENGINE_VALUES, STRATEGY_VALUES } from '../src/config/values.ts';
import { call, cookieFrom } from '../test/helpers/balancer.ts';
import { printSuite, type Contender } from './bench-table.ts';
import { measure, type LoadResult, type Target } from './load.ts';
import { forkReady, haproxyBinary, startHaproxy, waitUp, type Proc } from './processes.ts';

const FLAGS = defineOptions([
  { name: '--connections', type: 'string', schema: intIn(1, 10_000), default: 50, placeholder: 'n',
    description: 'autocannon connections' },
  { name: '--duration', type: 'string', schema: intIn(1, 3600), default: 8, placeholder: 's',
    description: 'seconds per contender per round' },
  { name: '--rounds', type: 'string', schema: intIn(1, 100), default: 4, placeholder: 'n',
    description: 'rounds, in rotating order' },
  { name: '--backends', type: 'string', schema: listOf(['minimal', 'shop']), default: ['minimal', 'shop'],
    placeholder: 'list', description: 'which nodes behind the contenders' },
  { name: '--path', type: 'string', schema: textWhere('a path like /healthz', (p) => p.startsWith('/')),
    default: undefined, placeholder: 'path',
    description: 'the path requested (default: / on minimal nodes, /healthz on shop nodes)' },
  { name: '--engines', type: 'string', schema: listOf(ENGINE_VALUES), default: [...ENGINE_VALUES], placeholder: 'list',
    description: "our balancer's engines" },
  { name: '--strategies', type: 'string', schema: listOf(STRATEGY_VALUES), default: ['round-robin', 'sticky'],
    placeholder: 'list', description: "our balancer's strategies" },
  // Sticky runs once per affinity mode: the cost of sealing (signed) against the table, measured in the same rounds.
  { name: '--affinities', type: 'string', schema: listOf(AFFINITY_VALUES), default: [...AFFINITY_VALUES],
    placeholder: 'list', description: 'the affinity modes of the sticky runs' },
  { name: '--no-haproxy', type: 'boolean', description: 'skip HAProxy even when installed' },
  { name: '--floors', type: 'boolean',
    description: 'also the two guarantee-free floor proxies (node:http, raw sockets)' },
  { name: '--cpu-prof', type: 'string', schema: textWhere('a directory'), default: undefined, placeholder: 'dir',
    description: 'each balancer writes a V8 CPU profile there when it stops' },
  { name: '--main', type: 'string', schema: textWhere('a path to a main.ts', (p) => existsSync(p)), default: undefined,
    placeholder: 'file', description: "another build's src/main.ts to run as our balancer (an earlier commit's, say)" },
  HELP_OPTION,
]);
const values = readFlagsOrExit(process.argv.slice(2), FLAGS, 'pnpm bench balancer [flags]');
const { connections, duration, rounds, engines, strategies, affinities } = values;
const BENCH_SECRET = 'balancer-bench-affinity-secret';
// --cpu-prof DIR: each balancer process writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
const lbExecArgv = values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', values['cpu-prof']] : [];
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const LB = values.main ? resolve(values.main) : here('../src/main.ts');
const SHOP = here('../../shop-stateful/src/main.ts');
const started = new Set<Proc>();

async function track(proc: Promise<Proc>): Promise<Proc> {
  const p = await proc;
  started.add(p);
  return p;
}

/** Stops every process started but `keep` (the nodes, between rounds). */
async function stopAll(keep: readonly Proc[] = []): Promise<void> {
  const stopping = [...started].filter((p) => !keep.includes(p));
  await Promise.all(stopping.map((p) => p.stop()));
  for (const p of stopping) started.delete(p);
}

async function backends(kind: string): Promise<Proc[]> {
  if (kind === 'minimal') {
    return Promise.all(['m1', 'm2'].map((id) => track(forkReady(here('./minimal-node.ts'), [id]))));
  }
  return Promise.all(
    ['stateful-1', 'stateful-2'].map((id) => track(forkReady(SHOP, [], { PORT: '0', NODE_ID: id, LOG_LEVEL: 'warn' }))),
  );
}

interface Entry {
  readonly contender: Contender & { rounds: LoadResult[] | undefined };
  /** Starts this round's process (the direct node is already up) and returns where to send the load; unset when
   *  the contender cannot run (HAProxy not installed). */
  readonly start: (() => Promise<Target>) | undefined;
  /** Sticky: new cookies before each run. A browser stores the cookie a signed balancer re-seals once a minute;
   *  autocannon's fixed headers cannot, and a cookie over a minute old would be re-sealed on every request. */
  readonly sticky?: boolean;
}

function contenders(nodes: Proc[]): Entry[] {
  const upstreams = nodes.flatMap((n, i) => ['--upstream', `n${i + 1}=http://127.0.0.1:${n.port}`]);
  const base = ['--port', '0', '--admin-port', '0', '--log-level', 'warn', ...upstreams];
  const direct = nodes[0] as Proc;
  const list: Entry[] = [{ contender: { label: 'a direct (one node)', rounds: [] }, start: async () => direct }];
  for (const engine of engines) {
    for (const strategy of strategies) {
      for (const affinity of strategy === 'sticky' ? affinities : [undefined]) {
        const extra = affinity ? ['--affinity', affinity, '--affinity-secret', BENCH_SECRET] : [];
        const label = `${strategy === 'sticky' ? `c ours sticky ${affinity ?? ''}` : `b ours ${strategy}`} [${engine}]`;
        list.push({
          contender: { label, engine, strategy, ...(affinity ? { affinity } : {}), rounds: [] },
          start: async () => {
            const lb = await track(
              forkReady(LB, [...base, '--strategy', strategy, '--engine', engine, ...extra], {}, lbExecArgv),
            );
            await waitUp(lb.adminPort as number, nodes.length);
            return lb;
          },
          sticky: strategy === 'sticky',
        });
      }
    }
  }
  // --floors: the two guarantee-free proxies, to show how close each engine comes to what its layer costs at least.
  for (const [floor, file] of values.floors ? [['node:http', 'floor-proxy.ts'], ['raw sockets', 'floor-raw.ts']] : []) {
    list.push({
      contender: { label: `f floor ${floor} (no guarantees)`, floor, rounds: [] },
      start: () => track(forkReady(here(`./${file}`), base)),
    });
  }
  const binary = values['no-haproxy'] ? undefined : haproxyBinary();
  list.push({
    contender: {
      label: binary ? 'd haproxy round-robin' : 'd haproxy (not installed)', haproxy: true,
      rounds: binary ? [] : undefined,
    },
    start: binary ? () => track(startHaproxy(binary, nodes.map((n) => n.port))) : undefined,
  });
  return list;
}

async function runSuite(kind: string, path: string): Promise<void> {
  const nodes = await backends(kind);
  const list = contenders(nodes);
  const runnable = list.filter((e) => e.start);
  const seconds = Math.max(1, Math.round(duration / rounds));
  for (let round = 0; round < rounds; round++) {
    process.stderr.write(`  ${kind}: round ${round + 1} of ${rounds} (${runnable.length} runs of ${seconds} s)` +
      `${process.stderr.isTTY ? '\r' : '\n'}`);
    // Fresh processes each round, and slot s (the order of start, warm-up and runs) holds contender
    // (s + round) % n: with the same code in every slot, the two warmed up last read 10-15 % dearer per request
    // (bench/ab-bench.ts), so no contender keeps one slot.
    const order = runnable.map((_, s) => runnable[(s + round) % runnable.length] as Entry);
    const targets: Target[] = [];
    for (const e of order) targets.push(await (e.start as () => Promise<Target>)());
    // Warm-up (not measured): the JIT of a fresh Node process would otherwise be billed to the first seconds.
    // Sticky clients warm up as they run, with cookies (without, every request would be a new session).
    for (const [s, e] of order.entries()) {
      const target = targets[s] as Target;
      const cookies = e.sticky ? await stickyCookies(target.port, path, connections) : undefined;
      await measure({ ...target, cookies }, path, connections, 2);
    }
    for (const [s, e] of order.entries()) {
      const target = targets[s] as Target;
      const cookies = e.sticky ? await stickyCookies(target.port, path, connections) : undefined;
      e.contender.rounds?.push(await measure({ ...target, cookies }, path, connections, seconds));
    }
    await stopAll(nodes);
  }
  await stopAll();
  const title = `backends: ${kind} (GET ${path}, ${connections} connections, ` +
    `${rounds} rounds of ${seconds} s each per run)`;
  printSuite(title, list.map((e) => e.contender), engines);
}

/** One affinity cookie per connection, as real browsers would hold, spread over the nodes. */
async function stickyCookies(port: number, path: string, n: number): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < n; i++) {
    const pair = cookieFrom(await call(port, { path }));
    if (pair) cookies.push(pair);
  }
  return cookies;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void stopAll().finally(() => process.exit(130)));
}
try {
  for (const kind of values.backends) {
    if (kind === 'shop' && !existsSync(SHOP)) {
      console.log('\n(shop nodes skipped: apps/shop-stateful/src/main.ts is missing)');
      continue;
    }
    await runSuite(kind, values.path ?? (kind === 'shop' ? '/healthz' : '/'));
  }
} finally {
  await stopAll();
}
