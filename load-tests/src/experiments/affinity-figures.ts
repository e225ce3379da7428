// Affinity figures of a sticky run (restart-balancer, two-balancers): the balancers are asked, through their
// admin API, right after the load and before the carts are read back, what their affinity saw. A balancer that
// cannot be asked makes the figures unmeasured (a warning), never zeros.
import type { Results, VariantResult } from '../results-schema.ts';

type Affinity = NonNullable<VariantResult['affinity']>;

interface NodesView { affinity?: { mode: 'signed' | 'table'; invalid: Record<string, number> } }

export async function readAffinityFigures(
  adminUrls: readonly string[], token: string | undefined, warnings: string[], label: string,
): Promise<Affinity | undefined> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  try {
    const views = await Promise.all(adminUrls.map(async (url) => {
      const [nodes, metrics] = await Promise.all([
        fetch(new URL('/nodes', url), { headers, signal: AbortSignal.timeout(5_000) })
          .then(ok).then((r) => r.json() as Promise<NodesView>),
        fetch(new URL('/metrics', url), { headers, signal: AbortSignal.timeout(5_000) }).then(ok).then((r) => r.text()),
      ]);
      return { affinity: nodes.affinity, stickyMisses: stickyMisses(metrics) };
    }));
    const first = views[0]?.affinity;
    if (!first) return undefined;
    let unknown = 0, replaced = 0, misses = 0;
    for (const v of views) {
      for (const [reason, n] of Object.entries(v.affinity?.invalid ?? {})) {
        replaced += n;
        if (reason === 'unknown') unknown += n;
      }
      misses += v.stickyMisses;
    }
    return {
      mode: first.mode, balancers: adminUrls.length, pinsNotKnown: first.mode === 'table' ? unknown : null,
      cookiesReplaced: replaced, stickyMisses: misses,
    };
  } catch (err) {
    warnings.push(
      `${label}: the balancer's affinity figures could not be read (${(err as Error).message}); they are left out`,
    );
    return undefined;
  }
}

function ok(res: Response): Response {
  if (!res.ok) throw new Error(`${res.url} answered ${res.status}`);
  return res;
}

function stickyMisses(metrics: string): number {
  let sum = 0;
  for (const m of metrics.matchAll(/^lb_sticky_misses_total\{[^}]*\} (\d+)$/gm)) sum += Number(m[1]);
  return sum;
}

/** Rows of the printed summary when a run measured affinity. */
export function affinityRows(results: Results): [string, (v: VariantResult) => string][] {
  if (!results.variants.some((v) => v.affinity)) return [];
  return [
    ['affinity (balancers)', (v) => v.affinity ? `${v.affinity.mode} (${v.affinity.balancers})` : '—'],
    ['pins not known', (v) => v.affinity?.pinsNotKnown === null || !v.affinity ? '—' : String(v.affinity.pinsNotKnown)],
    ['affinity cookies replaced', (v) => v.affinity ? String(v.affinity.cookiesReplaced) : '—'],
  ];
}
