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
// Failures are reported as they happen: stats() carries the last error, and one log line is
// written each time the state changes (failing while serving the last good document, unavailable,
// recovered), never one per request. Each exchange with the endpoint is endpoint-fetch.js's.
import { JOSEError, JOSEInvalidArgument } from "./errors.js";
import { endpointUrl, fetchJson } from "./endpoint-fetch.js";

const DEFAULTS = {
  cacheMaxAge: 600_000,
  cooldownDuration: 30_000,
  timeoutDuration: 5_000,
  minCacheMaxAge: 60_000,
  maxCacheMaxAge: 86_400_000,
  maxStale: 3_600_000,
};
const LIMITS = [...Object.keys(DEFAULTS), "maxResponseSize"]; // the owner sets its byte limit
const LONGEST_TIMER = 2_147_483_647; // setTimeout fires at once for longer delays
const ABANDON_GRACE = 100; // past timeoutDuration, a fetch that has not settled is taken as dropped
const MAX_AGE = /^max-age\s*=\s*"?(\d+)"?$/;
const elapsedMs = () => globalThis.performance?.now() ?? Date.now();

// `kind` says what the document is:
//   name         for messages ("JWKS": "the JWKS endpoint answered HTTP 500")
//   describes    what a parse failure says the body is not ("a usable JWK Set")
//   accept       the Accept header, unless options.headers set one
//   field        the snapshot's member that holds the document ("jwks")
//   defaults     the owner's defaults: maxResponseSize, and any of DEFAULTS it sets otherwise
//   largestResponse  { bytes, why }: the most maxResponseSize may be, and why; optional
//   isDocument   the shape a seed's document must have; it is parsed only on first use, as parsing
//                may need what is not ready yet (the Wasm core, before init())
//   parse        the JSON document → the value to cache; throwing refuses the body
//   misses       (value, lookup) → whether a fresh value cannot answer this lookup, so a refetch is
//                worth waiting for (at most once per cooldown); optional
//   Timeout, FetchFailed, Invalid   the error classes for a stalled, failed and unusable exchange
export class RemoteDocument {
  #kind;
  #url;
  #limits;
  #fetch;
  #headers;
  #now;
  #onFetch;
  #logger;
  // The last good document: { value, document, fetchedAt, maxAge, expiresAt }. A seed's value is
  // undefined until first use.
  #entry;
  // The running fetch: { settled: a promise of its error (null on success), startedAt, abandoned }.
  #inFlight = null;
  #lastAttemptAt = -Infinity;
  #lastError = null; // the latest failure: { error, at }, kept after a recovery for stats()
  #consecutiveFailures = 0;
  #health = "ok"; // what was last logged: "ok", or "<state> <code>" while failing
  #counters = { fetches: 0, failures: 0, coalesced: 0, servedStale: 0 };

  constructor(url, options, kind) {
    if (typeof options !== "object" || options === null) throw new JOSEInvalidArgument("options must be an object");
    this.#kind = kind;
    this.#url = endpointUrl(url, kind.name);
    this.#limits = limitsOf(options, kind);
    this.#fetch = functionOption(options, "fetch", (...args) => globalThis.fetch(...args));
    this.#now = functionOption(options, "now", Date.now);
    this.#onFetch = functionOption(options, "onFetch", null);
    this.#logger = loggerOf(options.logger);
    this.#headers = headersOf(options.headers, kind.accept);
    this.#entry = this.#seedEntry(options.seed);
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
      if (this.#consecutiveFailures > 0) {
        this.#noteHealth();
        throw this.#lastError.error; // nothing usable and the last try failed recently: fail fast
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
    const last = this.#lastError;
    return {
      ...this.#counters,
      state: this.#stateAt(this.#now()) ?? "unavailable",
      fetchedAt: this.#entry?.fetchedAt ?? null,
      consecutiveFailures: this.#consecutiveFailures,
      lastError: last && { code: last.error.code, message: last.error.message, at: last.at },
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
    return this.#lastError.error;
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
      const value = this.#parse(document);
      this.#entry = entryOf(document, value, this.#now(), this.#maxAgeOf(cacheControl));
      this.#consecutiveFailures = 0;
    } catch (failure) {
      // Anything else came from an injected fetch's odd answer: still a failed fetch, with its code.
      error = failure instanceof JOSEError
        ? failure
        : new FetchFailed(`the ${name} fetch failed: ${failure}`, { cause: failure });
      if (!flight.abandoned) this.#failed(error); // an abandoned fetch has been counted already
    }
    this.#noteHealth();
    this.#report({
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
    this.#consecutiveFailures++;
    this.#lastError = { error, at: now };
    this.#lastAttemptAt = now;
  }

  #parse(document) {
    const { name, describes, parse, Invalid } = this.#kind;
    try {
      return parse(document);
    } catch (cause) {
      throw new Invalid(`the ${name} endpoint's response is not ${describes}: ${cause.message}`, { cause });
    }
  }

