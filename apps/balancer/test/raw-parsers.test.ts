// The raw engine's parsers on their own (pure functions, no sockets): request heads, response framing, the
// chunked decoder and the request reader, including every byte boundary a TCP stream could split a message at.
import { describe, expect, it } from 'vitest';
import { ChunkedDecoder } from '../src/engines/raw/chunked.ts';
import { fieldValue, ParseError } from '../src/http/http-grammar.ts';
import { parseRequestHead } from '../src/engines/raw/request-head.ts';
import { RequestReader, type ParsedRequest } from '../src/engines/raw/request-reader.ts';
import { parseResponseHead } from '../src/engines/raw/response-head.ts';
import { ResponseReader } from '../src/engines/raw/response-reader.ts';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParseError) return err.code;
    throw err;
  }
  return undefined;
};

describe('raw parser › request head', () => {
  it('reads method, target, version, fields and framing', () => {
    const head = parseRequestHead('POST /cart?x=1 HTTP/1.1\r\nHost: shop\r\nCookie: a=1\r\nContent-Length: 12\r\n' +
      'cookie: b=2\r\nConnection: keep-alive, X-Extra');
    expect(head).toMatchObject({
      method: 'POST', target: '/cart?x=1', minor: 1, host: 'shop', cookie: 'a=1; b=2', contentLength: 12,
      chunked: false, connection: ['keep-alive', 'x-extra'], keepAlive: true,
    });
    expect(head.fields.names).toEqual(['host', 'cookie', 'content-length', 'cookie', 'connection']);
    expect(fieldValue(head.fields.lines[0] as string)).toBe('shop');
  });

  it('keeps the connection by default in HTTP/1.1, closes by default in HTTP/1.0', () => {
    expect(parseRequestHead('GET / HTTP/1.1\r\nHost: x\r\nConnection: close').keepAlive).toBe(false);
    expect(parseRequestHead('GET / HTTP/1.0').keepAlive).toBe(false);
    expect(parseRequestHead('GET / HTTP/1.0\r\nConnection: Keep-Alive').keepAlive).toBe(true);
  });

  it('accepts chunked alone, trims OWS, tolerates empty list elements', () => {
    const head = parseRequestHead('DELETE /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: \t Chunked \t');
    expect([head.chunked, head.contentLength]).toEqual([true, -1]);
    expect(fieldValue(parseRequestHead('GET / HTTP/1.1\r\nHost: x\r\nX-List: \t, a ,, b ').fields.lines[1] as string))
      .toBe(', a ,, b');
  });

  it.each([
    ['no Host in HTTP/1.1', 'GET / HTTP/1.1\r\nAccept: */*'],
    ['two Host fields', 'GET / HTTP/1.1\r\nHost: a\r\nHost: b'],
    [
      'Transfer-Encoding and Content-Length',
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked',
    ],
    ['duplicated Content-Length (same value)', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3'],
    ['Content-Length as a list', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 3'],
    ['signed Content-Length', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +3'],
    ['hex Content-Length', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0x10'],
    ['gzip, chunked', 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked'],
    ['chunked twice', 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked'],
    ['chunked in HTTP/1.0', 'POST / HTTP/1.0\r\nTransfer-Encoding: chunked'],
    ['space before the colon', 'GET / HTTP/1.1\r\nHost : x'],
    ['space inside a name', 'GET / HTTP/1.1\r\nHost: x\r\nBad Header: y'],
    ['obsolete line folding', 'GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n 2'],
    ['bare LF', 'GET / HTTP/1.1\nHost: x'],
    ['bare CR', 'GET / HTTP/1.1\r\nHost: x\rX: y'],
    ['NUL in a value', 'GET / HTTP/1.1\r\nHost: x\r\nX: a\x00b'],
    ['no colon', 'GET / HTTP/1.1\r\nHost: x\r\nnocolon'],
    ['empty name', 'GET / HTTP/1.1\r\nHost: x\r\n: y'],
    ['HTTP/2 preface', 'PRI * HTTP/2.0'],
    ['HTTP/1.2', 'GET / HTTP/1.2\r\nHost: x'],
    ['lower-case version', 'GET / http/1.1\r\nHost: x'],
    ['two spaces in the request line', 'GET  / HTTP/1.1\r\nHost: x'],
    ['a space in the target', 'GET /a b HTTP/1.1\r\nHost: x'],
    ['bad method token', 'G(T / HTTP/1.1\r\nHost: x'],
    ['CONNECT', 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443'],
    ['garbage', 'GARBAGE'],
  ])('refuses %s with LB_ERR_BAD_REQUEST', (_name, head) => {
    expect(codeOf(() => parseRequestHead(head))).toBe('LB_ERR_BAD_REQUEST');
  });
});

describe('raw parser › response head', () => {
  const framing = (head: string, method = 'GET') => parseResponseHead(head, method).framing;

  it('decides the body framing from the status, the method and the fields', () => {
    expect(framing('HTTP/1.1 200 OK\r\nContent-Length: 5')).toBe('length');
    expect(framing('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked')).toBe('chunked');
    expect(framing('HTTP/1.1 200 OK\r\nX: y')).toBe('eof');
    expect(framing('HTTP/1.1 200 OK\r\nContent-Length: 5', 'HEAD')).toBe('none');
    expect(framing('HTTP/1.1 204 No Content')).toBe('none');
    expect(framing('HTTP/1.1 304 Not Modified\r\nContent-Length: 5')).toBe('none');
  });

  it('reads status, reason (possibly empty), keep-alive and Cache-Control', () => {
    const head = parseResponseHead(
      'HTTP/1.1 404 Not Found Here\r\nCache-Control: no-store\r\nContent-Length: 0', 'GET',
    );
    expect([head.status, head.reason, head.keepAlive, head.cacheControl])
      .toEqual([404, 'Not Found Here', true, 'no-store']);
    expect(parseResponseHead('HTTP/1.1 200\r\nContent-Length: 0', 'GET').reason).toBe('');
    expect(parseResponseHead('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0', 'GET').keepAlive).toBe(false);
    expect(parseResponseHead('HTTP/1.0 200 OK\r\nContent-Length: 0', 'GET').keepAlive).toBe(false);
    expect(parseResponseHead('HTTP/1.1 200 OK', 'GET').keepAlive).toBe(false);
  });

  it.each([
    ['TE with CL', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5'],
    ['two lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6'],
    ['a coding other than chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip'],
    ['a bad status', 'HTTP/1.1 2000 OK'],
    ['a status below 100', 'HTTP/1.1 099 Odd'],
    ['not HTTP', 'SSH-2.0-OpenSSH'],
  ])('fails a node answer with %s', (_name, head) => {
    expect(codeOf(() => parseResponseHead(head, 'GET'))).toBeDefined();
  });
});

/** Decodes `wire` fed in pieces of `step` bytes; returns the data and the index just past the message end. */
function decode(wire: string, step: number): { data: string; end: number } {
  const buf = Buffer.from(wire, 'latin1');
  const decoder = new ChunkedDecoder();
  let data = '';
  for (let at = 0; at < buf.length; at += step) {
    const piece = buf.subarray(at, Math.min(buf.length, at + step));
    const end = decoder.feed(piece, 0, (d) => (data += d.toString('latin1')));
    if (end >= 0) return { data, end: at + end };
  }
  return { data, end: -1 };
}

describe('raw parser › chunked decoder', () => {
  const wire = '5\r\nhello\r\n1;ext=1;q="x y"\r\n \r\nA\r\n0123456789\r\n0\r\nTrailer-A: 1\r\nTrailer-B: 2\r\n\r\nNEXT';

  it('decodes the same data and finds the same end at every split size', () => {
    for (const step of [1, 2, 3, 5, 7, 11, wire.length]) {
      expect(decode(wire, step)).toEqual({ data: 'hello 0123456789', end: wire.length - 4 });
    }
  });

  it('accepts whitespace before an extension, upper-case hex and leading zeros', () => {
    expect(decode('00A \t;x\r\n0123456789\r\n0\r\n\r\n', 4).data).toBe('0123456789');
  });

  it('says "not over yet" for an incomplete message', () => {
    expect(decode('5\r\nhel', 100)).toEqual({ data: 'hel', end: -1 });
    expect(decode('0\r\n', 100).end).toBe(-1);
  });

  it.each([
    ['a size with no digits', ';x\r\n'],
    ['a sign', '+5\r\nhello\r\n0\r\n\r\n'],
    ['0x', '0x5\r\nhello\r\n0\r\n\r\n'],
    ['13 hex digits', '1000000000000\r\n'],
    ['a space and no extension', '5 \r\nhello\r\n0\r\n\r\n'],
    ['a bare LF after the size', '5\nhello\r\n0\r\n\r\n'],
    ['data longer than its size', '3\r\nhello\r\n0\r\n\r\n'],
    ['a bare LF after the data', '5\r\nhello\n0\r\n\r\n'],
    ['a folded trailer', '0\r\nA: 1\r\n 2\r\n\r\n'],
    ['a control character in an extension', '5;\x01\r\nhello\r\n0\r\n\r\n'],
    ['a NUL in a trailer', '0\r\nA: \x00\r\n\r\n'],
  ])('refuses %s', (_name, wire) => {
    expect(codeOf(() => decode(wire, 1))).toBe('LB_ERR_BAD_REQUEST');
  });

  it('bounds extensions and trailers', () => {
    expect(codeOf(() => decode(`5;${'e'.repeat(20_000)}\r\nhello\r\n0\r\n\r\n`, 1000))).toBe('LB_ERR_BAD_REQUEST');
    expect(codeOf(() => decode(`0\r\nX: ${'t'.repeat(20_000)}\r\n\r\n`, 1000))).toBe('LB_ERR_BAD_REQUEST');
  });
});

/** Every request the reader finds in `wire` fed in pieces of `step` bytes, as [method, target, body]. */
function readAll(wire: string, step: number, limit = 1024): [string, string, string | undefined][] {
  const reader = new RequestReader(limit);
  const out: [string, string, string | undefined][] = [];
  const buf = Buffer.from(wire, 'latin1');
  const take = (r: ParsedRequest) => out.push([r.head.method, r.head.target, r.body?.toString('latin1')]);
  for (let at = 0; at < buf.length; at += step) {
    reader.push(buf.subarray(at, Math.min(buf.length, at + step)));
    for (let r = reader.next(); r; r = reader.next()) take(r);
  }
  return out;
}

describe('raw parser › request reader', () => {
  const wire = '\r\nPOST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello' +
    'DELETE /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n' +
    'GET /c HTTP/1.1\r\nHost: x\r\n\r\nPUT /d HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n';

  it('reads pipelined requests in order, whatever the split', () => {
    for (const step of [1, 2, 3, 7, 13, wire.length]) {
      expect(readAll(wire, step))
        .toEqual([['POST', '/a', 'hello'], ['DELETE', '/b', 'abc'], ['GET', '/c', undefined], ['PUT', '/d', '']]);
    }
  });

  it('refuses a body over the limit, declared or chunked, with LB_ERR_BODY_TOO_LARGE', () => {
    expect(codeOf(() => readAll('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n', 100, 10)))
      .toBe('LB_ERR_BODY_TOO_LARGE');
    expect(codeOf(() => readAll('POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n' +
      '6\r\nabcdef\r\n6\r\nghijkl\r\n0\r\n\r\n', 3, 10)))
      .toBe('LB_ERR_BODY_TOO_LARGE');
  });

  it('refuses a head over 16 KiB with LB_ERR_HEADERS_TOO_LARGE, complete or not', () => {
    const big = `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(17 * 1024)}`;
    expect(codeOf(() => readAll(`${big}\r\n\r\n`, 64 * 1024))).toBe('LB_ERR_HEADERS_TOO_LARGE');
    expect(codeOf(() => readAll(big, 1024))).toBe('LB_ERR_HEADERS_TOO_LARGE');
  });

  it('holds a partial request until the rest arrives, and reports its head while the body is pending', () => {
    const reader = new RequestReader(100);
    reader.push(Buffer.from('POST /x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\nab'));
    expect(reader.next()).toBeUndefined();
    expect(reader.pendingHead).toMatchObject({ method: 'POST', expectContinue: true });
    reader.push(Buffer.from('cdGET'));
    expect(reader.next()?.body?.toString()).toBe('abcd');
    expect([reader.pendingHead, reader.buffered]).toEqual([undefined, 3]);
  });
});

describe('raw parser › response reader', () => {
  /** Feeds `wire` in pieces of `step` bytes; returns what the sink saw. */
  function read(wire: string, step: number, method = 'GET'): { status?: number; body: string; ends: boolean[] } {
    const seen: { status?: number; body: string; ends: boolean[] } = { body: '', ends: [] };
    const reader = new ResponseReader();
    reader.start(method, {
      head: (h) => (seen.status = h.status),
      body: (d) => (seen.body += d.toString('latin1')),
      end: (reusable) => seen.ends.push(reusable),
    });
    const buf = Buffer.from(wire, 'latin1');
    for (let at = 0; at < buf.length && reader.active; at += step) {
      reader.feed(buf.subarray(at, Math.min(buf.length, at + step)));
    }
    return seen;
  }

  it('skips interim 1xx answers and reads a length-framed body at every split', () => {
    const wire = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n' +
      'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello';
    for (const step of [1, 4, wire.length]) {
      expect(read(wire, step)).toEqual({ status: 200, body: 'hello', ends: [true] });
    }
  });

  it('de-chunks a chunked body; a HEAD answer has no body; bytes after the end make the connection unusable', () => {
    expect(read('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n', 3))
      .toEqual({ status: 200, body: 'hi', ends: [true] });
    expect(read('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n', 100, 'HEAD'))
      .toEqual({ status: 200, body: '', ends: [true] });
    expect(read('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhiEXTRA', 100))
      .toEqual({ status: 200, body: 'hi', ends: [false] });
  });

  it('a body framed by the close ends only at eof', () => {
    const reader = new ResponseReader();
    let body = '';
    const ends: boolean[] = [];
    reader.start('GET', { head: () => undefined, body: (d) => (body += d.toString()), end: (r) => ends.push(r) });
    reader.feed(Buffer.from('HTTP/1.1 200 OK\r\n\r\npart one, '));
    reader.feed(Buffer.from('part two'));
    expect(ends).toEqual([]);
    expect(reader.eof()).toBe(true);
    expect([body, ends]).toEqual(['part one, part two', [false]]);
  });

  it('refuses a 101 the balancer never asked for, and bytes while no request is outstanding', () => {
    expect(codeOf(() => read('HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\n', 100)))
      .toBe('LB_ERR_BAD_REQUEST');
    expect(codeOf(() => new ResponseReader().feed(Buffer.from('HTTP/1.1 200 OK\r\n\r\n')))).toBe('LB_ERR_BAD_REQUEST');
  });
});
