// pnpm demo --help comes from the flag table: every flag is listed, and every example it prints is accepted.
import { expect, it } from 'vitest';
import { DEMO_FLAGS } from '../src/config/demo-config.ts';
import { DEMO_USAGE, loadDemoConfig } from '../src/index.ts';

it('demo help › lists every flag, and each example it prints parses', () => {
  for (const { name } of DEMO_FLAGS) expect(DEMO_USAGE).toMatch(new RegExp(`^ +(-h, )?${name}\\b`, 'm'));
  const examples = [...DEMO_USAGE.matchAll(/^ {2}pnpm demo (.+?) {2,}/gm)].map((m) => m[1]!.split(' '));
  expect(examples.length).toBeGreaterThan(2);
  for (const argv of examples) expect(() => loadDemoConfig(argv, {}), argv.join(' ')).not.toThrow();
});

it('demo flags › a mistyped flag is refused with the closest one, the CliError as cause', () => {
  expect(() => loadDemoConfig(['--prot', '9000'], {})).toThrow(expect.objectContaining({
    code: 'DEMO_ERR_FLAGS', message: expect.stringContaining('(did you mean --port?)'),
    cause: expect.objectContaining({ code: 'CLI_ERR_FLAG', flag: '--prot' }),
  }));
});
