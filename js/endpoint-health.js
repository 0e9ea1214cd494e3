// How a remote document's endpoint is doing (remote-document.js): the failures since the last good
// fetch and the last error, kept after a recovery for stats(); and one log line per change of
// state: failing (the last good document still served, until when), unavailable (nothing may be
// served: callers get the error), recovered. The line names the endpoint without its query (which
// may carry a key) and never holds token data. Each fetch is reported to the owner's onFetch.
// An endpoint's failure by its stable name: a remote key set's status ("ERR_JWKS_FETCH_FAILED"),
// under jose's generic code, or the error's own code.
const stableCode = (error) => error.status ?? error.code;

export class EndpointHealth {
  #logger;
  #onFetch;
  #endpoint;
  #document;
  #lastError = null; // the latest failure: { error, at }
  #consecutiveFailures = 0;
  #health = "ok"; // what was last logged: "ok", or "<state> <code>" while failing

  constructor(logger, onFetch, url, document) {
    this.#logger = logger;
    this.#onFetch = onFetch;
    const { origin, pathname } = new URL(url);
    this.#endpoint = `${origin}${pathname}`;
    this.#document = document;
  }

  // The last try failed (and nothing has succeeded since).
  get failing() {
    return this.#consecutiveFailures > 0;
  }

  get lastError() {
    return this.#lastError?.error ?? null;
  }

  failed(error, at) {
    this.#consecutiveFailures++;
    this.#lastError = { error, at };
  }

  succeeded() {
    this.#consecutiveFailures = 0;
  }

  // Logs a change of state. `served`: "fresh", "stale" or null (nothing may be served now);
  // `entry`: the last good document; `servedUntil`: when it stops being served (ms).
  note(served, entry, servedUntil) {
    const error = this.failing ? this.#lastError.error : null;
    const state = error === null ? "ok" : served === null ? "unavailable" : "failing";
    const health = error === null ? "ok" : `${state} ${stableCode(error)}`;
    if (health === this.#health) return;
    const recovered = health === "ok";
    this.#health = health;
    this.log(recovered ? "info" : state === "failing" ? "warn" : "error", {
      state: recovered ? "recovered" : state,
      ...(error && { code: stableCode(error), message: error.message, consecutiveFailures: this.#consecutiveFailures }),
      ...(entry && { fetchedAt: isoTime(entry.fetchedAt) }),
      ...(state === "failing" && { servedUntil: isoTime(servedUntil) }),
    });
  }

  // One JSON log line about this endpoint at `level` (the snapshot store's failures are logged here too).
  log(level, fields) {
    if (!this.#logger) return;
    try {
      this.#logger[level](JSON.stringify({ source: "edgejwt", document: this.#document, endpoint: this.#endpoint, ...fields }));
    } catch {
      // Logging must never break the caller's work.
    }
  }

  // One fetch's event, for the owner's statistics.
  report(event) {
    if (!this.#onFetch) return;
    try {
      this.#onFetch(event);
    } catch {
      // Statistics must never break the caller's work.
    }
  }

  // What stats() says of the endpoint.
  stats() {
    const last = this.#lastError;
    return {
      consecutiveFailures: this.#consecutiveFailures,
      lastError: last && { code: stableCode(last.error), message: last.error.message, at: last.at },
    };
  }
}

function isoTime(ms) {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
