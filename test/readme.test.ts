// README.md tells the truth about commands: every `pnpm ...` it prints names a script, package, experiment,
// benchmark, flag or exercise that exists in the project (read from the project's own files).
import { describe, expect, it } from 'vitest';
import { pnpmCommands } from './readme-commands.ts';
import { exists, read, rootScripts, workspacePackages } from './project-facts.ts';
import { EXPERIMENT_NAMES } from '../load-tests/src/experiments/definitions.ts';

const readme = read('README.md');
const commands = pnpmCommands(readme);
const scripts = rootScripts();
const packages = workspacePackages();
const quoted = (file: string, re: RegExp) => new Set([...read(file).matchAll(re)].map((m) => m[1]!));
// The experiment table itself (some experiments are defined beside it, e.g. redis-ha-definitions.ts).
const experiments = new Set(EXPERIMENT_NAMES);
const experimentFlags = quoted('load-tests/src/experiments/options.ts', /name: '(--[\w-]+)'/g);
const benches = quoted('scripts/bench.ts', /^\s+(\w+): '[^']+\.ts'/gm);
const demoFlags = quoted('apps/demo/src/config/demo-config.ts', /^\s+(--[\w-]+)/gm);

function problems(command: string): string[] {
  const [, first, ...rest] = command.split(/\s+/);
  if (first === 'install' || first === 'i' || first === 'exec') return [];
  if (first === '--filter') {
    const [name, script] = rest;
    const pkg = packages.find((p) => p.name === name);
    if (!pkg) return [`no workspace package named ${name}`];
    return script && pkg.scripts[script] ? [] : [`${name} has no script "${script}"`];
  }
  if (!first || !scripts[first]) return [`no root script "${first}"`];
  const args = rest.filter((a) => !a.startsWith('<'));
  if (first === 'experiment') {
    const out = experiments.has(rest[0] ?? '') || rest[0]?.startsWith('<') ? [] : [`no experiment "${rest[0]}"`];
    return [
      ...out,
      ...args.filter((a) => a.startsWith('--') && !experimentFlags.has(a)).map((a) => `no experiment flag ${a}`),
    ];
  }
  if (first === 'bench') return benches.has(rest[0] ?? '') ? [] : [`no benchmark "${rest[0]}"`];
  if (first === 'demo') {
    return args.filter((a) => a.startsWith('--') && !demoFlags.has(a)).map((a) => `no demo flag ${a}`);
  }
  if (first === 'workshop') {
    if (rest[0] === 'list') return [];
    const folder = packages.find((p) => p.dir.startsWith(`workshop/${rest[1]}-`));
    return rest[0] === 'check' && folder ? [] : [`no workshop exercise "${rest[1]}"`];
  }
  if (first === 'report') {
    const target = rest[0] ?? '';
    if (target === 'compare' || target === 'index' || target.startsWith('<')) return [];
    return target.startsWith('reports') || exists(target) ? [] : [`report target ${target} does not exist`];
  }
  return [];
}

describe('README.md', () => {
  it('readme › prints the quick start and at least one command per experiment', () => {
    expect(commands).toContain('pnpm install');
    expect(commands).toContain('pnpm demo');
    expect(commands).toContain('pnpm test');
    for (const name of experiments) {
      expect(commands.some((c) => c.startsWith(`pnpm experiment ${name} `)), name).toBe(true);
    }
    for (const name of benches) expect(commands, name).toContain(`pnpm bench ${name}`);
  });

  it('readme › every pnpm command names something that exists', () => {
    expect(commands.length).toBeGreaterThan(20);
    const bad = commands.flatMap((c) => problems(c).map((p) => `${c}: ${p}`));
    expect(bad).toEqual([]);
  });

  it('readme › every relative link points at a file of the repository', () => {
    const links = [...readme.matchAll(/\]\(((?!https?:)[^)#]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(exists(link), link).toBe(true);
  });

  it('readme › the command extractor finds commands in fences and inline code, without comments or variables', () => {
    const md = 'Run `pnpm demo --port 9000`.\n```sh\nPORT=1 A=b pnpm --filter x start   # note\n'
      + 'pnpm install && pnpm test\n```\n';
    expect(pnpmCommands(md)).toEqual(['pnpm demo --port 9000', 'pnpm --filter x start', 'pnpm install', 'pnpm test']);
  });
});
