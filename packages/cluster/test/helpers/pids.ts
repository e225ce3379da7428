// Pid helpers of the cluster tests; liveness itself is the package's own (src/process-liveness.ts).
export { processRunning as running, waitGone } from '../../src/process-liveness.ts';

export function pidInMessage(message: string): number {
  const m = /\(pid (\d+)\)/.exec(message);
  if (!m?.[1]) throw new Error(`no pid in: ${message.slice(0, 200)}`);
  return Number(m[1]);
}
