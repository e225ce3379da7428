// What the run ran on: recorded with every results.json so that figures are read against their machine.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, platform, totalmem } from 'node:os';
import type { Results } from '../results-schema.ts';

/** Where `pnpm bench experiment` leaves the generator's measured capacity. */
export const GENERATOR_CAPACITY_FILE = 'reports/generator-capacity.json';

export function describeEnvironment(root: string): Results['environment'] {
  const cpuList = cpus();
  return {
    node: process.version, platform: platform(), cpus: cpuList.length, cpuModel: cpuList[0]?.model.trim(),
    totalMemMb: Math.round(totalmem() / 1024 / 1024), gitSha: gitSha(root),
    generatorCapacityRps: generatorCapacity(root),
  };
}

function gitSha(root: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
    }).trim() || null;
  } catch {
    return null;
  }
}

/** The capacity measured by the generator benchmark, if it was run on this machine; null otherwise. */
function generatorCapacity(root: string): number | null {
  try {
    const parsed = JSON.parse(readFileSync(`${root}/${GENERATOR_CAPACITY_FILE}`, 'utf8')) as { rps?: unknown };
    return typeof parsed.rps === 'number' && parsed.rps > 0 ? parsed.rps : null;
  } catch {
    return null;
  }
}
