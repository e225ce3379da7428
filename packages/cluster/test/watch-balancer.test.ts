// The SSE client against a real HTTP server on port 0 that writes crafted event-stream frames.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { watchBalancer, type BalancerEvent, type BalancerWatch } from '../src/index.ts';

let server: Server | undefined;
let watch: BalancerWatch | undefined;
afterEach(async () => {
  watch?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server ? server.close(resolve) : resolve(undefined));
  server = undefined;
});

function serve(onStream: (res: ServerResponse, auth: string | undefined) => void): Promise<string> {
  server = createServer((req, res) => {
    if (req.url !== '/events') { res.statusCode = 404; res.end(); return; }
    onStream(res, req.headers.authorization);
  });
  return new Promise((resolve) => server!.listen(0, '127.0.0.1', () =>
    resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`)));
}

function collect(url: string, count: number, token?: string): Promise<BalancerEvent[]> {
  const got: BalancerEvent[] = [];
  return new Promise((resolve, reject) => {
    watch = watchBalancer(url, (event) => { got.push(event); if (got.length === count) resolve(got); }, { token });
    watch.connected.catch(reject);
  });
}

describe('watchBalancer', () => {
  it('parses snapshot, state and traffic events split across chunks, CRLF and comments', async () => {
    const url = await serve((res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': hello\n\nevent: snapshot\ndata: {"strategy":"sticky","stickyMiss":"continue",');
      res.write('"nodes":[]}\n\nevent: state\r\ndata: {"t":1,"node":"a","from":"up","to":"down","reason":"x"}\r\n\r\n');
      res.write('event: unknown\ndata: {}\n\nevent: traffic\ndata: {"t":2,\ndata: "nodes":{}}\n\n');
    });
    const events = await collect(url, 3);
    expect(events.map((e) => e.type)).toEqual(['snapshot', 'state', 'traffic']);
    expect(events[1]?.data).toMatchObject({ node: 'a', to: 'down' });
    expect(events[2]?.data).toEqual({ t: 2, nodes: {} });
    expect(events.every((e) => e.receivedAt > 0)).toBe(true);
  });

  it('sends the admin token as a Bearer header and reports a refused stream', async () => {
    const url = await serve((res, auth) => {
      if (auth !== 'Bearer s3cret') { res.statusCode = 401; res.end(); return; }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: snapshot\ndata: {"strategy":"x","stickyMiss":"y","nodes":[]}\n\n');
    });
    expect((await collect(url, 1, 's3cret'))[0]?.type).toBe('snapshot');
    watch?.close();
    watch = watchBalancer(url, () => {});
    await expect(watch.connected).rejects.toThrow(/401/);
  });
});
