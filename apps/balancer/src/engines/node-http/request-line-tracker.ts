// The framing follower behind request-line-guard.ts: fed a client connection's bytes in order, it follows the
// requests as llhttp frames them (request line, Content-Length or chunked body with extensions and trailers, blank
// lines between requests) and notes the first request line with two spaces in a row. It follows only shapes llhttp
// accepts and stops (notes nothing more) at anything else: llhttp or request-checks.ts refuses that request and
// the connection closes after it; and at an upgrade, after which node:http's reading depends on read boundaries.
// A few numbers per connection, nothing buffered.
const CR = 13;
const LF = 10;
const SP = 32;
const HT = 9;
const COLON = 58;
/** A value past which the tracker stops following (a larger body is over --body-limit and refused anyway). */
const MAX_LENGTH = 2 ** 48;

// Where the reader stands. Names end with the byte they wait for where there is one.
const START = 0; // between requests: llhttp skips CR and LF there
const LINE = 1; // the request line
const LINE_LF = 2;
const NAME = 3; // a header name, from the line's start
const SKIP = 4; // the rest of a header line that decides nothing here
const LENGTH = 5; // a Content-Length value
const CODING = 6; // a Transfer-Encoding value
const VALUE_LF = 7;
const HEAD_LF = 8; // the empty line that ends the head
const BODY = 9;
const SIZE = 10; // a chunk-size line
const EXT = 11; // chunk extensions, to the line's end
const SIZE_LF = 12;
const DATA = 13;
const DATA_CR = 14;
const DATA_LF = 15;
const TRAILER = 16; // a trailer line's start (or the empty line that ends the message)
const TRAILER_SKIP = 17;
const TRAILER_LF = 18;
const CONNECTION = 19; // a Connection value, searched for "upgrade"
const OFF = 20;

const CONTENT_LENGTH = Buffer.from('content-length:');
const TRANSFER_ENCODING = Buffer.from('transfer-encoding:');
const CONNECTION_NAME = Buffer.from('connection:');
const UPGRADE_NAME = Buffer.from('upgrade:');
const UPGRADE = Buffer.from('upgrade');
const CHUNKED = Buffer.from('chunked');

export class Tracker {
  state = START;
  /** Request lines begun on this connection; the index of the first with several spaces (0: none yet). */
  seen = 0;
  bad = 0;
  /** The previous request-line byte was a space. */
  space = false;
  /** Header name: bytes matched so far, and which candidates still match (1 Content-Length, 2 Transfer-Encoding,
   * 4 Connection, 8 Upgrade). */
  matched = 0;
  candidates = 0;
  /** The current value: 0 before it, 1 inside it, 2 after it (trailing whitespace). */
  part = 0;
  length = -1;
  chunked = false;
  codings = 0;
  /** An Upgrade field, and a Connection value holding "upgrade": llhttp's upgrade, after which node:http drops the
   * rest of the read and parses the next one as a new request. Nothing is followed past it. */
  upgrade = false;
  connectionUpgrade = false;
  /** Body bytes or chunk bytes still to skip, or the chunk size being read. */
  left = 0;
  digits = 0;

  /** Stopped following: nothing more is noted on this connection. */
  get off(): boolean {
    return this.state === OFF;
  }

  stop(): void {
    this.state = OFF;
  }
}

/** Reads the next bytes of the connection. */
export function track(t: Tracker, b: Buffer): void {
  const n = b.length;
  let i = 0;
  while (i < n && t.state !== OFF) {
    switch (t.state) {
      case START: {
        const c = b[i] as number;
        if (c === CR || c === LF) {
          i++;
          break;
        }
        t.seen++;
        t.space = false;
        t.state = LINE;
        break;
      }
      case LINE:
        i = requestLine(t, b, i);
        break;
      case NAME:
        i = headerName(t, b, i);
        break;
      case SKIP:
      case TRAILER_SKIP: {
        const lf = b.indexOf(LF, i);
        if (lf < 0) return;
        i = lf + 1;
        t.state = t.state === SKIP ? NAME : TRAILER;
        break;
      }
      case LENGTH:
        i = lengthValue(t, b[i] as number, i);
        break;
      case CODING:
        i = codingValue(t, b[i] as number, i);
        break;
      case CONNECTION:
        i = connectionValue(t, b[i] as number, i);
        break;
      case BODY:
      case DATA: {
        const take = Math.min(t.left, n - i);
        i += take;
        t.left -= take;
        if (t.left === 0) t.state = t.state === BODY ? START : DATA_CR;
        break;
      }
      case SIZE:
        i = chunkSize(t, b[i] as number, i);
        break;
      case EXT: {
        const cr = b.indexOf(CR, i);
        if (cr < 0) return;
        i = cr + 1;
        t.state = SIZE_LF;
        break;
      }
      case TRAILER:
        t.state = b[i] === CR ? TRAILER_LF : TRAILER_SKIP;
        if (t.state === TRAILER_LF) i++;
        break;
      default:
        i = expected(t, b[i] as number, i);
    }
  }
}

/** The request line, to its CR: notes two spaces in a row (llhttp refuses a tab, a bare CR or LF by itself). */
function requestLine(t: Tracker, b: Buffer, i: number): number {
  for (const n = b.length; i < n; i++) {
    const c = b[i] as number;
    if (c === SP) {
      if (t.space) {
        // The first such request is the last one answered on the connection (a 400 and a close).
        t.bad = t.seen;
        t.state = OFF;
        return i;
      }
      t.space = true;
    } else if (c === CR) {
      t.state = LINE_LF;
      return i + 1;
    } else {
      t.space = false;
    }
  }
  return i;
}

