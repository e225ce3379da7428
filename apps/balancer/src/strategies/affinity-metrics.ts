// The affinity lines of GET /metrics (sticky only), rendered when scraped.
import type { Strategy } from './strategy.ts';

type Help = (name: string, type: string, text: string) => void;

export function renderAffinity(lines: string[], help: Help, strategy: Strategy): void {
  const view = strategy.affinityView?.();
  if (!view) return;
  const mode = `mode="${view.mode}"`;
  help('lb_affinity_invalid_total', 'counter',
    'Affinity cookies ignored and replaced, by reason (malformed, forged, unknown, expired).');
  for (const [reason, n] of Object.entries(view.invalid)) {
    lines.push(`lb_affinity_invalid_total{${mode},reason="${reason}"} ${n}`);
  }
  help('lb_affinity_issued_total', 'counter', 'Affinity cookies issued (new pins, re-pins, signed refreshes).');
  lines.push(`lb_affinity_issued_total{${mode}} ${view.issued}`);
  help('lb_affinity_evictions_total', 'counter',
    'Pins forgotten to stay within --affinity-capacity (table), least recently used first.');
  lines.push(`lb_affinity_evictions_total{${mode}} ${view.evictions}`);
  help('lb_affinity_idle_ended_total', 'counter',
    'Pins ended by --affinity-max-idle (table; signed cookies expire on their own).');
  lines.push(`lb_affinity_idle_ended_total{${mode}} ${view.idleEnded}`);
  if (view.pins === null) return;
  help('lb_affinity_pins', 'gauge', 'Pins held in the table now (table mode).');
  lines.push(`lb_affinity_pins{${mode}} ${view.pins}`);
}
