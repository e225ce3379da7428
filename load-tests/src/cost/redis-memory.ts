// Redis' `used_memory` (INFO memory) over one plain RESP exchange, so the cost figures need no Redis client.
// Resolves null when Redis does not answer within the bound or the URL names no port; never throws.
import { connect } from 'node:net';

export function redisUsedMemory(url: string, timeoutMs = 2_000): Promise<number | null> {
  const { hostname, port } = new URL(url);
  // Only a Redis named with its port: never a default port (6379 on this host is somebody else's Redis).
  if (!port) return Promise.resolve(null);
  return new Promise((resolve) => {
    let text = '';
    const socket = connect({ host: hostname || '127.0.0.1', port: Number(port) });
    const finish = (value: number | null) => { socket.destroy(); clearTimeout(timer); resolve(value); };
    const timer = setTimeout(() => finish(null), timeoutMs);
    socket.setEncoding('utf8');
    socket.on('error', () => finish(null));
    socket.on('connect', () => socket.write('*2\r\n$4\r\nINFO\r\n$6\r\nmemory\r\n'));
    socket.on('data', (chunk: string) => {
      text += chunk;
      const head = /^\$(\d+)\r\n/.exec(text);
      if (text.startsWith('-')) return finish(null);
      if (!head?.[1] || text.length < head[0].length + Number(head[1])) return;
      const match = /^used_memory:(\d+)\r?$/m.exec(text);
      finish(match?.[1] ? Number(match[1]) : null);
    });
  });
}