/** A header name, matched against the four that decide framing or an upgrade; any other line is skipped to its LF. */
function headerName(t: Tracker, b: Buffer, i: number): number {
  if (t.matched === 0) {
    if (b[i] === CR) {
      t.state = HEAD_LF;
      return i + 1;
    }
    t.candidates = 15;
  }
  for (const n = b.length; i < n; i++) {
    let c = b[i] as number;
    if (c >= 65 && c <= 90) c += 32;
    if (CONTENT_LENGTH[t.matched] !== c) t.candidates &= ~1;
    if (TRANSFER_ENCODING[t.matched] !== c) t.candidates &= ~2;
    if (CONNECTION_NAME[t.matched] !== c) t.candidates &= ~4;
    if (UPGRADE_NAME[t.matched] !== c) t.candidates &= ~8;
    if (t.candidates === 0) {
      // This byte is read again by SKIP, so a name cut short by its LF ends its line there.
      t.matched = 0;
      t.state = SKIP;
      return i;
    }
    t.matched++;
    if (c === COLON) {
      t.matched = 0;
      t.part = 0;
      t.state = valueState(t);
      return i + 1;
    }
  }
  return i;
}

function valueState(t: Tracker): number {
  switch (t.candidates) {
    case 1:
      return t.length >= 0 ? OFF : LENGTH;
    case 2:
      return t.codings++ > 0 ? OFF : CODING;
    case 4:
      return CONNECTION;
    default:
      t.upgrade = true;
      return SKIP;
  }
}

/** Content-Length: optional whitespace, digits, optional whitespace, CR (what llhttp accepts). */
function lengthValue(t: Tracker, c: number, i: number): number {
  if (c === SP || c === HT) {
    if (t.part === 1) t.part = 2;
  } else if (c >= 48 && c <= 57 && t.part < 2) {
    t.length = t.part === 0 ? c - 48 : t.length * 10 + (c - 48);
    t.part = 1;
    if (t.length > MAX_LENGTH) t.state = OFF;
  } else if (c === CR && t.part > 0) {
    t.state = VALUE_LF;
  } else {
    t.state = OFF;
  }
  return i + 1;
}

/**
 * Transfer-Encoding: only `chunked` (any case, optional whitespace) is followed; any other value is refused, by
 * llhttp or by request-checks.ts, and the connection closes after it.
 */
function codingValue(t: Tracker, c: number, i: number): number {
  if (c >= 65 && c <= 90) c += 32;
  if (c === SP || c === HT) {
    if (t.matched > 0 && t.matched < CHUNKED.length) t.state = OFF;
  } else if (c === CR && t.matched === CHUNKED.length) {
    t.chunked = true;
    t.state = VALUE_LF;
  } else if (CHUNKED[t.matched] === c) {
    t.matched++;
  } else {
    t.state = OFF;
  }
  if (t.state !== CODING) t.matched = 0;
  return i + 1;
}

/** A Connection value, to its CR: "upgrade" anywhere in it counts (a superset of llhttp's token match: at worst
 * the tracker stops where llhttp did not need it to). */
function connectionValue(t: Tracker, c: number, i: number): number {
  if (c === CR) {
    t.matched = 0;
    t.state = VALUE_LF;
    return i + 1;
  }
  if (c >= 65 && c <= 90) c += 32;
  if (UPGRADE[t.matched] === c) t.matched++;
  else t.matched = c === 117 ? 1 : 0; // 'u': no other letter of "upgrade" repeats, so this restart is exact
  if (t.matched === UPGRADE.length) {
    t.connectionUpgrade = true;
    t.matched = 0;
  }
  return i + 1;
}

/** A chunk size: hex digits, then extensions (';') or the line's end (llhttp refuses whitespace there). */
function chunkSize(t: Tracker, c: number, i: number): number {
  const d = hexDigit(c);
  if (d >= 0) {
    t.left = t.left * 16 + d;
    t.digits++;
    if (t.left > MAX_LENGTH) t.state = OFF;
  } else if (t.digits === 0) {
    t.state = OFF;
  } else if (c === 59) {
    t.state = EXT;
  } else {
    t.state = c === CR ? SIZE_LF : OFF;
  }
  return i + 1;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/** The states that wait for one byte (the LF of a CRLF, or the CR after chunk data). */
function expected(t: Tracker, c: number, i: number): number {
  const want = t.state === DATA_CR ? CR : LF;
  if (c !== want) {
    t.state = OFF;
    return i;
  }
  switch (t.state) {
    case LINE_LF:
    case VALUE_LF:
      t.state = NAME;
      break;
    case HEAD_LF:
      headEnd(t);
      break;
    case SIZE_LF:
      t.state = t.left === 0 ? TRAILER : DATA;
      t.digits = 0;
      break;
    case DATA_CR:
      t.state = DATA_LF;
      break;
    case DATA_LF:
      t.state = SIZE;
      break;
    case TRAILER_LF:
      t.state = START;
      break;
  }
  return i + 1;
}

/** The head is over: its body (llhttp refuses Content-Length with Transfer-Encoding), then the next request; after
 * an upgrade, nothing more (node:http drops the rest of that read). */
function headEnd(t: Tracker): void {
  if ((t.chunked && t.length >= 0) || (t.upgrade && t.connectionUpgrade)) t.state = OFF;
  else if (t.chunked) t.state = SIZE;
  else if (t.length > 0) t.state = BODY;
  else t.state = START;
  t.left = t.chunked ? 0 : Math.max(t.length, 0);
  t.digits = 0;
  t.length = -1;
  t.chunked = false;
  t.codings = 0;
  t.upgrade = false;
  t.connectionUpgrade = false;
}
