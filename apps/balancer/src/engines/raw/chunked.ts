// An incremental, strict decoder of the chunked transfer coding (RFC 9112 §7.1), for request bodies from clients
// and response bodies from nodes. Hex sizes only (no sign, no 0x, at most 12 digits), CRLF only, extensions and
// trailers read and discarded; anything else is a ParseError. Data is handed out as slices of the input.
import { bad } from '../../http/http-grammar.ts';

const SIZE = 0;
const SIZE_WS = 1;
const EXT = 2;
const SIZE_LF = 3;
const DATA = 4;
const DATA_CR = 5;
const DATA_LF = 6;
const TRAILER_START = 7;
const TRAILER = 8;
const TRAILER_LF = 9;
const END_LF = 10;
const MAX_DIGITS = 12;
/** Bytes of chunk extensions and trailer fields accepted per message (they are discarded anyway). */
const MAX_META = 16 * 1024;

export class ChunkedDecoder {
  #state = SIZE;
  #size = 0;
  #digits = 0;
  #meta = 0;

  /**
   * Reads `buf` from `start`, calling `onData` with each piece of body data. Returns the index just past the
   * end of the message (the last CRLF), or -1 when every byte was consumed and the message is not over yet.
   */
  feed(buf: Buffer, start: number, onData: (data: Buffer) => void): number {
    let i = start;
    const end = buf.length;
    while (i < end) {
      if (this.#state === DATA) {
        const n = Math.min(this.#size, end - i);
        onData(buf.subarray(i, i + n));
        i += n;
        this.#size -= n;
        if (this.#size === 0) this.#state = DATA_CR;
        continue;
      }
      const done = this.#step(buf[i] as number);
      i++;
      if (done) return i;
    }
    return -1;
  }

  /** Consumes one framing byte; true when it ended the message. */
  #step(c: number): boolean {
    switch (this.#state) {
      case SIZE: {
        const v = hex(c);
        if (v >= 0) {
          if (++this.#digits > MAX_DIGITS) throw bad('chunk size too large');
          this.#size = this.#size * 16 + v;
        } else if (this.#digits === 0) throw bad('malformed chunk size');
        else if (c === 59) this.#state = EXT; // ';'
        else if (c === 32 || c === 9) this.#state = SIZE_WS;
        else if (c === 13) this.#state = SIZE_LF;
        else throw bad('malformed chunk size');
        return false;
      }
      case SIZE_WS:
        if (c === 59) this.#state = EXT;
        else if (c !== 32 && c !== 9) throw bad('malformed chunk extension');
        return false;
      case EXT:
        if (c === 13) this.#state = SIZE_LF;
        else this.#meta = meta(c, this.#meta);
        return false;
      case SIZE_LF:
        expect(c, 10);
        this.#state = this.#size === 0 ? TRAILER_START : DATA;
        this.#digits = 0;
        return false;
      case DATA_CR:
        expect(c, 13);
        this.#state = DATA_LF;
        return false;
      case DATA_LF:
        expect(c, 10);
        this.#state = SIZE;
        return false;
      case TRAILER_START:
        if (c === 13) this.#state = END_LF;
        else if (c === 32 || c === 9) throw bad('obsolete line folding in a trailer');
        else {
          this.#meta = meta(c, this.#meta);
          this.#state = TRAILER;
        }
        return false;
      case TRAILER:
        if (c === 13) this.#state = TRAILER_LF;
        else this.#meta = meta(c, this.#meta);
        return false;
      case TRAILER_LF:
        expect(c, 10);
        this.#state = TRAILER_START;
        return false;
      default: // END_LF
        expect(c, 10);
        return true;
    }
  }
}

function hex(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const lower = c | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

function expect(c: number, wanted: number): void {
  if (c !== wanted) throw bad(wanted === 10 ? 'bare CR in chunked framing' : 'chunk data longer than its size');
}

/** One more byte of extension or trailer text: no control characters but HTAB, and bounded in size. */
function meta(c: number, count: number): number {
  if ((c < 32 && c !== 9) || c === 127) throw bad('control character in a chunk extension or trailer');
  if (count >= MAX_META) throw bad('chunk extensions or trailers too large');
  return count + 1;
}
