// Shows a run while it happens: a bar per phase (one variant's load), faults announced on their own line.
// On a TTY the bar redraws in place; otherwise plain lines, one every 5 s, so logs stay readable.

interface ProgressStats { requests: number; ok: number; errors: number }

export interface Progress {
  phase(name: string, totalSec: number): void;
  tick(elapsedMs: number, stats: ProgressStats): void;
  announce(text: string): void;
  line(text: string): void;
  endPhase(): void;
}

export interface ProgressStream { isTTY?: boolean; write(text: string): unknown }

export function createProgress(stream: ProgressStream, quiet = false): Progress {
  if (quiet) return { phase() {}, tick() {}, announce() {}, line() {}, endPhase() {} };
  const tty = stream.isTTY === true;
  let name = '';
  let totalMs = 0;
  let lastPlain = -Infinity;
  let drawn = false;
  const clear = () => { if (tty && drawn) { stream.write('\r\x1b[2K'); drawn = false; } };
  return {
    phase(phaseName, totalSec) {
      name = phaseName;
      totalMs = totalSec * 1000;
      lastPlain = -Infinity;
      stream.write(`\n▶ ${phaseName}\n`);
    },
    tick(elapsedMs, stats) {
      const text = status(name, elapsedMs, totalMs, stats, tty);
      if (tty) { stream.write(`\r\x1b[2K${text}`); drawn = true; return; }
      if (elapsedMs - lastPlain < 5_000) return;
      lastPlain = elapsedMs;
      stream.write(`${text}\n`);
    },
    announce(text) { clear(); stream.write(`  ⚡ ${text}\n`); },
    line(text) { clear(); stream.write(`  ${text}\n`); },
    endPhase() { clear(); },
  };
}

function status(name: string, elapsedMs: number, totalMs: number, stats: ProgressStats, tty: boolean): string {
  const share = totalMs > 0 ? Math.min(1, elapsedMs / totalMs) : 1;
  const width = 30;
  const filled = Math.round(share * width);
  const bar = tty ? `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ` : '';
  // Past --duration the shoppers send nothing new and wait for the answers still in flight.
  const secs = totalMs > 0 && elapsedMs >= totalMs
    ? `${Math.round(totalMs / 1000)} s done, waiting for answers in flight`
    : `${Math.floor(elapsedMs / 1000)}/${Math.round(totalMs / 1000)} s`;
  return `  ${bar}${name} ${secs}  requests ${stats.requests}  ok ${stats.ok}  errors ${stats.errors}`;
}
