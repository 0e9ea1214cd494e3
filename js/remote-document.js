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
// anything was ever cached; callers in between get the last error at once. Only reload(), which
// the owner calls on purpose (on rotation), asks at any time.
//
// A runtime may drop a fetch when the request that started it ends (workerd does, unless the
// request's waitUntil keeps it): nothing then settles it, not even its timeout. So no caller waits
// on a fetch longer than timeoutDuration (and a little grace), a fetch older than that is taken as
// failed and replaced, and refreshing() hands the fetch in flight to the runtime's waitUntil.
//
// Failures are reported as they happen: stats() carries the last error, and one log line is
// written each time the state changes (failing while serving the last good document, unavailable,
// recovered), never one per request. Each exchange with the endpoint is endpoint-fetch.js's.
//
// Two options serve a runtime that starts fresh isolates (Workers): a `store` keeps the last good
// snapshot() beyond the isolate — read once at the first use, so a cold isolate answers without
// waiting for the endpoint, written after each good fetch — and `refreshAhead` refreshes a fresh
// document in the background before it expires, so under steady traffic nobody waits for a refetch
// of a document already known (Envoy's async_fetch). A restored snapshot is trusted exactly as far
// as a seed: no later than its own fetchedAt plus its max-age (at most maxCacheMaxAge) and maxStale.
import { JOSEError, JOSEInvalidArgument } from "./errors.js";
import { endpointUrl, fetchJson } from "./endpoint-fetch.js";

