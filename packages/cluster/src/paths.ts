// Where the entries of the processes we start live, found from this file so that any cwd works.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Variant } from '@stateshift/shop';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function shopEntry(variant: Variant): string {
  return join(REPO_ROOT, 'apps', `shop-${variant}`, 'src', 'main.ts');
}

export function balancerEntry(): string {
  return join(REPO_ROOT, 'apps', 'balancer', 'src', 'main.ts');
}
