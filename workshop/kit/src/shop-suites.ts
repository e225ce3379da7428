// Runs the shop's own test suites (packages/shop/test) with vitest in a child process against a trainee's Redis
// cart store (SHOP_TEST_REDIS_CART_STORE), and returns one result per test: the check reuses the suites instead
// of keeping copies of them. Only the `[redis]` tests run: they are the ones the trainee's store stands in for.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SuiteResult {
  readonly name: string;
  readonly passed: boolean;
  /** First line of the failure, when it failed. */
  readonly failure?: string;
}

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export async function runShopSuites(storeModule: string, files: readonly string[], timeoutMs = 180_000): Promise<SuiteResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'stateshift-suites-'));
  const out = join(dir, 'results.json');
  try {
    const code = await runVitest(['run', ...files, '-t', '\\[redis\\]', '--reporter=json', `--outputFile=${out}`], storeModule, timeoutMs);
    const report = JSON.parse(readFileSync(out, 'utf8')) as VitestJson;
    const results = report.testResults.flatMap((file) => file.assertionResults
      .filter((a) => a.status === 'passed' || a.status === 'failed')
      .map((a): SuiteResult => ({
        name: a.fullName.replace(/\s+/g, ' ').trim(),
        passed: a.status === 'passed',
        ...(a.status === 'failed' ? { failure: firstLine(a.failureMessages?.[0]) } : {}),
      })));
    if (results.length === 0) throw new Error(`vitest ran no test (exit ${code})`);
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface VitestJson {
  testResults: { assertionResults: { fullName: string; status: string; failureMessages?: string[] }[] }[];
}

function runVitest(args: string[], storeModule: string, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['exec', 'vitest', ...args], {
      cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, SHOP_TEST_REDIS_CART_STORE: storeModule, CI: 'true' },
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.once('error', (err) => { clearTimeout(timer); reject(err); });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0 && code !== 1) reject(new Error(`vitest exited with ${code}: ${stderr.slice(-500)}`));
      else resolve(code);
    });
  });
}

function firstLine(text: string | undefined): string {
  return (text ?? 'failed').split('\n').find((l) => l.trim() !== '')?.trim().slice(0, 300) ?? 'failed';
}