const DEFAULTS = {
  cacheMaxAge: 600_000,
  cooldownDuration: 30_000,
  timeoutDuration: 5_000,
  minCacheMaxAge: 60_000,
  maxCacheMaxAge: 86_400_000,
  maxStale: 3_600_000,
  refreshAhead: 0,
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
//   joseRanges   true for jose's createRemoteJWKSet ranges: cacheMaxAge and cooldownDuration may be
//                Infinity, timeoutDuration 0 (every fetch times out); otherwise they are finite,
//                and timeoutDuration at least 1 (a revocation list must be fetched, and refreshed)
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
  #counters = { fetches: 0, failures: 0, coalesced: 0, servedStale: 0, waited: 0 };
  // The store: { load(key), save(key, snapshot, ttl) }, or null. `#restoring` is its load, once;
  // true when there is none to wait for.
  #store;
  #storeKey;
  #restoring;
  #persisting = null; // the save in progress
  #persistence = { restoredFrom: null, saves: 0, failures: 0, lastError: null };

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
    this.#store = storeOf(options.store);
    this.#storeKey = `${kind.field} ${this.#url}`;
    this.#restoring = this.#store === null ? true : null;
  }

  // The value to use for `lookup`. A miss is not an error: the value on hand is returned when the
  // refetch it allows brings nothing better.
  async get(lookup) {
    if (this.#restoring !== true) await (this.#restoring ??= this.#restore());
    this.#parseSeed();
    this.#dropAbandoned();
    const now = this.#now();
    const state = this.#stateAt(now);
    if (state && !this.#kind.misses?.(this.#entry.value, lookup)) {
      // Refreshed in the background: its outcome is recorded and logged, nobody waits for it.
      if (this.#inFlight === null && (state === "stale" ? this.#refreshDue(now) : this.#refreshAheadDue(now))) this.#start();
      return this.#served(state);
    }
    if (this.#inFlight === null && !this.#refreshDue(now)) {
      if (state) return this.#served(state); // an unknown kid within the cooldown: nothing to wait for
      if (this.#consecutiveFailures > 0) {
        this.#noteHealth();
        throw this.#lastError.error; // nothing usable and the last try failed recently: fail fast
      }
    }
    this.#counters.waited++;
    const error = await this.#refresh();
    if (!error) return this.#entry.value;
    const after = this.#stateAt(this.#now());
    if (after) return this.#served(after);
    this.#noteHealth();
    throw error;
  }

  // The value get() answers at once and starts nothing for, whatever the lookup that does not miss:
  // a fresh document outside its refresh-ahead window. undefined otherwise (get() then decides).
  valueAtOnce() {
    if (this.#restoring !== true || this.#entry?.value === undefined) return undefined;
    const now = this.#now();
    return this.#stateAt(now) === "fresh" && !this.#refreshAheadDue(now) ? this.#entry.value : undefined;
  }

  // Fetches now, or joins the fetch in flight, as jose's reload() does: the caller asks for it (on
  // rotation, say), so the cooldown, which holds back the refetches a lookup starts, does not apply.
  // Rejects with the fetch's error; a stale value stays in use for get.
  async reload() {
    if (this.#restoring !== true) await (this.#restoring ??= this.#restore());
    this.#parseSeed();
    this.#dropAbandoned();
    const error = await this.#refresh();
    if (error) throw error;
    return this.#entry.value;
  }

  // jose's remote set properties. coolingDown: a lookup that misses would not refetch now (the
  // cooldown since the last fetch has not passed); fresh: the document on hand is within its
  // max-age; reloading: a fetch is in flight.
  get coolingDown() {
    return !this.#cooledDown(this.#now());
  }

  get fresh() {
    return this.#stateAt(this.#now()) === "fresh";
  }

  get reloading() {
    this.#dropAbandoned();
    return this.#inFlight !== null;
  }

  // A copy of the document on hand, or undefined before there is one.
  document() {
    return this.#entry ? structuredClone(this.#entry.document) : undefined;
  }

  // The fetch in flight (with the save of its snapshot that follows), as a promise that resolves
  // (to its failure, or null) when both end; else a save still running; else null: for a runtime's
  // waitUntil, so work started in the background outlives the request that started it.
  refreshing() {
    return this.#inFlight?.settled ?? this.#persisting;
  }

  // The last good fetch, JSON-serialisable, to persist and pass back as `seed` in a new isolate.
  // Its maxAge is at most maxCacheMaxAge, as far as a seed is trusted anyway, so that it stays a
  // finite number through JSON (cacheMaxAge may be Infinity).
  snapshot() {
    const entry = this.#entry;
    if (!entry) return null;
    const maxAge = Math.min(entry.maxAge, this.#limits.maxCacheMaxAge);
    return { [this.#kind.field]: structuredClone(entry.document), fetchedAt: entry.fetchedAt, maxAge };
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
      ...(this.#store && { persistence: { ...this.#persistence } }),
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

  // A fresh document within refreshAhead of its expiry (at most the second half of its max-age) is
  // refreshed by the first call that finds it there, and again once per cooldown while that fails.
  #refreshAheadDue(now) {
    const { refreshAhead } = this.#limits;
    if (refreshAhead === 0) return false;
    const entry = this.#entry;
    const from = entry.expiresAt - Math.min(refreshAhead, entry.maxAge / 2);
    return now >= from && (this.#lastAttemptAt < from || this.#cooledDown(now));
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
    } catch (cause) {
      this.#entry = null; // a seed that does not parse is as good as none: the endpoint is asked instead
      if (entry.restored) { // and a stored one was not restored after all
        this.#persistence.restoredFrom = null;
        this.#storeFailed("load", new Error(`the stored snapshot is unusable: ${cause?.message ?? cause}`));
      }
    }
  }

  // One fetch at a time: callers that come while one runs share its outcome. Resolves to the
  // failure, or null once the new value is in place; never rejects.
  #refresh() {
    if (this.#inFlight) this.#counters.coalesced++;
    return this.#outcomeOf(this.#inFlight ?? this.#start());
  }

  // `done`: the fetch's outcome, which callers wait for; `settled`: that and the save it starts.
  #start() {
    const flight = { done: null, settled: null, startedAt: elapsedMs(), abandoned: false };
    this.#lastAttemptAt = this.#now();
    this.#counters.fetches++;
    this.#inFlight = flight;
    flight.done = this.#fetchDocument(flight).finally(() => {
      if (this.#inFlight === flight) this.#inFlight = null;
    });
    flight.settled = flight.done.then(async (error) => {
      await this.#persisting;
      return error;
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
    return Promise.race([flight.done, dropped]).finally(() => clearTimeout(timer));
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
      const error = new Timeout(`the ${name} fetch was dropped before it ended: on Workers, pass the request's ` +
        "ExecutionContext to the gateway so waitUntil keeps a refresh alive");
      this.#failed(error);
      this.#noteHealth();
      this.#report({
        ok: false, status: null, error, durationMs: elapsedMs() - flight.startedAt, fromCache: this.#stateAt(this.#now()) !== null,
      });
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
      this.#persist();
    } catch (failure) {
      // Anything else came from an injected fetch's odd answer: still a failed fetch, with its code.
      error = failure instanceof JOSEError
        ? failure
        : new FetchFailed(`the ${name} fetch failed: ${failure}`, { cause: failure });
      if (!flight.abandoned) this.#failed(error); // an abandoned fetch has been counted already
    }
    this.#noteHealth();
    if (!flight.abandoned) { // an abandoned fetch has been reported already: one event per fetch
      this.#report({
        ok: error === null, status: attempt.status, error, durationMs: elapsedMs() - started,
        fromCache: error !== null && this.#stateAt(this.#now()) !== null,
      });
    }
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
  #seedEntry(seed, where = "options.seed") {
    if (seed === undefined || seed === null) return null;
    const { field, isDocument } = this.#kind;
    const valid = typeof seed === "object" && isDocument(seed[field]) && Number.isFinite(seed.fetchedAt) &&
      Number.isFinite(seed.maxAge) && seed.maxAge >= 0;
    if (!valid) throw new JOSEInvalidArgument(`${where} must be a snapshot(): { ${field}, fetchedAt, maxAge }`);
    const fetchedAt = Math.min(seed.fetchedAt, this.#now());
    const maxAge = Math.min(seed.maxAge, this.#limits.maxCacheMaxAge);
    return entryOf(structuredClone(seed[field]), undefined, fetchedAt, maxAge);
  }

  // Reads the stored snapshot, once, and takes it unless what is on hand is newer. A store that
  // fails, answers nonsense or takes longer than timeoutDuration is as good as an empty one: the
  // endpoint is asked instead. Never rejects.
  async #restore() {
    const { timeoutDuration } = this.#limits;
    let timer;
    try {
      const late = new Promise((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`it did not answer within ${timeoutDuration} ms`)), timeoutDuration);
      });
      const snapshot = await Promise.race([this.#store.load(this.#storeKey), late]);
      if (snapshot !== null && snapshot !== undefined) {
        const entry = this.#seedEntry(snapshot, "the stored snapshot");
        if (this.#entry === null || entry.fetchedAt > this.#entry.fetchedAt) {
          this.#entry = Object.assign(entry, { restored: true });
          this.#persistence.restoredFrom = entry.fetchedAt;
        }
      }
    } catch (error) {
      this.#storeFailed("load", error);
    } finally {
      clearTimeout(timer);
    }
    this.#restoring = true;
  }

  // Writes the snapshot just fetched, usable for its max-age and maxStale from now; the save runs
  // in the background (refreshing() hands it on) and never fails the caller.
  #persist() {
    if (this.#store === null) return;
    const entry = this.#entry;
    const saving = (async () => {
      try {
        await this.#store.save(this.#storeKey, this.snapshot(), entry.maxAge + this.#limits.maxStale);
        this.#persistence.saves++;
      } catch (error) {
        this.#storeFailed("save", error);
      }
      return null;
    })();
    this.#persisting = saving;
    saving.finally(() => {
      if (this.#persisting === saving) this.#persisting = null;
    });
  }

  // Counted in stats() and logged (a load once per isolate, a save once per fetch: never per request).
  #storeFailed(operation, error) {
    const message = `the snapshot store's ${operation} failed: ${error?.message ?? error}`;
    this.#persistence.failures++;
    this.#persistence.lastError = { operation, message, at: this.#now() };
    if (!this.#logger) return;
    const url = new URL(this.#url);
    try {
      this.#logger.warn(JSON.stringify({
        source: "edgejwt", document: this.#kind.name, endpoint: `${url.origin}${url.pathname}`, store: operation, message,
      }));
    } catch {
      // Logging must never break the caller's work.
    }
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

// Durations jose takes as Infinity (kind.joseRanges): keys that never expire, a set that never
// refetches on its own.
const UNBOUNDED = new Set(["cacheMaxAge", "cooldownDuration"]);
// Whole numbers: a timer's milliseconds (as jose asks of timeoutDuration) and a byte count.
const WHOLE = new Set(["timeoutDuration", "maxResponseSize"]);

function limitsOf(options, kind) {
  const limits = {};
  for (const name of LIMITS) {
    const value = options[name] ?? kind.defaults[name] ?? DEFAULTS[name];
    const least = name === "maxResponseSize" || (name === "timeoutDuration" && !kind.joseRanges) ? 1 : 0;
    let most = name === "timeoutDuration" ? LONGEST_TIMER
      : UNBOUNDED.has(name) && kind.joseRanges ? Infinity : Number.MAX_SAFE_INTEGER;
    let why = "";
    if (name === "maxResponseSize" && kind.largestResponse) ({ bytes: most, why } = kind.largestResponse);
    if (typeof value !== "number" || !(value >= least && value <= most) || (WHOLE.has(name) && !Number.isInteger(value))) {
      const whole = WHOLE.has(name) ? "a whole number" : "a number";
      throw new JOSEInvalidArgument(`options.${name} must be ${whole} from ${least} to ${most}${why && ` (${why})`}`);
    }
    limits[name] = value;
  }
  if (limits.minCacheMaxAge > limits.maxCacheMaxAge) {
    throw new JOSEInvalidArgument("options.minCacheMaxAge must not exceed options.maxCacheMaxAge");
  }
  return limits;
}

// A store of snapshots: any object with load(key) and save(key, snapshot, ttl) (promises), or none.
function storeOf(store) {
  if (store === undefined || store === null) return null;
  if (typeof store !== "object" || typeof store.load !== "function" || typeof store.save !== "function") {
    throw new JOSEInvalidArgument("options.store must have load(key) and save(key, snapshot, ttl) methods, or be null");
  }
  return store;
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
