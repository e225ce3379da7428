// Is a process still there? A zombie (state Z in /proc) counts as gone: it no longer runs, only its exit
// status waits for a reaper. waitGone polls with a bound; it never sleeps a fixed time to decide.
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

export function running(pid: number): boolean {
  try { process.kill(pid, 0); } catch { return false; }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Resolves with the pids still running after boundMs (empty when all went away). */
export async function waitGone(pids: number[], boundMs = 15_000): Promise<number[]> {
  const deadline = Date.now() + boundMs;
  let left = pids.filter(running);
  while (left.length > 0 && Date.now() < deadline) {
    await delay(50);
    left = left.filter(running);
  }
  return left;
}

export function pidInMessage(message: string): number {
  const m = /\(pid (\d+)\)/.exec(message);
  if (!m?.[1]) throw new Error(`no pid in: ${message.slice(0, 200)}`);
  return Number(m[1]);
}
