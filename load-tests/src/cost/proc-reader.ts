// Reads Linux /proc: a process's CPU time (utime + stime) and resident memory, and the machine's CPU time.
// Every reader returns null when the process (or /proc itself) is gone; nothing here throws.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticks: number | undefined;
let page: number | undefined;

/** Clock ticks per second of /proc's CPU counters (`getconf CLK_TCK`, normally 100). */
export function clockTicksPerSecond(): number {
  ticks ??= getconf('CLK_TCK', 100);
  return ticks;
}

/** Bytes per page of /proc/<pid>/statm (`getconf PAGESIZE`, normally 4096). */
function pageSizeBytes(): number {
  page ??= getconf('PAGESIZE', 4096);
  return page;
}

function getconf(name: string, fallback: number): number {
  try {
    const n = Number(execFileSync('getconf', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return Number.isInteger(n) && n > 0 ? n : fallback;
  } catch {
    return fallback;
  }
}

/** utime + stime of one process, in clock ticks; null when it is gone. */
export function readCpuTicks(pid: number): number | null {
  const text = readOrNull(`/proc/${pid}/stat`);
  if (text === null) return null;
  // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : null;
}

/** Resident set size of one process, bytes; null when it is gone. */
export function readRssBytes(pid: number): number | null {
  const text = readOrNull(`/proc/${pid}/statm`);
  const pages = text === null ? NaN : Number(text.split(' ')[1]);
  return Number.isFinite(pages) ? pages * pageSizeBytes() : null;
}

export interface MachineTicks {
  /** Every CPU's time, idle included. */
  total: number;
  /** Time not idle and not waiting for I/O. */
  busy: number;
}

/** The first line of /proc/stat (all CPUs summed); null off Linux. */
export function readMachineTicks(): MachineTicks | null {
  const line = readOrNull('/proc/stat')?.split('\n', 1)[0];
  if (!line?.startsWith('cpu ')) return null;
  // user nice system idle iowait irq softirq steal (guest time is already inside user and nice).
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] =
    line.trim().split(/\s+/).slice(1, 9).map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { total: busy + idle + iowait, busy };
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
