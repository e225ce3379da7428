// Raw TCP exchanges with the traffic port (smuggling and slow-header cases): send bytes, collect until close.
// Payloads end with `Connection: close` or an error the server answers by closing, or the client half-closes.
import { connect, type Socket } from 'node:net';

/** Writes `payload` and keeps the socket open (half-closing would end the exchange early); the server closes it. With
 * `end`, the client half-closes after the payload instead (nothing more will come), for a request left unfinished. */
export function rawExchange(port: number, payload: string | Buffer, { end = false } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    const socket: Socket = connect(port, '127.0.0.1', () => {
      if (end) socket.end(payload);
      else socket.write(payload);
    });
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (received += d));
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? resolve(received) : reject(err)));
    socket.on('close', () => resolve(received));
  });
}

/** Status lines of every HTTP response in a raw byte string, in order. */
export function statuses(raw: string): number[] {
  return [...raw.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
}
