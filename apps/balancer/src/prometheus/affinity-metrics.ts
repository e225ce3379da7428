// The lb_affinity_* metrics (sticky only), read from the strategy's affinity view when scraped.
import { Gauge, type Registry } from 'prom-client';
import type { AffinityView } from '../strategies/affinity.ts';
import type { Strategy } from '../strategies/strategy.ts';
import { registerScraped, type Sample } from './register-scraped.ts';

export function registerAffinityMetrics(registry: Registry, strategy: Strategy): void {
  const affinityView = strategy.affinityView?.bind(strategy);
  const first = affinityView?.();
  if (!affinityView || !first) return;
  const mode = first.mode;
  const counter = (name: string, help: string, samples: () => Sample[]) =>
    registerScraped(registry, { name, help, type: 'counter', samples });
  const one = (read: (view: AffinityView) => number) => () => [{ labels: { mode }, value: read(affinityView()) }];
  counter('lb_affinity_invalid_total',
    'Affinity cookies ignored and replaced, by reason (malformed, forged, unknown, expired).',
    () => Object.entries(affinityView().invalid).map(([reason, value]) => ({ labels: { mode, reason }, value })));
  counter('lb_affinity_issued_total', 'Affinity cookies issued (new pins, re-pins, signed refreshes).',
    one((v) => v.issued));
  counter('lb_affinity_evictions_total',
    'Pins forgotten to stay within --affinity-capacity (table), least recently used first.', one((v) => v.evictions));
  counter('lb_affinity_idle_ended_total',
    'Pins ended by --affinity-max-idle (table; signed cookies expire on their own).', one((v) => v.idleEnded));
  if (first.pins === null) return; // signed: the balancer holds no pins
  new Gauge({
    name: 'lb_affinity_pins', help: 'Pins held in the table now (table mode).', labelNames: ['mode'],
    registers: [registry],
    collect() {
      this.set({ mode }, affinityView().pins ?? 0);
    },
  });
}
