// Starts test nodes: in-process servers on port 0, or forked child processes that can be killed or frozen.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createNodeApp, type NodeApp } from '../fixtures/node-app.ts';

export interface LocalNode extends NodeApp {
  readonly url: string;
  close(): Promise<void>;
}

export async function startNode(id: string): Promise<LocalNode> {
  const app = createNodeApp(id);
  app.server.listen(0, '127.0.0.1');
  await once(app.server, 'listening');
  const { port } = app.server.address() as AddressInfo;
  return Object.assign(app, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      app.server.closeAllConnections();
      app.server.close(() => resolve());
    }),
  });
}

export interface ChildNode {
  readonly id: string;
  readonly url: string;
  readonly child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const FIXTURE = fileURLToPath(new URL('../fixtures/node-server.ts', import.meta.url));

export async function forkNode(id: string): Promise<ChildNode> {
  const child = fork(FIXTURE, [id], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [msg] = (await once(child, 'message')) as [{ type: string; port: number }];
  return {
    id,
    url: `http://127.0.0.1:${msg.port}`,
    child,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      if (child.signalCode === null) process.kill(child.pid as number, 'SIGCONT');
      child.kill(signal);
      await exited;
    },
  };
}
