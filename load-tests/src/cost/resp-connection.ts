// One plain RESP connection to a Redis named with its port, so the cost figures need no Redis client: commands
// one at a time, every reply bounded in time. Never a default port (6379 on this host is somebody else's Redis).
import { connect, type Socket } from 'node:net';

type Resp = string | number | null | Resp[] | { error: string };

export interface RespConnection {
  /** The reply, or null when Redis did not answer within the bound or the connection failed. */
  command(args: readonly string[]): Promise<Resp | null>;
  close(): void;
}

/** Null when the URL names no port. */
export function openResp(url: string, timeoutMs = 2_000): RespConnection | null {
  const { hostname, port } = new URL(url);
  if (!port) return null;
  const socket = connect({ host: hostname || '127.0.0.1', port: Number(port) });
  let buffer = Buffer.alloc(0);
  let waiting: ((reply: Resp | null) => void) | undefined;
  let broken = false;
  const settle = (reply: Resp | null) => { const w = waiting; waiting = undefined; w?.(reply); };
  socket.on('error', () => { broken = true; settle(null); });
  socket.on('close', () => { broken = true; settle(null); });
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    const parsed = parseResp(buffer, 0);
    if (!parsed) return;
    buffer = buffer.subarray(parsed[1]);
    settle(parsed[0]);
  });
  return {
    command: (args) => sendOne(socket, args, timeoutMs, () => broken, (w) => { waiting = w; }),
    close: () => socket.destroy(),
  };
}

function sendOne(socket: Socket, args: readonly string[], timeoutMs: number, broken: () => boolean,
  wait: (w: (reply: Resp | null) => void) => void): Promise<Resp | null> {
  if (broken()) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => { socket.destroy(); resolve(null); }, timeoutMs);
    wait((reply) => { clearTimeout(timer); resolve(reply); });
    socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
  });
}

/** One complete reply at `at` and where it ends; undefined while it is incomplete. */
function parseResp(buf: Buffer, at: number): [Resp, number] | undefined {
  const eol = buf.indexOf('\r\n', at);
  if (eol < 0) return undefined;
  const line = buf.toString('utf8', at + 1, eol);
  const next = eol + 2;
  switch (String.fromCharCode(buf[at] ?? 0)) {
    case '+': return [line, next];
    case '-': return [{ error: line }, next];
    case ':': return [Number(line), next];
    case '$': {
      const n = Number(line);
      if (n < 0) return [null, next];
      return buf.length < next + n + 2 ? undefined : [buf.toString('utf8', next, next + n), next + n + 2];
    }
    case '*': {
      const n = Number(line);
      if (n < 0) return [null, next];
      const items: Resp[] = [];
      let pos = next;
      for (let i = 0; i < n; i++) {
        const item = parseResp(buf, pos);
        if (!item) return undefined;
        items.push(item[0]);
        pos = item[1];
      }
      return [items, pos];
    }
    default: return [{ error: `unexpected reply type ${line.slice(0, 20)}` }, next];
  }
}
