// Is a process still running? A zombie (state Z) counts as gone: it no longer runs, only its exit status waits
// for a reaper (PID 1 in a container may never reap). waitGone polls with a bound, to let reparented children
// finish; it never decides on a fixed sleep.
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

export function running(pid: number): boolean {
  try { process.kill(pid, 0); } catch { return false; }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return false;
  }
}

export async function waitGone(pids: readonly number[], boundMs = 15_000): Promise<number[]> {
  const deadline = Date.now() + boundMs;
  let left = pids.filter(running);
  while (left.length > 0 && Date.now() < deadline) {
    await delay(50);
    left = left.filter(running);
  }
  return left;
}

/** Running (non-zombie) processes whose process group is `pgid`, from /proc. */
export function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(group) === pgid && state !== 'Z') members.push(Number(entry));
    } catch {
      /* it ended while we looked */
    }
  }
  return members;
}
