// Plays an experiment's fault steps against a running cluster at their times, recording each operation.
// The steps run in order; a step waits for its time (that is the experiment), never for an effect.
import type { Cluster, ClusterEvent } from '@stateshift/cluster';
import type { FaultStep } from './definitions.ts';
import { describeRedisHaStep, performRedisHaStep } from './redis-ha-faults.ts';

export interface FaultPlanInput {
  cluster: Cluster;
  steps: readonly FaultStep[];
  /** Epoch ms of the load start, of the fault, and the fault length in ms. */
  t0: number;
  faultAtMs: number;
  lengthMs: number;
  victim: string;
  /** Ctrl-C: stop playing steps. */
  signal: AbortSignal;
  /** The load ended: play the remaining steps now (a thaw or a Redis start is never skipped). */
  hurry: AbortSignal;
  onOp: (event: ClusterEvent) => void;
  announce: (text: string) => void;
}

export async function runFaultPlan(input: FaultPlanInput): Promise<void> {
  for (const step of input.steps) {
    const at = input.t0 + input.faultAtMs + (step.at === 'fault+length' ? input.lengthMs : 0);
    await waitUntil(at, AbortSignal.any([input.signal, input.hurry]));
    if (input.signal.aborted) return;
    input.announce(describe(step, input.victim));
    const events = step.op === 'add'
      ? await Promise.all(Array.from({ length: step.count ?? 1 }, () => input.cluster.add()))
      : [await perform(step, input)];
    for (const event of events) if (event) input.onOp(event);
  }
}

async function perform(step: FaultStep, input: FaultPlanInput): Promise<ClusterEvent | undefined> {
  const { cluster, victim } = input;
  switch (step.op) {
    case 'kill': return cluster.kill(victim);
    case 'freeze': return cluster.freeze(victim);
    case 'thaw': return cluster.thaw(victim);
    case 'drain': return cluster.drain(victim);
    case 'stop-when-idle': {
      await waitIdle(input);
      return input.signal.aborted ? undefined : cluster.stop(victim);
    }
    case 'add': return cluster.add();
    case 'redis-stop': return cluster.redisUrl ? cluster.stopRedis() : noRedis('redis-stop');
    case 'redis-start': return cluster.redisUrl ? cluster.startRedis() : noRedis('redis-start');
    case 'balancer-restart': return cluster.restartBalancer(input.lengthMs);
    case 'redis-kill-primary':
    case 'redis-freeze-primary':
    case 'redis-thaw-primary': return performRedisHaStep(step.op, cluster);
  }
}

/** The control run of redis-outage (stateful keeps nothing in Redis): the step is stamped, nothing is stopped. */
function noRedis(type: 'redis-stop' | 'redis-start'): ClusterEvent {
  const now = Date.now();
  return { t: now, doneAt: now, type, detail: 'this variant keeps no state in Redis: nothing to stop or start' };
}

/** Idle: the balancer reports no request in flight to the node and its request counter did not move for a
 *  whole second. Bounded by the fault length (the grace period). */
async function waitIdle(input: FaultPlanInput): Promise<void> {
  const deadline = Date.now() + input.lengthMs;
  let last: { requests: number; at: number } | undefined;
  while (Date.now() < deadline && !input.signal.aborted) {
    const node = (await input.cluster.admin.nodes().catch(() => undefined))?.nodes.find((n) => n.id === input.victim);
    if (!node) return;
    const now = Date.now();
    if (!last || node.requests !== last.requests || node.inFlight > 0) last = { requests: node.requests, at: now };
    else if (now - last.at >= 1_000) return;
    await waitUntil(Math.min(deadline, now + 200), input.signal);
  }
}

function describe(step: FaultStep, victim: string): string {
  const what: Record<FaultStep['op'], string> = {
    kill: `SIGKILL ${victim}`, freeze: `SIGSTOP ${victim}`, thaw: `SIGCONT ${victim}`, drain: `drain ${victim}`,
    'stop-when-idle': `stop ${victim} once idle`, add: 'add node(s)', 'redis-stop': 'stop Redis',
    'redis-start': 'start Redis', 'balancer-restart': 'SIGKILL the balancer, start it again',
    'redis-kill-primary': describeRedisHaStep('redis-kill-primary'),
    'redis-freeze-primary': describeRedisHaStep('redis-freeze-primary'),
    'redis-thaw-primary': describeRedisHaStep('redis-thaw-primary'),
  };
  return what[step.op];
}

export function waitUntil(epochMs: number, signal: AbortSignal): Promise<void> {
  const delay = epochMs - Date.now();
  if (delay <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, delay);
    function done() { clearTimeout(timer); signal.removeEventListener('abort', done); resolve(); }
    signal.addEventListener('abort', done, { once: true });
  });
}
