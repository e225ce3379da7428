// The balancer bench's figures: per contender the rounds summed (req/s, CPU per request), the median of the
// rounds' p50 and the worst of their p99; per engine the throughput ratios to HAProxy, overall and per round.
import type { LoadResult } from './load.ts';

export interface Contender {
  readonly label: string;
  readonly engine?: string;
  readonly strategy?: string;
  /** sticky: --affinity signed or table. */
  readonly affinity?: string;
  readonly haproxy?: boolean;
  /** A guarantee-free floor proxy (its layer's least cost), named by that layer. */
  readonly floor?: string;
  /** Unset when the contender could not run (HAProxy not installed). */
  readonly rounds: LoadResult[] | undefined;
}

interface Summary { rps: number; p50: number; p99: number; non2xx: number; errors: number; cpuUsPerReq: number }

export function summarize(rounds: readonly LoadResult[]): Summary {
  const sum = (f: (r: LoadResult) => number) => rounds.reduce((a, r) => a + f(r), 0);
  const requests = Math.max(1, sum((r) => r.requests));
  const p50s = rounds.map((r) => r.p50).sort((a, b) => a - b);
  return {
    rps: requests / sum((r) => r.seconds), p50: p50s[p50s.length >> 1] ?? 0, p99: Math.max(...rounds.map((r) => r.p99)),
    non2xx: sum((r) => r.non2xx), errors: sum((r) => r.errors), cpuUsPerReq: (sum((r) => r.cpuMs) * 1000) / requests,
  };
}

/** ours ÷ HAProxy in req/s: over all rounds, and the lowest and highest single round. */
export function ratio(
  ours: readonly LoadResult[], haproxy: readonly LoadResult[],
): { all: number; min: number; max: number } {
  const per = ours.map((r, i) => r.requests / Math.max(1, haproxy[i]?.requests ?? 0));
  const total = (rs: readonly LoadResult[]) => rs.reduce((a, r) => a + r.requests, 0);
  return { all: total(ours) / Math.max(1, total(haproxy)), min: Math.min(...per), max: Math.max(...per) };
}

export function printSuite(title: string, contenders: readonly Contender[], engines: readonly string[]): void {
  console.log(`\n## ${title}\n`);
  console.log('| run | req/s | p50 ms (median round) | p99 ms (worst round) | non-2xx | errors | ' +
    'CPU µs/req (server process) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const c of contenders) {
    if (!c.rounds) {
      console.log(`| ${c.label} | - | - | - | - | - | - |`);
      continue;
    }
    const s = summarize(c.rounds);
    console.log(`| ${c.label} | ${s.rps.toFixed(0)} | ${s.p50} | ${s.p99} | ${s.non2xx} | ${s.errors} | ` +
      `${s.cpuUsPerReq.toFixed(0)} |`);
  }
  const haproxy = contenders.find((c) => c.haproxy)?.rounds;
  console.log('');
  for (const engine of engines) {
    const parts = ['round-robin', 'sticky'].map((strategy) => {
      const ours = contenders.find(
        (c) => c.engine === engine && c.strategy === strategy && (c.affinity ?? 'signed') === 'signed',
      )?.rounds;
      if (!ours) return undefined;
      if (!haproxy) return `${strategy} n/a (no HAProxy)`;
      const r = ratio(ours, haproxy);
      const cpu = summarize(haproxy).cpuUsPerReq / summarize(ours).cpuUsPerReq;
      return `${strategy} ${r.all.toFixed(2)} (rounds ${r.min.toFixed(2)}–${r.max.toFixed(2)}; ` +
        `CPU/req HAProxy÷ours ${cpu.toFixed(2)})`;
    }).filter(Boolean);
    if (parts.length) console.log(`[${engine}] throughput ÷ HAProxy (goal ≥ 0.80): ${parts.join(' · ')}`);
    const affinity = affinityLine(contenders, engine);
    if (affinity) console.log(affinity);
  }
  const floors = contenders.filter((c) => c.floor && c.rounds && haproxy).map((c) => {
    const r = ratio(c.rounds as LoadResult[], haproxy as LoadResult[]);
    return `${c.floor} ${r.all.toFixed(2)} (rounds ${r.min.toFixed(2)}–${r.max.toFixed(2)})`;
  });
  if (floors.length) console.log(`[floors, no guarantees] throughput ÷ HAProxy: ${floors.join(' · ')}`);
}

/** sticky --affinity signed ÷ table in the same rounds (the cost of sealing and opening; goal ≥ 0.95). */
function affinityLine(contenders: readonly Contender[], engine: string): string | undefined {
  const of = (mode: string) =>
    contenders.find((c) => c.engine === engine && c.strategy === 'sticky' && c.affinity === mode)?.rounds;
  const [signed, table] = [of('signed'), of('table')];
  if (!signed || !table) return undefined;
  const r = ratio(signed, table);
  const [cs, ct] = [summarize(signed).cpuUsPerReq, summarize(table).cpuUsPerReq];
  return `[${engine}] sticky signed ÷ table throughput (goal ≥ 0.95): ${r.all.toFixed(3)} ` +
    `(rounds ${r.min.toFixed(2)}–${r.max.toFixed(2)}); ` +
    `CPU µs/req signed ${cs.toFixed(1)}, table ${ct.toFixed(1)}`;
}
