// Ends every child this process started when the process goes away: SIGKILL on normal exit or a crash (the
// 'exit' event allows only synchronous work), a graceful close on SIGINT/SIGTERM/SIGHUP followed by the same
// signal re-raised. Children also notice our death by themselves (IPC disconnect, the Redis guard's pipe).
export interface Reapable {
  /** Synchronous last resort: send SIGKILL (or the like) now. */
  killNow(): void;
  /** Graceful end; must settle within its own bound. */
  close(): Promise<void>;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const CLOSE_BOUND_MS = 10_000;
const live = new Set<Reapable>();
let exitHooked = false;
let signalsHooked = false;

/** Tracks a child until the returned function is called (when it has ended). */
export function reapOnExit(child: Reapable): () => void {
  install();
  live.add(child);
  return () => { live.delete(child); };
}

function install(): void {
  if (!exitHooked) { exitHooked = true; process.on('exit', killAll); }
  if (!signalsHooked) { signalsHooked = true; for (const signal of SIGNALS) process.on(signal, onSignal); }
}

function killAll(): void {
  for (const child of live) {
    try { child.killNow(); } catch { /* already gone */ }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  // A second signal during cleanup takes the default path (our handlers are gone): the process dies at once.
  for (const s of SIGNALS) process.off(s, onSignal);
  signalsHooked = false;
  const bound = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_BOUND_MS).unref());
  const closing = Promise.allSettled([...live].map((child) => child.close()));
  void Promise.race([closing, bound]).then(() => {
    killAll();
    process.kill(process.pid, signal);
  });
}
