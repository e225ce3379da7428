// Starts a real shop entry (apps/shop-*/src/main.ts) as a child process on port 0 and waits for its IPC 'ready'.
// stop() sends SIGTERM and waits for the exit (SIGKILL after 5 s); stopAll() stops every child still running.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ENTRIES = {
  stateful: fileURLToPath(new URL('../../../../apps/shop-stateful/src/main.ts', import.meta.url)),
  stateless: fileURLToPath(new URL('../../../../apps/shop-stateless/src/main.ts', import.meta.url)),
};

export interface ShopProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly url: string;
  readonly nodeId: string;
  stop(): Promise<void>;
}

const running = new Set<ShopProcess>();

export async function startShopProcess(
  variant: keyof typeof ENTRIES, env: Record<string, string>,
): Promise<ShopProcess> {
  const nodeId = env.NODE_ID ?? `${variant}-p`;
  const child = fork(ENTRIES[variant], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, PORT: '0', NODE_ID: nodeId, SESSION_SECRET: 'test-secret', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    void exited.then(() => reject(new Error(`${variant} exited before ready:\n${out}`)));
  });
  const node: ShopProcess = {
    child, port, nodeId, url: `http://127.0.0.1:${port}`,
    stop: async () => {
      running.delete(node);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(kill);
    },
  };
  running.add(node);
  return node;
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((n) => n.stop()));
}
