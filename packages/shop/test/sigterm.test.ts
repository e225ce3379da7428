// The real entry files as child processes: IPC ready, SIGTERM with a request in flight, parent disconnect.
import { fork, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '@stateshift/cluster';

const ENTRIES = {
  stateful: fileURLToPath(new URL('../../../apps/shop-stateful/src/main.ts', import.meta.url)),
  stateless: fileURLToPath(new URL('../../../apps/shop-stateless/src/main.ts', import.meta.url)),
};

let redis: RedisServer;
const children: ChildProcess[] = [];
const sockets: Socket[] = [];
beforeAll(async () => { redis = await startRedisServer(); });
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
afterAll(async () => { await redis?.close(); });

interface Started {
  child: ChildProcess; port: number; nodeId: string; output: () => string;
  exited: Promise<[number | null, string | null]>;
}

async function start(variant: keyof typeof ENTRIES): Promise<Started> {
  const child = fork(ENTRIES[variant], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env, PORT: '0', NODE_ID: `${variant}-t`, REDIS_URL: redis.url, SESSION_SECRET: 's1,s0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<[number | null, string | null]>((resolve) =>
    child.once('exit', (c, s) => resolve([c, s])));
  const msg = await new Promise<{ type: string; port: number; nodeId: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { type: string; port: number; nodeId: string }));
    void exited.then(([code]) => reject(new Error(`child exited (${code}) before ready:\n${out}`)));
  });
  expect(msg).toEqual({ type: 'ready', port: expect.any(Number), nodeId: `${variant}-t` });
  return { child, port: msg.port, nodeId: msg.nodeId, output: () => out, exited };
}

function until(read: () => string, pattern: RegExp, source: { on(e: 'data', f: () => void): unknown }): Promise<void> {
  return new Promise((resolve) => {
    const check = () => { if (pattern.test(read())) resolve(); };
    source.on('data', check);
    check();
  });
}

for (const variant of ['stateful', 'stateless'] as const) {
  describe(`process [${variant}]`, () => {
    it(`process [${variant}] › logs the port and sends { type: 'ready', port, nodeId } over IPC`, async () => {
      const node = await start(variant);
      await until(node.output, new RegExp(`listening on port ${node.port}`), node.child.stdout!);
      const res = await fetch(`http://127.0.0.1:${node.port}/healthz`);
      expect(res.headers.get('x-served-by')).toBe(`${variant}-t`);
      node.child.kill('SIGTERM');
      expect(await node.exited).toEqual([0, null]);
    });

    it(`process [${variant}] › SIGTERM with a request in flight: ` +
      'it completes, new connections are refused, exit 0', async () => {
      const node = await start(variant);
      const body = JSON.stringify({ productId: 'p01', quantity: 2 });
      const socket = connect(node.port, '127.0.0.1');
      sockets.push(socket);
      let reply = '';
      socket.on('data', (d: Buffer) => { reply += d.toString(); });
      socket.write('POST /api/cart/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`);
      await until(() => reply, /100 Continue/, socket); // the server has parsed the request: it is in flight
      socket.write(body.slice(0, 10));
      node.child.kill('SIGTERM');
      await until(node.output, /shutting down/, node.child.stdout!);
      await expect(fetch(`http://127.0.0.1:${node.port}/healthz`)).rejects.toThrow();
      socket.write(body.slice(10));
      await until(() => reply, /"totalCents":2580/, socket);
      expect(reply).toMatch(/HTTP\/1\.1 200 OK/);
      expect(reply).toMatch(/connection: close/i);
      expect(await node.exited).toEqual([0, null]);
    });

    it(`process [${variant}] › exits when the parent's IPC channel closes`, async () => {
      const node = await start(variant);
      node.child.disconnect();
      expect(await node.exited).toEqual([0, null]);
    });
  });
}
