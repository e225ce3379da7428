// A strict reader of what a client received: splits the bytes into answers with RFC 9112 framing and says where
// they stop being well-formed. Stricter than any engine, so that a malformed or desynchronising answer is seen.

export interface Answer {
  status: number;
  headers: [string, string][];
  body: Buffer;
  /** Index just past this answer in the received bytes. */
  end: number;
}

export interface Parsed {
  answers: Answer[];
  /** Why the rest is not a well-formed answer. */
  error?: string;
  /** The bytes stop inside an answer. */
  incomplete: boolean;
  consumedThrough(a: Answer): number;
}

const STATUS_LINE = /^HTTP\/1\.1 (\d{3}) [\t\x20-\x7e\x80-\xff]*$/;
const FIELD_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[\t\x20-\x7e\x80-\xff]*$/;

/** Where reading stopped short of an answer: `error` says why the bytes are not one; without it, they stop inside
 * one. */
interface Stop {
  stop: true;
  error?: string;
}
const INCOMPLETE: Stop = { stop: true };
const malformed = (error: string): Stop => ({ stop: true, error });

interface Head {
  status: number;
  headers: [string, string][];
  bodyStart: number;
}

interface Framed {
  body: Buffer;
  end: number;
}

/** Splits received bytes into answers (1xx/204/304: no body; chunked; Content-Length; else until the close, which must
 * then be the end). */
export function parseAnswers(bytes: Buffer, ended: boolean): Parsed {
  const answers: Answer[] = [];
  const done = (stop?: Stop): Parsed => ({
    answers,
    error: stop?.error,
    incomplete: stop !== undefined && stop.error === undefined,
    consumedThrough: (a: Answer) => a.end,
  });
  let pos = 0;
  while (pos < bytes.length) {
    const head = readHead(bytes, pos);
    if ('stop' in head) return done(head);
    const framed = readBody(bytes, head, ended);
    if ('stop' in framed) return done(framed);
    answers.push({ status: head.status, headers: head.headers, body: framed.body, end: framed.end });
    pos = framed.end;
  }
  return done();
}

export const header = (a: Answer, name: string): string | undefined => a.headers.find(([n]) => n === name)?.[1];
export const final = (answers: Answer[]): Answer[] => answers.filter((a) => a.status >= 200);

function readHead(bytes: Buffer, pos: number): Head | Stop {
  const headEnd = bytes.indexOf('\r\n\r\n', pos, 'latin1');
  if (headEnd < 0) return INCOMPLETE;
  const lines = bytes.toString('latin1', pos, headEnd).split('\r\n');
  const status = STATUS_LINE.exec(lines[0] as string);
  if (!status) return malformed(`malformed status line ${JSON.stringify(lines[0])}`);
  const headers: [string, string][] = [];
  for (const line of lines.slice(1)) {
    if (!FIELD_LINE.test(line)) return malformed(`malformed header line ${JSON.stringify(line)}`);
    const colon = line.indexOf(':');
    headers.push([line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return { status: Number(status[1]), headers, bodyStart: headEnd + 4 };
}

function readBody(bytes: Buffer, head: Head, ended: boolean): Framed | Stop {
  const p = head.bodyStart;
  const te = head.headers.filter(([n]) => n === 'transfer-encoding').map(([, v]) => v.toLowerCase());
  const cl = head.headers.filter(([n]) => n === 'content-length').map(([, v]) => v);
  if (head.status < 200 || head.status === 204 || head.status === 304) return { body: Buffer.alloc(0), end: p };
  if (te.length > 0) {
    if (te.join(',') !== 'chunked' || cl.length > 0) {
      return malformed(`ambiguous framing: transfer-encoding ${te} content-length ${cl}`);
    }
    return readChunked(bytes, p);
  }
  if (cl.length > 0) {
    if (cl.length > 1 || !/^\d+$/.test(cl[0] as string)) return malformed(`bad content-length ${cl}`);
    const n = Number(cl[0]);
    if (bytes.length < p + n) return INCOMPLETE;
    return { body: bytes.subarray(p, p + n), end: p + n };
  }
  if (!ended) return INCOMPLETE; // framed by the close, which has not come yet
  return { body: bytes.subarray(p), end: bytes.length };
}

function readChunked(bytes: Buffer, start: number): Framed | Stop {
  const parts: Buffer[] = [];
  let p = start;
  for (;;) {
    const eol = bytes.indexOf('\r\n', p, 'latin1');
    if (eol < 0) return INCOMPLETE;
    const sizeLine = bytes.toString('latin1', p, eol);
    if (!/^[0-9a-f]{1,8}$/i.test(sizeLine)) return malformed(`malformed chunk size ${JSON.stringify(sizeLine)}`);
    const size = parseInt(sizeLine, 16);
    p = eol + 2;
    if (size === 0) {
      const end = readTrailers(bytes, p);
      return typeof end === 'number' ? { body: Buffer.concat(parts), end } : end;
    }
    if (bytes.length < p + size + 2) return INCOMPLETE;
    parts.push(bytes.subarray(p, p + size));
    if (bytes.toString('latin1', p + size, p + size + 2) !== '\r\n') {
      return malformed('chunk data longer than its size');
    }
    p += size + 2;
  }
}

/** Trailer fields, if any, then the empty line: returns where the chunked body ends. */
function readTrailers(bytes: Buffer, start: number): number | Stop {
  let p = start;
  for (;;) {
    const eol = bytes.indexOf('\r\n', p, 'latin1');
    if (eol < 0) return INCOMPLETE;
    const trailer = bytes.toString('latin1', p, eol);
    p = eol + 2;
    if (trailer === '') return p;
    if (!FIELD_LINE.test(trailer)) return malformed(`malformed trailer ${JSON.stringify(trailer)}`);
  }
}
