// A JSON document fetched from an endpoint, for use at the edge: cached (Cache-Control within
// bounds), refreshed on expiry and when a lookup misses, the last good document served while the
// endpoint fails (for at most maxStale), one request at a time, seedable from a persisted
// snapshot. Each body is parsed once, by its owner's hook: the JWKS (remote-jwks.js) and the
// revocation list (revocation.js) are the two owners.
// It uses only setTimeout, and fetch through endpoint-fetch.js: it runs in Node, browsers and workerd alike.
//
// Who waits: nobody while a usable document is on hand. An expired one is served at once while
// its refresh runs (stale-while-revalidate); only a lookup the document cannot answer (a token
// naming an unknown kid) or a caller with nothing usable waits, and never longer than
// timeoutDuration. The endpoint is asked at most once per cooldown after a failure, whether or not
// anything was ever cached; callers in between get the last error at once.
//
// A runtime may drop a fetch when the request that started it ends (workerd does, unless the
// request's waitUntil keeps it): nothing then settles it, not even its timeout. So no caller waits
// on a fetch longer than timeoutDuration (and a little grace), a fetch older than that is taken as
// failed and replaced, and refreshing() hands the fetch in flight to the runtime's waitUntil.
//
// Failures are reported as they happen (endpoint-health.js): stats() carries the last error, and
// one log line is written each time the state changes (failing while serving the last good
// document, unavailable, recovered), never one per request. Each exchange with the endpoint is
// endpoint-fetch.js's; the options are checked by remote-options.js.
import { JOSEError, JOSEInvalidArgument } from "./errors.js";
import { endpointUrl, fetchJson } from "./endpoint-fetch.js";
import { EndpointHealth } from "./endpoint-health.js";
import {
  entryOf, functionOption, headersOf, limitsOf, loggerOf, maxAgeOf, parseDocument, seedEntryOf,
} from "./remote-options.js";

const ABANDON_GRACE = 100; // past timeoutDuration, a fetch that has not settled is taken as dropped
const elapsedMs = () => globalThis.performance?.now() ?? Date.now();

// `kind` says what the document is and how to read it (remote-options.js).
export class RemoteDocument {
  #kind;
  #url;
  #limits;
  #fetch;
  #headers;
  #now;
  #health;
  // The last good document: { value, document, fetchedAt, maxAge, expiresAt }. A seed's value is
  // undefined until first use.
  #entry;
  // The running fetch: { settled: a promise of its error (null on success), startedAt, abandoned }.
  #inFlight = null;
  #lastAttemptAt = -Infinity;
  #counters = { fetches: 0, failures: 0, coalesced: 0, servedStale: 0 };

  constructor(url, options, kind) {
    if (typeof options !== "object" || options === null) throw new JOSEInvalidArgument("options must be an object");
    this.#kind = kind;
    this.#url = endpointUrl(url, kind.name);
    this.#limits = limitsOf(options, kind);
    this.#fetch = functionOption(options, "fetch", (...args) => globalThis.fetch(...args));
    this.#now = functionOption(options, "now", Date.now);
    const onFetch = functionOption(options, "onFetch", null);
    this.#health = new EndpointHealth(loggerOf(options.logger), onFetch, this.#url, kind.name);
    this.#headers = headersOf(options.headers, kind.accept);
    this.#entry = seedEntryOf(options.seed, kind, this.#now(), this.#limits);
  }

  // The value to use for `lookup`. A miss is not an error: the value on hand is returned when the
  // refetch it allows brings nothing better.
  async get(lookup) {
    this.#parseSeed();
    this.#dropAbandoned();
    const now = this.#now();
    const state = this.#stateAt(now);
    if (state && !this.#kind.misses?.(this.#entry.value, lookup)) {
      if (state === "stale") {
        this.#counters.servedStale++;
        // Refreshed in the background: its outcome is recorded and logged, nobody waits for it.
        if (this.#inFlight === null && this.#refreshDue(now)) this.#start();
      }
      return this.#entry.value;
    }
    if (this.#inFlight === null && !this.#refreshDue(now)) {
      if (state) return this.#served(state); // an unknown kid within the cooldown: nothing to wait for
      if (this.#health.failing) {
        this.#noteHealth();
        throw this.#health.lastError; // nothing usable and the last try failed recently: fail fast
      }
    }
    const error = await this.#refresh();
    if (!error) return this.#entry.value;
    const after = this.#stateAt(this.#now());
    if (after) return this.#served(after);
    this.#noteHealth();
    throw error;
  }

  // Fetches now (or joins the fetch in flight) unless the cooldown has not passed, a value is on
  // hand and `force` is not set. Rejects with the fetch's error; a stale value stays in use for get.
  async reload({ force = false } = {}) {
    this.#parseSeed();
    this.#dropAbandoned();
    const now = this.#now();
    if (!force && this.#inFlight === null && !this.#cooledDown(now) && this.#stateAt(now)) return this.#entry.value;
    const error = await this.#refresh();
    if (error) throw error;
    return this.#entry.value;
  }

  // The fetch in flight, as a promise that resolves (to its failure, or null) when it ends, or null:
  // for a runtime's waitUntil, so a refresh started in the background outlives the request that
  // started it.
  refreshing() {
    return this.#inFlight?.settled ?? null;
  }

  // The last good fetch, JSON-serialisable, to persist and pass back as `seed` in a new isolate.
  snapshot() {
    const entry = this.#entry;
    if (!entry) return null;
    return { [this.#kind.field]: structuredClone(entry.document), fetchedAt: entry.fetchedAt, maxAge: entry.maxAge };
  }

  // Counters, and what an operator needs to see a failing endpoint at once: the state of what is
  // served, the failures since the last good fetch and the last error (kept after a recovery).
  stats() {
    return {
      ...this.#counters,
      state: this.#stateAt(this.#now()) ?? "unavailable",
      fetchedAt: this.#entry?.fetchedAt ?? null,
      ...this.#health.stats(),
    };
  }

  // "fresh", "stale" (expired, within maxStale) or null (nothing that may be served).
  #stateAt(now) {
    const entry = this.#entry;
    if (!entry) return null;
    if (now < entry.expiresAt) return "fresh";
    return now < entry.expiresAt + this.#limits.maxStale ? "stale" : null;
  }

  #served(state) {
    if (state === "stale") this.#counters.servedStale++;
    return this.#entry.value;
  }

  #cooledDown(now) {
    return now - this.#lastAttemptAt >= this.#limits.cooldownDuration;
  }

  // A fetch may start: the cooldown since the last one has passed, or the document has expired and
  // nothing has been tried since (the first refresh after expiry is never held back).
  #refreshDue(now) {
    const entry = this.#entry;
    return this.#cooledDown(now) || (entry !== null && now >= entry.expiresAt && this.#lastAttemptAt < entry.expiresAt);
  }

