// The experiments as data (house style 7): what each one does to the cluster and when, which runs each
// variant gets, and what it shows. run-experiment.ts interprets this table; nothing here does I/O.
import { REDIS_HA_EXPERIMENTS, type RedisHaFaultOp, type RedisHaRunSpec } from './redis-ha-definitions.ts';

type FaultOp = 'kill' | 'freeze' | 'thaw' | 'drain' | 'stop-when-idle' | 'add' | 'redis-stop' | 'redis-start'
  | 'balancer-restart' | RedisHaFaultOp;

export interface FaultStep {
  /** `fault`: at --fault-at; `fault+length`: --fault-length seconds later (the experiment's default otherwise). */
  at: 'fault' | 'fault+length';
  op: FaultOp;
  /** add: how many nodes, started in parallel (default 1). */
  count?: number;
}

export interface RunSpec extends RedisHaRunSpec {
  /** Appended to the variant's name in the report, e.g. "session cart". */
  label?: string;
  cartStore?: 'memory' | 'redis' | 'session';
  appendonly?: boolean;
  /** The balancer's --affinity for this run (sticky runs of restart-balancer and two-balancers). */
  affinity?: 'signed' | 'table';
  /** Replicated variant: REPLICATION for every node. */
  replication?: 'sync' | 'async';
}

export interface ExperimentDefinition {
  name: string;
  fault: string;
  shows: string;
  /** shoppers: autocannon shoppers on a journey; race: bursts of concurrent adds by one shopper. */
  mode: 'shoppers' | 'race';
  steps: readonly FaultStep[];
  faultLengthSec: number;
  /** Nodes to start with when --nodes is not given (default: --nodes' default, 3). */
  startNodes?: number;
  runs: { stateful: readonly RunSpec[]; stateless: readonly RunSpec[]; replicated?: readonly RunSpec[] };
  /** 2: a second balancer in front of the same nodes, and every shopper sends its requests to the two in turn. */
  balancers?: 1 | 2;
}

const ONE_RUN = { stateful: [{}], stateless: [{}] } as const;
/** Stateful once per affinity mode; stateless (round-robin, no affinity) is the control. */
const EACH_AFFINITY = {
  stateful: [{ label: 'table affinity', affinity: 'table' }, { label: 'signed affinity', affinity: 'signed' }],
  stateless: [{}],
} as const;

export const EXPERIMENTS: readonly ExperimentDefinition[] = Object.freeze([
  { name: 'baseline', fault: 'none', mode: 'shoppers', steps: [], faultLengthSec: 0, runs: ONE_RUN,
    shows: 'throughput and latency of each variant; must end with 0 carts lost' },
  { name: 'kill-node', fault: 'SIGKILL one node at --fault-at', mode: 'shoppers', faultLengthSec: 0, runs: ONE_RUN,
    steps: [{ at: 'fault', op: 'kill' }],
    shows: 'stateful loses the carts pinned to the killed node; stateless loses none' },
  { name: 'freeze-node', fault: 'SIGSTOP one node for --fault-length (10 s), then SIGCONT',
    mode: 'shoppers', faultLengthSec: 10, runs: ONE_RUN,
    steps: [{ at: 'fault', op: 'freeze' }, { at: 'fault+length', op: 'thaw' }],
    shows: 'detection by timeout; zombie writes applied after the thaw' },
  { name: 'drain-node', fault: 'drain one node, stop it (SIGTERM) once idle or after --fault-length (10 s)',
    mode: 'shoppers', faultLengthSec: 10, runs: ONE_RUN,
    steps: [{ at: 'fault', op: 'drain' }, { at: 'fault', op: 'stop-when-idle' }],
    shows: 'what a graceful scale-in costs each variant' },
  { name: 'scale-out', fault: 'start with 2 nodes, add 2 at --fault-at',
    mode: 'shoppers', faultLengthSec: 0, startNodes: 2, runs: ONE_RUN,
    steps: [{ at: 'fault', op: 'add', count: 2 }],
    shows: 'sticky sessions stay put (skew) while round-robin spreads at once; share per node over time' },
  { name: 'redis-outage', fault: 'stop Redis for --fault-length (5 s), start it again',
    mode: 'shoppers', faultLengthSec: 5,
    steps: [{ at: 'fault', op: 'redis-stop' }, { at: 'fault+length', op: 'redis-start' }],
    runs: {
      stateful: [{}],
      stateless: [{ label: 'no persistence', appendonly: false }, { label: 'appendonly', appendonly: true }],
    },
    shows: 'stateless now has a single point of failure: errors, recovery time, carts lost per persistence setting ' +
      '(stateful, without Redis, is the control)' },
  { name: 'race', fault: 'none: bursts of concurrent adds by one shopper', mode: 'race', steps: [], faultLengthSec: 0,
    runs: {
      stateful: [{}, { label: 'session cart', cartStore: 'session' }],
      stateless: [{}, { label: 'session cart', cartStore: 'session' }],
    },
    shows: 'lost updates under whole-session saves (CART_STORE=session) vs atomic cart operations' },
  { name: 'restart-balancer', fault: 'SIGKILL the balancer at --fault-at, start it again on the same port and secret ' +
      'after --fault-length (2 s)',
    mode: 'shoppers', faultLengthSec: 2, runs: EACH_AFFINITY, steps: [{ at: 'fault', op: 'balancer-restart' }],
    shows: 'the balancer is stateful too: with table affinity the new balancer re-pins every stateful shopper ' +
      'and their carts are lost; with signed affinity none; stateless none' },
  { name: 'two-balancers', fault: 'none: two balancers in front of the same nodes, each shopper sends its requests ' +
      'to them in turn (DNS round robin)',
    mode: 'shoppers', faultLengthSec: 0, runs: EACH_AFFINITY, steps: [], balancers: 2,
    shows: 'with table affinity each balancer re-pins the other one\'s shoppers and stateful carts fork ' +
      'across nodes; with signed affinity they hold; stateless holds' },
  ...REDIS_HA_EXPERIMENTS,
] satisfies ExperimentDefinition[]);

export const EXPERIMENT_NAMES: readonly string[] = EXPERIMENTS.map((e) => e.name);

export function experimentByName(name: string): ExperimentDefinition | undefined {
  return EXPERIMENTS.find((e) => e.name === name);
}

/** The cart store each app uses when CART_STORE is not set. */
export const DEFAULT_CART_STORE = { stateful: 'memory', stateless: 'redis', replicated: 'memory' } as const;
