// Request smuggling attempts over raw sockets against a recording node: answered 400, or normalised so that the
// node sees exactly the requests the client sent. Every proxy engine.
import { afterEach, describe, expect, it } from 'vitest';
import type { Balancer } from '../src/index.ts';
import { ENGINES, startTestBalancer } from './helpers/balancer.ts';
import { startNode, type LocalNode } from './helpers/nodes.ts';
import { rawExchange, statuses } from './helpers/raw.ts';

let lb: Balancer | undefined;
let node: LocalNode | undefined;

afterEach(async () => {
  await lb?.close();
  await node?.close();
  lb = undefined;
  node = undefined;
});

describe.each(ENGINES)('smuggling [%s]', (engine) => {
  async function setup(): Promise<{ port: number; node: LocalNode }> {
    node = await startNode('rec');
    lb = await startTestBalancer(['--engine', engine, '--health-interval', '0', '--upstream', `rec=${node.url}`]);
    return { port: lb.port, node };
  }

  it('Transfer-Encoding together with Content-Length › 400 LB_ERR_BAD_REQUEST, the node sees nothing', async () => {
    const { port, node } = await setup();
    const raw = await rawExchange(port, 'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(statuses(raw)).toEqual([400]);
    expect(raw).toContain('x-lb-error: LB_ERR_BAD_REQUEST');
    expect(node.seen).toEqual([]);
  });

  it('duplicated Content-Length › 400, the node sees nothing', async () => {
    const { port, node } = await setup();
    const raw = await rawExchange(port, 'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 41\r\n\r\nhelloGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(statuses(raw)).toEqual([400]);
    expect(node.seen).toEqual([]);
  });

  it('a transfer coding other than chunked › 400, the node sees nothing', async () => {
    const { port, node } = await setup();
    const raw = await rawExchange(port, 'POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n0\r\n\r\n');
    expect(statuses(raw)).toEqual([400]);
    expect(node.seen).toEqual([]);
  });

  it('a chunked DELETE whose body holds a second request › the node sees one DELETE with that body, sized', async () => {
    const { port, node } = await setup();
    const inner = 'GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n';
    const chunk = `${inner.length.toString(16)}\r\n${inner}\r\n0\r\n\r\n`;
    const raw = await rawExchange(port, `DELETE /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunk}`);
    expect(statuses(raw)).toEqual([200]);
    expect(node.seen.map((s) => [s.method, s.url, s.body, s.headers['content-length'], s.headers['transfer-encoding']]))
      .toEqual([['DELETE', '/a', inner, String(inner.length), undefined]]);
  });

  it('a chunked DELETE followed by a pipelined GET › the node sees exactly those two requests, in order', async () => {
    const { port, node } = await setup();
    const raw = await rawExchange(port, 'DELETE /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(statuses(raw)).toEqual([200, 200]);
    expect(node.seen.map((s) => [s.method, s.url, s.body])).toEqual([['DELETE', '/a', ''], ['GET', '/b', '']]);
  });

  it('malformed request lines and headers › 400 with a coded body, and the balancer keeps serving', async () => {
    const { port, node } = await setup();
    for (const bad of ['GARBAGE\r\n\r\n', 'GET / HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n', 'GET / HTTP/1.1\r\n\r\n']) {
      const raw = await rawExchange(port, bad);
      expect(statuses(raw)).toEqual([400]);
      expect(raw).toContain('"code":"LB_ERR_BAD_REQUEST"');
    }
    expect(node.seen).toEqual([]);
    expect(statuses(await rawExchange(port, 'GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'))).toEqual([200]);
  });
});
