// Process-group helpers of the demo tests; liveness itself comes from @stateshift/cluster.
import { readdirSync, readFileSync } from 'node:fs';

export { processRunning as running, waitGone } from '@stateshift/cluster';

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
