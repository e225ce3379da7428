// The untouched starter of every exercise fails its check (exit 1) and says what is still missing; bad usage exits 2.
import { describe, expect, it } from 'vitest';
import { EXERCISES } from '../kit/src/index.ts';
import { runCli } from './run-cli.ts';

describe('workshop check [starter]', () => {
  for (const e of EXERCISES) {
    it(`workshop ${e.number} [starter] › the check fails and names what is missing`, async () => {
      const run = await runCli(['check', e.number]);
      expect(run.out).toContain('✘');
      expect(run.out).toMatch(/checks pass\. Still missing: .*\nFirst failing step: /);
      expect(run.code).toBe(1);
    }, 100_000);
  }
});

describe('workshop cli', () => {
  it('workshop cli › list names every exercise', async () => {
    const run = await runCli(['list']);
    expect(run.code).toBe(0);
    for (const e of EXERCISES) expect(run.out).toContain(`workshop/${e.slug}`);
  });

  it('workshop cli › an unknown exercise or flag exits 2 with the usage', async () => {
    for (const args of [['check', '99'], ['check', '01', '--nope'], ['frobnicate'], []]) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.out).toContain('usage: pnpm workshop check');
    }
  });

  it('workshop cli › every exercise folder is a workspace package named @stateshift/workshop-NN-slug', async () => {
    const { readFile } = await import('node:fs/promises');
    for (const e of EXERCISES) {
      const json = await readFile(new URL(`../${e.slug}/package.json`, import.meta.url), 'utf8');
      const pkg = JSON.parse(json) as { name: string };
      expect(pkg.name).toBe(`@stateshift/workshop-${e.slug}`);
      await readFile(new URL(`../${e.slug}/README.md`, import.meta.url), 'utf8');
    }
  });
});
