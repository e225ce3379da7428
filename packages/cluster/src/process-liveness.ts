// Is a process still there? A zombie (state Z in /proc) counts as gone: it no longer runs, only its exit status
// waits for a reaper (PID 1 in a container may never reap). waitGone polls with a bound; it never decides on a
// fixed sleep. Used by every "leaves nothing behind" check.
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

export function processRunning(pid: number): boolean {
  try { process.kill(pid, 0); } catch { return false; }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return false;
  }
}

/** Resolves with the pids still running after boundMs (empty when all went away). */
export async function waitGone(pids: readonly number[], boundMs = 15_000): Promise<number[]> {
  const deadline = Date.now() + boundMs;
  let left = pids.filter(processRunning);
  while (left.length > 0 && Date.now() < deadline) {
    await delay(50);
    left = left.filter(processRunning);
  }
  return left;
}
