// The affinity flags: defaults, environment variables, and bad values failing with LB_ERR_CONFIG that names the
// flag and its variable, and never echoes a secret.
import { describe, expect, it } from 'vitest';
import { LbError, loadConfig } from '../src/index.ts';

function failure(argv: string[], env: Record<string, string> = {}): LbError {
  try {
    loadConfig(argv, env);
  } catch (err) {
    if (err instanceof LbError) return err;
    throw err;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

describe('affinity config', () => {
  it('defaults: signed, no secret given (the development one is used), 1800 s idle, 200,000 table pins', () => {
    expect(loadConfig([])).toMatchObject({
      affinity: 'signed', affinitySecrets: undefined, affinityMaxIdleSec: 1800, affinityCapacity: 200_000,
    });
  });

  it('flags and variables: a comma-separated secret list (first seals), table mode, idle limit and capacity', () => {
    const c = loadConfig(['--affinity', 'table', '--affinity-capacity', '50'], {
      LB_AFFINITY: 'signed', LB_AFFINITY_SECRET: 'new-secret-0123456789, old-secret-0123456789',
      LB_AFFINITY_MAX_IDLE: '60',
    });
    expect(c).toMatchObject({ affinity: 'table', affinityCapacity: 50, affinityMaxIdleSec: 60 });
    expect(c.affinitySecrets).toEqual(['new-secret-0123456789', 'old-secret-0123456789']);
  });

  it('bad values name the flag, the variable and what is accepted; a bad secret is never echoed', () => {
    expect(failure(['--affinity', 'cookie']).message)
      .toMatch(/--affinity \(LB_AFFINITY\) must be one of signed\|table/);
    expect(failure(['--affinity-capacity', '0']).message)
      .toMatch(/--affinity-capacity \(LB_AFFINITY_CAPACITY\) must be an integer from 1/);
    expect(failure([], { LB_AFFINITY_MAX_IDLE: 'forever' }).message)
      .toMatch(/--affinity-max-idle \(LB_AFFINITY_MAX_IDLE\)/);
    for (const secret of ['short-one', 'good-secret-0123456789,', 'has a space in it 0123456789']) {
      const err = failure(['--affinity-secret', secret]);
      expect(err.code).toBe('LB_ERR_CONFIG');
      expect(err.message).toMatch(
        /--affinity-secret \(LB_AFFINITY_SECRET\) secret number \d of \d must be at least 16 printable characters/,
      );
      expect(err.message).not.toContain(secret.split(',')[0]);
    }
  });
});
