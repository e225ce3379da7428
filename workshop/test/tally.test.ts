// How a check speaks to the trainee: a wrong prediction never shows the measured value unless --reveal, an
// unexpected error shows one line of it (never an assertion dump or a stack), and bail skips the steps after the
// first failure.
import { describe, expect, it } from 'vitest';
import { createTally } from '../kit/src/tally.ts';
import { missed, notYet } from '../kit/src/workshop-error.ts';

async function run(
  options: { reveal?: boolean; bail?: boolean }, steps: (t: ReturnType<typeof createTally>['tally']) => Promise<void>,
) {
  const out: string[] = [];
  const { tally, finish } = createTally((l) => out.push(l), options);
  await steps(tally);
  return { out: out.join('\n'), result: await finish() };
}

describe('tally', () => {
  it('tally › a wrong prediction says what was wrong and points at --reveal, never at the measured value', async () => {
    const { out } = await run({}, async (t) => {
      await t.step('Q1', async () => {
        t.measured('measured 7 of 10');
        throw missed('you predicted x = 3; that is not what the real run showed', 'x = 7', 'think about stickiness');
      });
    });
    expect(out).toContain('you predicted x = 3');
    expect(out).toContain('hint: think about stickiness');
    expect(out).toContain('--reveal');
    expect(out).not.toContain('7');
  });

  it('tally › with --reveal the measured value and the measured lines are shown', async () => {
    const { out } = await run({ reveal: true }, async (t) => {
      await t.step('Q1', async () => { t.measured('measured 7 of 10'); throw missed('you predicted x = 3', 'x = 7'); });
    });
    expect(out).toContain('the real run: x = 7');
    expect(out).toContain('measured 7 of 10');
  });

  it('tally › a right prediction shows what was measured', async () => {
    const { out } = await run({}, async (t) => {
      await t.step('Q1', async () => { t.measured('measured 7 of 10'); });
    });
    expect(out).toContain('✔ Q1');
    expect(out).toContain('measured 7 of 10');
  });

  it('tally › an unexpected error is one line, said to be the check\'s, without a stack or an assertion', async () => {
    const { out } = await run({}, async (t) => {
      await t.step('S', async () => {
        const err = new Error('connect ECONNREFUSED 127.0.0.1:1\n    at TCPConnectWrap');
        throw Object.assign(err, { code: 'ECONNREFUSED' });
      });
    });
    expect(out).toContain('the check could not finish this step: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1');
    expect(out).not.toContain('TCPConnectWrap');
  });

  it('tally › bail skips every step after the first failure; without bail they all run', async () => {
    const body = async (t: ReturnType<typeof createTally>['tally']) => {
      await t.step('one', async () => { throw notYet('no'); });
      await t.step('two', async () => undefined);
    };
    const bailed = await run({ bail: true }, body);
    expect(bailed.result).toEqual({ passed: [], failed: ['one'], skipped: ['two'] });
    const full = await run({}, body);
    expect(full.result).toEqual({ passed: ['two'], failed: ['one'], skipped: [] });
  });
});
