// Pipelined requests on one node:http client connection: handled one at a time, in order (a buffered body must never
// let a later request overtake it on its way to the nodes), with a bounded read-ahead. node:http parses every request
// a read carries and only stops reading when its own output queue is full, which our one-at-a-time answers never
// fill: a client writing pipelined requests without reading the answers was read without end. So, as HAProxy and
// nginx do, at MAX_AHEAD unanswered requests the socket stops reading, and the next request is started only once the
// client has taken the previous answers (its write buffer drained). A connection that goes away drops its queue.
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Unanswered requests read ahead on one connection before it stops reading (node:http still parses the rest of the
 * read that carried the last one: at most one read, 64 KiB). */
export const MAX_AHEAD = 16;

interface Line {
  /** A request of this connection is in hand (being answered, or waiting for the client to read). */
  busy: boolean;
  readonly queue: (() => void)[];
  /** Runs once every request read so far has been answered (set by the parser-error path). */
  after: (() => void) | undefined;
  /** Reading was stopped here (not by node:http itself). */
  paused: boolean;
}

const LINE = Symbol('lb.pipeline');
// node:http's own read-pause switch (`socket._paused`, honoured by its parser and its resume paths) and parser.
type Lined = Socket & { [LINE]?: Line | undefined; _paused?: boolean; parser?: { resume(): void } | null };

/** Runs `run` now when the connection has no request in hand, else after the requests read before it, in order. */
export function inOrder(socket: Socket, res: ServerResponse, run: () => void): void {
  const s = socket as Lined;
  res.once('close', () => next(s));
  const line = s[LINE] ?? newLine(s);
  if (!line.busy) {
    line.busy = true;
    return run();
  }
  line.queue.push(run);
  // Called inside the parser's execute: node:http pauses its parser after it, as it does for its own pause.
  if (!s._paused && tooDeep(line)) pauseReading(s, line);
}

function newLine(s: Lined): Line {
  const line: Line = { busy: false, queue: [], after: undefined, paused: false };
  s[LINE] = line;
  // node:http resumes reading by itself whenever the socket drains (its own pause is for a full write buffer only):
  // while the queue is deep, stop again at once (the same tick: nothing is read in between).
  s.on('resume', () => {
    if (tooDeep(line) && !s.destroyed) pauseReading(s, line);
  });
  return line;
}

const tooDeep = (line: Line): boolean => line.busy && line.queue.length + 1 >= MAX_AHEAD;

function pauseReading(s: Lined, line: Line): void {
  line.paused = true;
  s._paused = true;
  s.pause();
}

/** Runs `fn` once every request already read on this connection has been answered (now, if none is pending). */
export function afterPipeline(socket: Socket, fn: () => void): void {
  const line = (socket as Lined)[LINE];
  if (line?.busy) line.after = fn;
  else fn();
}

/** The current request's answer is over: start the next one, once the client has taken what it was sent. */
function next(s: Lined): void {
  const line = s[LINE];
  if (!line?.busy) return;
  // An answer that ended the connection, or a connection gone, ends the pipeline: nothing queued reaches a node.
  if (s.destroyed || s.writableEnded) line.queue.length = 0;
  const run = line.queue.shift();
  if (!run) {
    line.busy = false;
    resumeReading(s, line);
    const after = line.after;
    line.after = undefined;
    return after?.();
  }
  if (!s.writableNeedDrain) {
    if (!tooDeep(line)) resumeReading(s, line);
    return run();
  }
  // The client is not reading: no new work for it until it does (--client-timeout cuts it if it never does).
  const go = (): void => {
    s.off('close', drop);
    if (!tooDeep(line)) resumeReading(s, line);
    run();
  };
  const drop = (): void => {
    s.off('drain', go);
    line.queue.length = 0;
  };
  s.once('drain', go);
  s.once('close', drop);
}

function resumeReading(s: Lined, line: Line): void {
  if (!line.paused || s.destroyed) return;
  line.paused = false;
  if (s.writableNeedDrain) return; // node:http's own pause; it resumes on 'drain'
  s._paused = false;
  s.parser?.resume();
  s.resume();
}
