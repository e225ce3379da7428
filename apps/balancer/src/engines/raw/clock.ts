// A coarse clock with sweepers for the raw engine's timeouts. The hot path only stamps `clock.now` (a field
// read, no timer armed per request); one unref'd interval advances the clock and runs the sweepers. A stamp can
// be up to one tick old, so a timeout fires after its value and at most two ticks later, never before. The tick
// is a quarter of the shortest timeout (10 to 250 ms).
export class Clock {
  now = performance.now();
  readonly tickMs: number;
  readonly #sweepers: ((now: number) => void)[] = [];
  readonly #timer: NodeJS.Timeout;

  constructor(shortestTimeoutMs: number) {
    this.tickMs = Math.max(10, Math.min(250, Math.floor(shortestTimeoutMs / 4)));
    this.#timer = setInterval(() => this.#tick(), this.tickMs);
    this.#timer.unref();
  }

  /** True when more than `timeoutMs` have certainly passed since `stamp` (a `now` read earlier). */
  expired(stamp: number, timeoutMs: number): boolean {
    return this.now - stamp > timeoutMs + this.tickMs;
  }

  onTick(sweeper: (now: number) => void): void {
    this.#sweepers.push(sweeper);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  #tick(): void {
    this.now = performance.now();
    for (const sweep of this.#sweepers) sweep(this.now);
  }
}
