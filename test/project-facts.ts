// Facts about the project read from its own files (config sources, package.json files), so that the compose and
// README tests check against what the apps really read, never against a hand-written list.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
export const exists = (path: string): boolean => existsSync(join(ROOT, path));

/** Environment variables a config file reads: `env.NAME`, `env['NAME']`, `env, 'NAME'` and `env: 'NAME'`
 *  (flag tables). */
export function envVarsReadBy(...files: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    for (const m of read(file).matchAll(
      /env(?:\.([A-Z][A-Z0-9_]+)|\[['"]([A-Z][A-Z0-9_]+)['"]\]|,\s*'([A-Z][A-Z0-9_]+)'|:\s*'([A-Z][A-Z0-9_]+)')/g,
    )) {
      names.add((m[1] ?? m[2] ?? m[3] ?? m[4])!);
    }
  }
  return names;
}

/** `default` values of the balancer's flag table, by variable name (e.g. LB_ADMIN_PORT → 9081). */
export function balancerFlagDefaults(): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of read('apps/balancer/src/config/flags.ts').matchAll(/env: '(LB_\w+)'.*?default: ([^,}]+)/g)) {
    out.set(m[1]!, m[2]!.trim());
  }
  return out;
}

/** Quoted values of one exported `as const` array, e.g. STRATEGY_VALUES in the balancer. */
export function constValues(file: string, name: string): string[] {
  const m = read(file).match(new RegExp(`${name}\\s*=\\s*\\[([^\\]]*)\\]`));
  return m ? [...m[1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]!) : [];
}

export interface WorkspacePackage { name: string; dir: string; scripts: Record<string, string> }

export function workspacePackages(): WorkspacePackage[] {
  const dirs = ['apps', 'packages', 'workshop'].flatMap((top) => readdirSync(join(ROOT, top), { withFileTypes: true })
    .filter((d) => d.isDirectory()).map((d) => `${top}/${d.name}`));
  return [...dirs, 'load-tests'].filter((d) => exists(`${d}/package.json`)).map((dir) => {
    const pkg = JSON.parse(read(`${dir}/package.json`)) as { name: string; scripts?: Record<string, string> };
    return { name: pkg.name, dir, scripts: pkg.scripts ?? {} };
  });
}

export function rootScripts(): Record<string, string> {
  return (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
}