  // The endpoint's Cache-Control max-age within the configured bounds; cacheMaxAge when it says
  // nothing usable. no-store/no-cache mean the shortest. A header asking for less caching never
  // makes it longer than without it: the floor is minCacheMaxAge or cacheMaxAge, the smaller.
  #maxAgeOf(cacheControl) {
    const { cacheMaxAge, minCacheMaxAge, maxCacheMaxAge } = this.#limits;
    const floor = Math.min(minCacheMaxAge, cacheMaxAge);
    const directives = (cacheControl ?? "").toLowerCase().split(",").map((directive) => directive.trim());
    if (directives.includes("no-store") || directives.includes("no-cache")) return floor;
    const maxAge = directives.map((directive) => MAX_AGE.exec(directive)).find(Boolean);
    if (!maxAge) return cacheMaxAge;
    return Math.min(Math.max(Number(maxAge[1]) * 1000, floor), maxCacheMaxAge);
  }

  // A persisted snapshot is trusted no further than now (its fetchedAt) and maxCacheMaxAge.
  #seedEntry(seed) {
    if (seed === undefined || seed === null) return null;
    const { field, isDocument } = this.#kind;
    const valid = typeof seed === "object" && isDocument(seed[field]) && Number.isFinite(seed.fetchedAt) &&
      Number.isFinite(seed.maxAge) && seed.maxAge >= 0;
    if (!valid) throw new JOSEInvalidArgument(`options.seed must be a snapshot(): { ${field}, fetchedAt, maxAge }`);
    const fetchedAt = Math.min(seed.fetchedAt, this.#now());
    const maxAge = Math.min(seed.maxAge, this.#limits.maxCacheMaxAge);
    return entryOf(structuredClone(seed[field]), undefined, fetchedAt, maxAge);
  }

  // One log line per change of state: failing (the last good document still served, until when),
  // unavailable (nothing may be served: callers get the error), recovered. The line names the
  // endpoint without its query (which may carry a key) and never holds token data.
  #noteHealth() {
    const now = this.#now();
    const error = this.#consecutiveFailures > 0 ? this.#lastError.error : null;
    const state = error === null ? "ok" : this.#stateAt(now) === null ? "unavailable" : "failing";
    const health = error === null ? "ok" : `${state} ${error.code}`;
    if (health === this.#health) return;
    const recovered = health === "ok";
    this.#health = health;
    if (!this.#logger) return;
    const url = new URL(this.#url);
    const entry = this.#entry;
    const line = {
      source: "edgejwt", document: this.#kind.name, endpoint: `${url.origin}${url.pathname}`,
      state: recovered ? "recovered" : state,
      ...(error && { code: error.code, message: error.message, consecutiveFailures: this.#consecutiveFailures }),
      ...(entry && { fetchedAt: isoTime(entry.fetchedAt) }),
      ...(state === "failing" && { servedUntil: isoTime(entry.expiresAt + this.#limits.maxStale) }),
    };
    const level = recovered ? "info" : state === "failing" ? "warn" : "error";
    try {
      this.#logger[level](JSON.stringify(line));
    } catch {
      // Logging must never break the caller's work.
    }
  }

  #report(event) {
    const onFetch = this.#onFetch;
    if (!onFetch) return;
    try {
      onFetch(event);
    } catch {
      // Statistics must never break the caller's work.
    }
  }
}

function entryOf(document, value, fetchedAt, maxAge) {
  return { value, document, fetchedAt, maxAge, expiresAt: fetchedAt + maxAge };
}

function limitsOf(options, kind) {
  const limits = {};
  for (const name of LIMITS) {
    const value = options[name] ?? kind.defaults[name] ?? DEFAULTS[name];
    const least = name === "timeoutDuration" || name === "maxResponseSize" ? 1 : 0;
    let most = name === "timeoutDuration" ? LONGEST_TIMER : Number.MAX_SAFE_INTEGER;
    let why = "";
    if (name === "maxResponseSize" && kind.largestResponse) ({ bytes: most, why } = kind.largestResponse);
    if (typeof value !== "number" || !(value >= least && value <= most)) {
      throw new JOSEInvalidArgument(`options.${name} must be a number from ${least} to ${most}${why && ` (${why})`}`);
    }
    limits[name] = value;
  }
  if (limits.minCacheMaxAge > limits.maxCacheMaxAge) {
    throw new JOSEInvalidArgument("options.minCacheMaxAge must not exceed options.maxCacheMaxAge");
  }
  return limits;
}

function functionOption(options, name, fallback) {
  const value = options[name] ?? fallback;
  if (value !== null && typeof value !== "function") {
    throw new JOSEInvalidArgument(`options.${name} must be a function`);
  }
  return value;
}

// The console unless given; null keeps quiet. Any object with error, warn and info functions will do.
function loggerOf(logger) {
  if (logger === null) return null;
  const chosen = logger ?? globalThis.console;
  if (typeof chosen !== "object" || !["error", "warn", "info"].every((level) => typeof chosen[level] === "function")) {
    throw new JOSEInvalidArgument("options.logger must have error, warn and info methods, or be null");
  }
  return chosen;
}

function headersOf(extra, accept) {
  let headers;
  try {
    headers = new Headers(extra);
  } catch (cause) {
    throw new JOSEInvalidArgument("options.headers must be an object, an array of pairs or Headers", { cause });
  }
  if (!headers.has("accept")) headers.set("accept", accept);
  return headers;
}

function isoTime(ms) {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
