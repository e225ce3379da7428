// Finds the request lines llhttp reads leniently (several spaces between the parts, taken as one) for the node:http
// engines, which never see a raw request line: every read of a client connection goes through a framing follower
// (request-line-tracker.ts) before the request it carries is checked, and request-checks.ts refuses (400) the first
// request the follower noted. It must never refuse what llhttp frames otherwise, so it must see every byte, once.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { track, Tracker } from './request-line-tracker.ts';

/** node:http's parser (undocumented): the callback it runs after each read it parsed itself, and that read. */
interface HttpParser {
  [slot: number]: unknown;
  _consumed?: boolean;
  getCurrentBuffer?: () => Buffer;
}

interface Guard {
  readonly tracker: Tracker;
  /** Requests checked so far (request-checks.ts, in order). */
  checked: number;
  /** The parser whose reads are followed (the C++ read path), or undefined (a 'data' listener). */
  readonly parser: HttpParser | undefined;
  /** The read being parsed now has been followed already. */
  seen: boolean;
}

const GUARD = Symbol('lb.request-line-guard');
type Guarded = Socket & { [GUARD]?: Guard; parser?: HttpParser | null };

/**
 * Follows a traffic connection's requests from its first byte (call on the server's 'connection', after node:http's
 * own listener). node:http parses a TCP connection's reads in C++ (parser.consume) and gives JS no 'data' event:
 * adding a 'data' listener turns that path off, which cost 4-12% of the balancer's CPU per request. So the reads
 * are taken from the parser itself when it exposes them (its after-read callback and getCurrentBuffer(), both
 * undocumented), else (`dataListener`, or an older or newer node:http) from a 'data' listener ahead of the parser.
 */
export function guardRequestLines(socket: Socket, dataListener = false): void {
  const s = socket as Guarded;
  const parser = s.parser ?? undefined;
  const slot = (parser?.constructor as { kOnExecute?: unknown } | undefined)?.kOnExecute;
  const afterRead = typeof slot === 'number' ? parser?.[slot] : undefined;
  const direct = !dataListener && parser?._consumed === true && typeof afterRead === 'function' &&
    typeof parser.getCurrentBuffer === 'function';
  const guard: Guard = { tracker: new Tracker(), checked: 0, parser: direct ? parser : undefined, seen: false };
  s[GUARD] = guard;
  if (direct) {
    const after = afterRead as (this: unknown, ret: unknown) => unknown;
    // The parser calls it with one argument (the bytes parsed, or an error): no rest array, no apply, per read.
    (parser as HttpParser)[slot as number] = function (this: unknown, ret: unknown): unknown {
      followRead(s, guard);
      try {
        return after.call(this, ret);
      } finally {
        guard.seen = false; // the next read is new (what runs in the callback still sees this one)
      }
    };
    return;
  }
  const onData = (chunk: Buffer): void => {
    track(guard.tracker, chunk);
    if (guard.tracker.off) socket.removeListener('data', onData);
  };
  // Ahead of node:http's own listener, so every read is seen before the parser emits the requests it carries.
  socket.prependListener('data', onData);
}

/**
 * Whether this request's line had several spaces between its parts. Called once for each request of the
 * connection, in order (request-checks.ts). A request is emitted while its read is parsed, before the parser's
 * after-read callback: that read is followed now if it was not yet.
 */
export function severalSpaces(req: IncomingMessage): boolean {
  const s = req.socket as Guarded;
  const guard = s[GUARD];
  if (guard === undefined) return false;
  followRead(s, guard);
  return ++guard.checked === guard.tracker.bad;
}

/** Follows the read the parser is parsing (none between reads), once. */
function followRead(s: Guarded, guard: Guard): void {
  const { parser, tracker } = guard;
  if (parser === undefined || guard.seen || tracker.off) return;
  // The parser left the C++ path (a 'data' listener was added) or was freed for another connection: reads may
  // have passed unseen, so nothing more is noted (what was noted stands: it came from every byte before).
  if (s.parser !== parser || parser._consumed !== true) return tracker.stop();
  const read = (parser.getCurrentBuffer as () => Buffer)();
  if (read.length === 0) return;
  guard.seen = true;
  track(tracker, read);
}
