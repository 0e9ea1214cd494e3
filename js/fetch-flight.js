// One fetch of a remote document at a time (remote-document.js), and how long anyone waits for it.
// A runtime may drop a fetch when the request that started it ends (workerd does, unless the
// request's waitUntil keeps it): nothing then settles it, not even its timeout. So no caller waits
// on a fetch longer than timeoutDuration and a little grace, and a fetch older than that is taken as
// abandoned (`onAbandon(durationMs)` counts and reports it) and replaced; its waiting callers get
// `lastError()`.
const ABANDON_GRACE = 100; // past timeoutDuration, a fetch that has not settled is taken as dropped
const elapsedMs = () => globalThis.performance?.now() ?? Date.now();

export class FetchFlights {
  #timeoutDuration;
  #onAbandon;
  #lastError;
  // The running fetch: { done: a promise of its error (null on success), settled: that and what
  // follows it (`after`), startedAt, abandoned }.
  #current = null;

  constructor(timeoutDuration, { onAbandon, lastError }) {
    this.#timeoutDuration = timeoutDuration;
    this.#onAbandon = onAbandon;
    this.#lastError = lastError;
  }

  // The fetch in flight, or null (one past its time is given up first).
  get current() {
    const flight = this.#current;
    if (flight && this.#elapsed(flight) > this.#timeoutDuration + ABANDON_GRACE) this.#abandon(flight);
    return this.#current;
  }

  // Starts `run(flight)` (a promise of its error, or null; it reads flight.abandoned) and then
  // `after()` (what a runtime's waitUntil should keep alive with it).
  start(run, after) {
    const flight = { done: null, settled: null, startedAt: elapsedMs(), abandoned: false };
    this.#current = flight;
    flight.done = run(flight).finally(() => {
      if (this.#current === flight) this.#current = null;
    });
    flight.settled = flight.done.then(async (error) => {
      await after();
      return error;
    });
    return flight;
  }

  // The fetch's outcome, or the abandonment's error once it has run past its time.
  outcomeOf(flight) {
    const left = this.#timeoutDuration + ABANDON_GRACE - this.#elapsed(flight);
    let timer;
    const dropped = new Promise((resolve) => {
      timer = setTimeout(() => resolve(this.#abandon(flight)), Math.max(0, left));
    });
    return Promise.race([flight.done, dropped]).finally(() => clearTimeout(timer));
  }

  #elapsed(flight) {
    return elapsedMs() - flight.startedAt;
  }

  #abandon(flight) {
    if (!flight.abandoned) {
      flight.abandoned = true;
      if (this.#current === flight) this.#current = null;
      this.#onAbandon(this.#elapsed(flight));
    }
    return this.#lastError();
  }
}