  #parseSeed() {
    const entry = this.#entry;
    if (!entry || entry.value !== undefined) return;
    try {
      entry.value = this.#kind.parse(entry.document);
    } catch {
      this.#entry = null; // a seed that does not parse is as good as none: the endpoint is asked instead
    }
  }

  // One fetch at a time: callers that come while one runs share its outcome. Resolves to the
  // failure, or null once the new value is in place; never rejects.
  #refresh() {
    if (this.#inFlight) this.#counters.coalesced++;
    return this.#outcomeOf(this.#inFlight ?? this.#start());
  }

  #start() {
    const flight = { settled: null, startedAt: elapsedMs(), abandoned: false };
    this.#lastAttemptAt = this.#now();
    this.#counters.fetches++;
    this.#inFlight = flight;
    flight.settled = this.#fetchDocument(flight).finally(() => {
      if (this.#inFlight === flight) this.#inFlight = null;
    });
    return flight;
  }

  // The fetch's outcome, or its abandonment once it has run past timeoutDuration (and the grace).
  #outcomeOf(flight) {
    const left = this.#limits.timeoutDuration + ABANDON_GRACE - (elapsedMs() - flight.startedAt);
    let timer;
    const dropped = new Promise((resolve) => {
      timer = setTimeout(() => resolve(this.#abandon(flight)), Math.max(0, left));
    });
    return Promise.race([flight.settled, dropped]).finally(() => clearTimeout(timer));
  }

  #dropAbandoned() {
    const flight = this.#inFlight;
    if (flight && elapsedMs() - flight.startedAt > this.#limits.timeoutDuration + ABANDON_GRACE) this.#abandon(flight);
  }

  // A fetch nothing settles any more counts as a timeout, and the next caller may start another.
  #abandon(flight) {
    if (!flight.abandoned) {
      const { name, Timeout } = this.#kind;
      flight.abandoned = true;
      if (this.#inFlight === flight) this.#inFlight = null;
      this.#failed(new Timeout(`the ${name} fetch was dropped before it ended: on Workers, pass the request's ` +
        "ExecutionContext to the gateway so waitUntil keeps a refresh alive"));
      this.#noteHealth();
    }
    return this.#health.lastError;
  }

  // Resolves to the failure (a JOSEError), or null once the new value is in place.
  async #fetchDocument(flight) {
    const { name, FetchFailed } = this.#kind;
    const started = elapsedMs();
    const attempt = { status: null };
    let error = null;
    try {
      const { timeoutDuration, maxResponseSize } = this.#limits;
      const { document, cacheControl } = await fetchJson({
        fetch: this.#fetch, url: this.#url, headers: this.#headers, timeoutDuration, maxResponseSize,
      }, this.#kind, attempt);
      const value = parseDocument(this.#kind, document);
      this.#entry = entryOf(document, value, this.#now(), maxAgeOf(cacheControl, this.#limits));
      this.#health.succeeded();
    } catch (failure) {
      // Anything else came from an injected fetch's odd answer: still a failed fetch, with its code.
      error = failure instanceof JOSEError
        ? failure
        : new FetchFailed(`the ${name} fetch failed: ${failure}`, { cause: failure });
      if (!flight.abandoned) this.#failed(error); // an abandoned fetch has been counted already
    }
    this.#noteHealth();
    this.#health.report({
      ok: error === null, status: attempt.status, error, durationMs: elapsedMs() - started,
      fromCache: error !== null && this.#stateAt(this.#now()) !== null,
    });
    return error;
  }

  // The cooldown runs from the failure: an endpoint that hangs for timeoutDuration is not asked
  // again the moment it is given up.
  #failed(error) {
    const now = this.#now();
    this.#counters.failures++;
    this.#health.failed(error, now);
    this.#lastAttemptAt = now;
  }

  // Logs a change of the endpoint's state (endpoint-health.js).
  #noteHealth() {
    const entry = this.#entry;
    this.#health.note(this.#stateAt(this.#now()), entry, entry && entry.expiresAt + this.#limits.maxStale);
  }
}
