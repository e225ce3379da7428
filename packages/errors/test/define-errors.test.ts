// The coded-error family and the docs check, on a small table of their own.
import { describe, expect, it } from 'vitest';
import { CodedError, checkErrorsDoc, defineErrors, documentedCodes } from '../src/index.ts';

const demo = defineErrors('DemoTestError', { T_ERR_BAD: 400, T_ERR_GONE: 503, T_ERR_CONFIG: null });

describe('defineErrors', () => {
  it('makes errors with the code, the status of the table, the name and the cause', () => {
    const cause = new Error('root');
    const err = new demo.Error('T_ERR_GONE', 'gone', { cause });
    expect(err).toBeInstanceOf(Error);
    expect(err).toBeInstanceOf(CodedError);
    expect(demo.is(err)).toBe(true);
    expect([err.code, err.status, err.httpStatus, err.name, err.message, err.cause])
      .toEqual(['T_ERR_GONE', 503, 503, 'DemoTestError', 'gone', cause]);
  });

  it('keeps null for a code that is no HTTP answer, and answers 500 for it only at an HTTP edge', () => {
    const err = new demo.Error('T_ERR_CONFIG', 'bad flag');
    expect(err.status).toBeNull();
    expect(err.httpStatus).toBe(500);
    expect([demo.httpStatus('T_ERR_CONFIG'), demo.httpStatus('T_ERR_GONE')]).toEqual([500, 503]);
  });

  it('tells its own errors and codes from others', () => {
    const other = defineErrors('OtherError', { T_ERR_BAD: 400 });
    expect(demo.is(new other.Error('T_ERR_BAD', 'x'))).toBe(false);
    expect(demo.has('T_ERR_BAD')).toBe(true);
    expect(demo.has('__proto__')).toBe(false);
    expect(demo.has('toString')).toBe(false);
    expect(demo.codes).toEqual(['T_ERR_BAD', 'T_ERR_GONE', 'T_ERR_CONFIG']);
  });

  it('refuses a code the table does not have', () => {
    expect(() => new demo.Error('T_ERR_NOPE' as 'T_ERR_BAD', 'x')).toThrow(/unknown code T_ERR_NOPE/);
  });
});

describe('checkErrorsDoc', () => {
  const doc = [
    '# Error codes', '', '## Test (`T_ERR_*`)', '', '| code | status | meaning | what to do |', '|---|---|---|---|',
    '| `T_ERR_BAD` | 400 | bad | fix |', '| `T_ERR_GONE` | 502 | gone | wait |', '| `T_ERR_OLD` | 410 | old | - |',
    '', '## Next', '| `T_ERR_CONFIG` | - | elsewhere | - |',
  ].join('\n');

  it('reads only its own section', () => {
    expect([...documentedCodes(doc, 'Test').keys()]).toEqual(['T_ERR_BAD', 'T_ERR_GONE', 'T_ERR_OLD']);
  });

  it('finds missing, stale and wrongly documented codes', () => {
    expect(checkErrorsDoc(doc, 'Test', demo.table)).toEqual({
      missing: ['T_ERR_CONFIG'],
      stale: ['T_ERR_OLD'],
      wrongStatus: [['T_ERR_GONE', '502', '503']],
    });
  });

  it('fails loudly on a missing section or a code listed twice', () => {
    expect(() => documentedCodes(doc, 'Nope')).toThrow(/no "## Nope" section/);
    expect(() => documentedCodes(`${doc}\n## Twice\n| \`A_B\` | 1 |\n| \`A_B\` | 1 |`, 'Twice')).toThrow(/twice/);
  });
});
