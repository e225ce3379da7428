// Client and node connections over their lifetime, for every engine: a client's half-close, idle connections
// closed on time on both sides, a client that keeps its side open after a closing answer, and a closing balancer
// that lets the request in flight finish.
import { once } from 'node:events';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Balancer } from '../src/index.ts';
import { call, ENGINES, startTestBalancer } from './helpers/balancer.ts';
import { closeTestNodes, framingNode } from './helpers/framing-node.ts';
import { statuses } from './helpers/raw.ts';

let lb: Balancer | undefined;

afterEach(async () => {
  await lb?.close();
  lb = undefined;
  await closeTestNodes();
});

describe.each(ENGINES)('connections [%s]', (engine) => {
  async function setup(upstream: string): Promise<number> {
    lb = await startTestBalancer(['--engine', engine, '--health-interval', '0', '--upstream', `n1=${upstream}`]);
    return lb.port;
  }

  it('a client that half-closes after its request › still gets the answer', async () => {
    const node = await framingNode();
    const port = await setup(node.url);
    const socket = connect(port, '127.0.0.1', () => socket.end('GET /half HTTP/1.1\r\nHost: x\r\n\r\n'));
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (received += d));
    await once(socket, 'close');
    expect(statuses(received)).toEqual([200]);
    expect(received).toContain('"url":"/half"');
  });

  it('an idle client connection is closed after --keepalive-timeout; ' +
    'an idle node connection after --upstream-idle', async () => {
    const node = await framingNode();
    const nodeSockets: Promise<unknown>[] = [];
    node.server.on('connection', (s) => nodeSockets.push(once(s, 'close')));
    lb = await startTestBalancer([
      '--engine', engine, '--health-interval', '0', '--keepalive-timeout', '200', '--upstream-idle', '200',
      '--upstream', `n1=${node.url}`,
    ]);
    const socket = connect(lb.port, '127.0.0.1');
    socket.write('GET /idle HTTP/1.1\r\nHost: x\r\n\r\n');
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (received += d));
    await once(socket, 'close');
    expect(statuses(received)).toEqual([200]);
    expect(nodeSockets.length).toBe(1);
    await nodeSockets[0];
  });

  it('a client that keeps its side open after a connection: close answer › ' +
    'does not hold up the balancer closing', async () => {
    const node = await framingNode();
    const flags = [
      '--engine', engine, '--health-interval', '0', '--keepalive-timeout', '200', '--drain-timeout', '60000',
    ];
    lb = await startTestBalancer([...flags, '--upstream', `n1=${node.url}`]);
    const socket = connect({ port: lb.port, host: '127.0.0.1', allowHalfOpen: true });
    let received = '';
    socket.setEncoding('latin1');
    socket.once('data', () => socket.write('GET /after-close HTTP/1.1\r\nHost: x\r\n\r\n'));
    socket.on('data', (d: string) => (received += d));
    socket.on('error', () => undefined);
    socket.write('GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await once(socket, 'end');
    await (lb as Balancer).close(); // would wait for --drain-timeout (60 s) if the connection were kept
    lb = undefined;
    socket.destroy();
    expect(statuses(received)).toEqual([200]);
    expect(node.seen.map((s) => s.url)).toEqual(['/last']);
  });

  it('the balancer closing › the request in flight finishes (and says connection: close), ' +
    'new connections are refused', async () => {
    const node = await framingNode();
    const port = await setup(node.url);
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (received += d));
    const held = once(node.server, 'held');
    socket.write('GET /hold HTTP/1.1\r\nHost: x\r\n\r\n');
    await held;
    const closing = (lb as Balancer).close();
    await expect(call(port, { path: '/new' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    node.held[0]?.end('late but whole');
    await Promise.all([once(socket, 'close'), closing]);
    lb = undefined;
    expect(statuses(received)).toEqual([200]);
    expect(received.toLowerCase()).toContain('connection: close');
    expect(received.endsWith('late but whole')).toBe(true);
  });
});
