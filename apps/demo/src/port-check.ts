// The demo's three ports (P, P+1, P+2), checked before anything starts: a port taken by another program and a
// port the system will not let us bind (below 1024 without root) are different problems with different fixes.
import { DemoError } from './errors.ts';
import { probePort } from './port-probe.ts';

/** The first refusal as a DemoError ready to print, or undefined when all three are free. */
export async function checkPorts(port: number): Promise<DemoError | undefined> {
  const ports = [port, port + 1, port + 2];
  const probes = await Promise.all(ports.map((p) => probePort(p)));
  const denied = ports.filter((_, i) => probes[i] === 'denied');
  if (denied.length) {
    return new DemoError('DEMO_ERR_PORT_DENIED',
      `not allowed to listen on port ${denied.join(', ')} (permission denied: ports below 1024 need root `
      + `or CAP_NET_BIND_SERVICE); the demo needs ${ports.join(', ')}; `
      + `try --port ${port === 8080 ? 9080 : 8080} (any base port from 1024 up)`);
  }
  const taken = ports.filter((_, i) => probes[i] === 'in-use');
  if (taken.length) {
    const next = port + 10 <= 65533 ? port + 10 : 8080;
    return new DemoError('DEMO_ERR_PORT_IN_USE',
      `port ${taken.join(', ')} already in use on 127.0.0.1 (the demo needs ${ports.join(', ')}); try --port ${next}`);
  }
  const other = probes.find((p): p is { error: string } => typeof p === 'object');
  if (other) {
    return new DemoError('DEMO_ERR_PORT_IN_USE', `cannot listen on 127.0.0.1:${port}..${port + 2} (${other.error})`);
  }
  return undefined;
}
