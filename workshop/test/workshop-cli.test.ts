// The workshop's command line as a real process: a mistyped command or flag exits 2 naming the closest one,
// --help prints the usage (generated from the flag table) and exits 0.
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('workshop cli', () => {
  it('workshop cli › a mistyped command or flag exits 2 with "did you mean" and the usage', async () => {
    for (const [args, meant] of [[['chek', '01'], 'check'], [['check', '01', '--solutoin'], '--solution']] as const) {
      const run = await runCli([...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.out).toContain(`(did you mean ${meant}?)`);
      expect(run.out).toContain('usage: pnpm workshop check');
    }
  });

  it('workshop cli › --help exits 0 with the usage and every flag', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    const texts = ['usage: pnpm workshop check', '--solution', '--reveal', 'pnpm workshop list'];
    for (const text of texts) expect(run.out).toContain(text);
  });
});
