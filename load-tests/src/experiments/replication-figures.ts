// The replicated runs' own figures: a sampler reads every running node's /healthz once a second (a killed node's
// last sample stays), and replicationFigures() turns the samples and the shoppers' records into the results.json
// block. Nothing here guesses: a figure without a sample is null.
import type { Cluster } from '@stateshift/cluster';
import type { JoinFigure, ReplicationFigures } from '../replication-schema.ts';
import type { VariantResult } from '../results-schema.ts';
import type { LoadOutcome } from './summarise-variant.ts';

interface NodeHealth {
  replication?: {
    bytesSent?: number; messagesSent?: number;
    lag?: { oldestMs?: number; intervalMs?: number };
    join?: { from?: string | null; ms?: number; records?: number; bytes?: number };
  };
}

export interface ReplicationSamples {
  last: Map<string, NodeHealth>;
  maxLagMs: number | null;
  intervalMs: number | null;
}

export function sampleReplication(cluster: Cluster, everyMs = 1000): { stop(): Promise<ReplicationSamples> } {
  const samples: ReplicationSamples = { last: new Map(), maxLagMs: null, intervalMs: null };
  const sample = async () => {
    await Promise.all(cluster.nodes().filter((n) => n.state === 'running' || n.state === 'draining').map(async (n) => {
      const health = await fetch(`${n.url}/healthz`, { signal: AbortSignal.timeout(800) })
        .then((r) => r.json() as Promise<NodeHealth>, () => undefined);
      if (!health?.replication) return;
      samples.last.set(n.id, health);
      const lag = health.replication.lag;
      if (typeof lag?.oldestMs === 'number') samples.maxLagMs = Math.max(samples.maxLagMs ?? 0, lag.oldestMs);
      if (typeof lag?.intervalMs === 'number') samples.intervalMs = lag.intervalMs;
    }));
  };
  let running = sample();
  const timer = setInterval(() => { running = running.then(sample); }, everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
      await sample();
      return samples;
    },
  };
}

export interface FiguresInput {
  mode: 'sync' | 'async';
  samples: ReplicationSamples;
  outcome: LoadOutcome;
  result: VariantResult;
  initialNodes: readonly string[];
}

export function replicationFigures(i: FiguresInput): ReplicationFigures {
  let bytesSent = 0, messagesSent = 0;
  for (const h of i.samples.last.values()) {
    bytesSent += h.replication?.bytesSent ?? 0;
    messagesSent += h.replication?.messagesSent ?? 0;
  }
  const requests = i.result.totals.requests;
  const codes = (code: string) => i.outcome.records.filter((r) => r.code === code).length;
  return {
    mode: i.mode, bytesSent, messagesSent,
    bytesPerRequest: requests > 0 && i.samples.last.size > 0 ? Math.round(bytesSent / requests) : null,
    intervalMs: i.mode === 'async' ? i.samples.intervalMs : null,
    maxLagMs: i.mode === 'async' ? i.samples.maxLagMs : null,
    joins: joins(i),
    conflicts: codes('SHOP_ERR_REPLICATION_CONFLICT'),
    indeterminate: codes('SHOP_ERR_REPLICATION_INDETERMINATE'),
    killWindow: i.mode === 'async' ? killWindow(i) : null,
  };
}

function joins(i: FiguresInput): JoinFigure[] {
  const out: JoinFigure[] = [];
  for (const [node, h] of i.samples.last) {
    const j = h.replication?.join;
    if (i.initialNodes.includes(node) || !j?.from) continue;
    const first = i.result.timeline.find((b) => (b.byNode[node] ?? 0) > 0);
    out.push({
      node, from: j.from, ms: j.ms ?? 0, records: j.records ?? 0, bytes: j.bytes ?? 0,
      firstServedMs: first ? first.t * 1000 : null,
    });
  }
  return out;
}

/** Adds the killed node acknowledged, sent within the window before the kill: what async may lose. */
function killWindow(i: FiguresInput): ReplicationFigures['killWindow'] {
  const kill = i.outcome.ops.find((op) => op.type === 'kill');
  if (!kill || i.samples.intervalMs === null) return null;
  const windowMs = Math.max(i.samples.intervalMs, i.samples.maxLagMs ?? 0);
  let ackedInWindow = 0;
  for (const { history } of i.outcome.shoppers) {
    for (const w of history.writes) {
      if (w.outcome !== 'acked' || w.node !== kill.node || w.op.kind !== 'add') continue;
      if (w.sentAt >= kill.t - windowMs && w.sentAt <= kill.t) ackedInWindow += w.op.quantity;
    }
  }
  const itemsLost = i.result.integrity.itemsLost;
  return { windowMs, ackedInWindow, itemsLost, withinBound: itemsLost <= ackedInWindow };
}
