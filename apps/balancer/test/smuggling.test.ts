// Request smuggling attempts over raw sockets against a recording node: answered 400, or normalised so that the
// node sees exactly the requests the client sent, and never one whose answer the client cannot get. Every proxy
// engine; the last cases are reproducers of what fuzz-requests.test.ts found.
import { afterEach, describe, expect, it } from 'vitest';
import type { Balancer } from '../src/index.ts';
import { ENGINES, errorLog, startTestBalancer } from './helpers/balancer.ts';
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
  /** A balancer over a recording node; `logged` keeps the errors the balancer caught (a bug in the raw engine). */
  async function setup(): Promise<{ port: number; node: LocalNode; logged: string[] }> {
    node = await startNode('rec');
    const log = errorLog();
    const flags = ['--engine', engine, '--health-interval', '0', '--upstream', `rec=${node.url}`];
    lb = await startTestBalancer(flags, { logger: log.logger });
    return { port: lb.port, node, logged: log.lines };
  }

  it('Transfer-Encoding together with Content-Length › 400 LB_ERR_BAD_REQUEST, the node sees nothing', async () => {
    const { port, node } = await setup();
    const raw = await rawExchange(port, 'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n' +
      'Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(statuses(raw)).toEqual([400]);
    expect(raw).toContain('x-lb-error: LB_ERR_BAD_REQUEST');
    expect(node.seen).toEqual([]);
  });

  it('duplicated Content-Length › 400, the node sees nothing', async () => {
    const { port, node } = await setup();
    const raw = await rawExchange(port, 'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n' +
      'Content-Length: 41\r\n\r\nhelloGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(statuses(raw)).toEqual([400]);
    expect(node.seen).toEqual([]);
  });

  it('a transfer coding other than chunked › 400, the node sees nothing', async () => {
    const { port, node } = await setup();
    const raw = await rawExchange(port, 'POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n' +
      'Connection: close\r\n\r\n0\r\n\r\n');
    expect(statuses(raw)).toEqual([400]);
    expect(node.seen).toEqual([]);
  });

  it('a chunked DELETE whose body holds a second request › ' +
    'the node sees one DELETE with that body, sized', async () => {
    const { port, node } = await setup();
    const inner = 'GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n';
    const chunk = `${inner.length.toString(16)}\r\n${inner}\r\n0\r\n\r\n`;
    const raw = await rawExchange(port, 'DELETE /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n' +
      `Connection: close\r\n\r\n${chunk}`);
    expect(statuses(raw)).toEqual([200]);
    expect(node.seen.map((s) => [s.method, s.url, s.body, s.headers['content-length'], s.headers['transfer-encoding']]))
      .toEqual([['DELETE', '/a', inner, String(inner.length), undefined]]);
  });

  it('a chunked DELETE followed by a pipelined GET › the node sees exactly those two requests, in order', async () => {
    const { port, node } = await setup();
    const raw = await rawExchange(port, 'DELETE /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n' +
      'GET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(statuses(raw)).toEqual([200, 200]);
    expect(node.seen.map((s) => [s.method, s.url, s.body])).toEqual([['DELETE', '/a', ''], ['GET', '/b', '']]);
  });

  it('malformed request lines and headers › 400 with a coded body, and the balancer keeps serving', async () => {
    const { port, node } = await setup();
    for (const bad of [
      'GARBAGE\r\n\r\n', 'GET / HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n', 'GET / HTTP/1.1\r\n\r\n',
    ]) {
      const raw = await rawExchange(port, bad);
      expect(statuses(raw)).toEqual([400]);
      expect(raw).toContain('"code":"LB_ERR_BAD_REQUEST"');
    }
    expect(node.seen).toEqual([]);
    expect(statuses(await rawExchange(port, 'GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')))
      .toEqual([200]);
  });

  it('a valid POST followed in the same write by bytes that are no request › its answer first, then a 400 and a ' +
    'close', async () => {
    const { port, node, logged } = await setup();
    for (const payload of [
      'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGARBAGE\r\n\r\n',
      'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabcX',
    ]) {
      node.seen.length = 0;
      const raw = await rawExchange(port, payload, { end: true });
      const nodeSaw = node.seen.map((s) => [s.method, s.url, s.body]);
      const got = `payload=${JSON.stringify(payload)} node saw=${JSON.stringify(nodeSaw)} ` +
        `received=${JSON.stringify(raw)}`;
      // The POST is valid and whole: the node runs it and its answer reaches the client first (a 400 in its place
      // would tell the client that the request it sent was refused); the junk after it gets the 400.
      expect({ nodeSaw, statuses: statuses(raw) }, got)
        .toEqual({ nodeSaw: [['POST', '/a', 'abc']], statuses: payload.includes('close') ? [200] : [200, 400] });
    }
    expect(logged.join('\n'), 'errors the balancer caught and logged').toBe('');
  });

  it('an HTTP/1.0 keep-alive request whose answer must end the connection › the pipelined next request is not ' +
    'forwarded', async () => {
    // The recording node chunks its answers; an HTTP/1.0 client can only get them framed by a close, so the balancer
    // closes after /a and (RFC 9112 §9.6) must not process /b: a node must not run a request whose answer is lost.
    const { port, node, logged } = await setup();
    const payload = 'POST /a HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\n1' +
      'POST /b HTTP/1.0\r\nContent-Length: 1\r\n\r\n2';
    const raw = await rawExchange(port, payload, { end: true });
    const got = `payload=${JSON.stringify(payload)} received=${JSON.stringify(raw)}`;
    const answeredUrls = [...raw.matchAll(/"url":"([^"]*)"/g)].map((m) => m[1]);
    expect({ statuses: statuses(raw), answeredUrls }, got).toEqual({ statuses: [200], answeredUrls: ['/a'] });
    expect(node.seen.map((s) => [s.method, s.url, s.body]), got).toEqual([['POST', '/a', '1']]);
    expect(logged.join('\n'), 'errors the balancer caught and logged').toBe('');
  });
});
