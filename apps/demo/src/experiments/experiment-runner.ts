// Runs one experiment at a time as a child process (`pnpm experiment <name> --nodes 2 ...`), keeps its last
// output lines for the page, and links the report it wrote under the reports folder. stop() ends the child's
// whole process group (SIGINT, then SIGKILL after a bound) and resolves when its output pipes have closed.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { DemoError } from '../errors.ts';
import { EXPERIMENTS } from '../traffic/load-tests-adapter.ts';

export interface ExperimentInfo { name: string; fault: string; shows: string }

export interface ExperimentStatus {
  state: 'idle' | 'running' | 'done' | 'failed' | 'stopped';
  name: string | null;
  command: string | null;
  startedAt: number | null;
  endedAt: number | null;
  durationSec: number | null;
  exitCode: number | null;
  /** The last lines the child wrote (ANSI stripped). */
  lines: string[];
  /** `/reports/<run>/report.html` (or .md) once written. */
  report: string | null;
}

export interface ExperimentRunnerOptions {
  root: string;
  reportsDir: string;
  /** The program and leading arguments; default `pnpm experiment`. */
  command?: readonly [string, ...string[]];
  stopTimeoutMs?: number;
}

const IDLE: ExperimentStatus = {
  state: 'idle', name: null, command: null, startedAt: null, endedAt: null, durationSec: null, exitCode: null,
  lines: [], report: null,
};

export class ExperimentRunner {
  readonly #o: ExperimentRunnerOptions;
  #status: ExperimentStatus = { ...IDLE };
  #child: ChildProcess | undefined;
  #closed: Promise<void> | undefined;
  #onChange: () => void = () => {};

  constructor(options: ExperimentRunnerOptions) {
    this.#o = options;
  }

  onChange(listener: () => void): void {
    this.#onChange = listener;
  }

  list(): ExperimentInfo[] {
    return EXPERIMENTS.map((e) => ({ name: e.name, fault: e.fault, shows: e.shows }));
  }

  status(): ExperimentStatus {
    return { ...this.#status, lines: [...this.#status.lines] };
  }

  pid(): number | undefined {
    return this.#child?.pid;
  }

  /** `{ name, duration? }`; one run at a time (DEMO_ERR_BUSY). */
  run(input: unknown): ExperimentStatus {
    const body = (input ?? {}) as { name?: unknown; duration?: unknown };
    const name = body.name;
    if (typeof name !== 'string' || !EXPERIMENTS.some((e) => e.name === name)) {
      throw new DemoError(
        'DEMO_ERR_EXPERIMENT_UNKNOWN',
        `unknown experiment ${JSON.stringify(name)}; accepted: ${EXPERIMENTS.map((e) => e.name).join(', ')}`,
      );
    }
    const duration = body.duration ?? 20;
    if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 2 || duration > 300) {
      throw new DemoError('DEMO_ERR_BAD_REQUEST', '"duration" must be an integer 2..300 (seconds per run)');
    }
    if (this.#child) throw new DemoError('DEMO_ERR_BUSY', `experiment "${this.#status.name}" is still running`);
    this.#spawn(name, duration);
    return this.status();
  }

  /** Ends a running experiment and everything it started. Idempotent. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (!child?.pid) return;
    signalGroup(child.pid, 'SIGINT');
    const bound = setTimeout(() => signalGroup(child.pid as number, 'SIGKILL'), this.#o.stopTimeoutMs ?? 10_000);
    await this.#closed;
    clearTimeout(bound);
    signalGroup(child.pid, 'SIGKILL');
    if (this.#status.state === 'failed') this.#status.state = 'stopped';
  }

  /** Synchronous last resort, for process 'exit'. */
  killNow(): void {
    if (this.#child?.pid) signalGroup(this.#child.pid, 'SIGKILL');
  }

  #spawn(name: string, duration: number): void {
    const [program, ...lead] = this.#o.command ?? ['pnpm', 'experiment'];
    const args = [
      ...lead, name, '--nodes', '2', '--duration', String(duration), '--fault-at', String(Math.floor(duration / 2)),
      '--out', this.#o.reportsDir,
    ];
    const child = spawn(program, args, { cwd: this.#o.root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    this.#status = {
      ...IDLE, state: 'running', name, command: [program, ...args].join(' '), startedAt: Date.now(),
      durationSec: duration,
    };
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8').on('data', (chunk: string) => this.#output(chunk));
    }
    this.#closed = new Promise<void>((done) => {
      child.once('error', (err) => { this.#output(`could not start: ${err.message}\n`); this.#ended(null); done(); });
      child.once('close', (code) => { this.#ended(code); done(); });
    });
    this.#onChange();
  }

  #output(chunk: string): void {
    for (const raw of chunk.split(/[\r\n]+/)) {
      const line = stripAnsi(raw).trimEnd();
      if (!line.trim()) continue;
      this.#status.lines.push(line);
      const report = /^report:\s+(.+?\.md)\b/.exec(line);
      if (report?.[1]) this.#status.report = this.#reportLink(report[1]);
    }
    this.#status.lines.splice(0, Math.max(0, this.#status.lines.length - 14));
    this.#onChange();
  }

  #reportLink(mdPath: string): string | null {
    const abs = resolve(this.#o.root, mdPath);
    const rel = relative(this.#o.reportsDir, abs);
    if (rel.startsWith('..') || rel.startsWith(sep)) return null;
    const html = abs.replace(/\.md$/, '.html');
    const file = existsSync(html) ? relative(this.#o.reportsDir, html) : rel;
    return `/reports/${file.split(sep).map(encodeURIComponent).join('/')}`;
  }

  #ended(code: number | null): void {
    this.#child = undefined;
    this.#status.exitCode = code;
    this.#status.endedAt = Date.now();
    this.#status.state = code === 0 ? 'done' : 'failed';
    this.#onChange();
  }
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');

function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* the group is gone */
  }
}
