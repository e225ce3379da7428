// Can the demo bind this port on 127.0.0.1? Tells a taken port (EADDRINUSE) from a refused one (EACCES: below
// 1024 without root), because the two need different advice. Binds and closes at once; starts nothing.
import { createServer } from 'node:net';

export type PortProbe = 'free' | 'in-use' | 'denied' | { error: string };

export function probePort(port: number, host = '127.0.0.1'): Promise<PortProbe> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) => {
      resolve(
        err.code === 'EADDRINUSE' ? 'in-use' : err.code === 'EACCES' ? 'denied' : { error: err.code ?? err.message },
      );
    });
    server.listen(port, host, () => server.close(() => resolve('free')));
  });
}
