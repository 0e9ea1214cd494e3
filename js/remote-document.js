// A JSON document fetched from an endpoint, for use at the edge: cached (Cache-Control within
// bounds), refreshed on expiry and when a lookup misses, the last good document served while the
// endpoint fails (for at most maxStale), one request at a time, seedable from a persisted snapshot.
// Each body is parsed once, by its owner's hook: the JWKS (jwks/remote.js) and the revocation list
// (revocation.js). Only setTimeout and fetch: it runs in Node, browsers and workerd alike.
//
// Who waits: nobody while a usable document is on hand. An expired one is served at once while its
// refresh runs (stale-while-revalidate), and with `refreshAhead` a fresh one is refreshed before it
// expires (Envoy's async_fetch); only a lookup the document cannot answer (a token naming an
// unknown kid) or a caller with nothing usable waits, never longer than timeoutDuration. The
// endpoint is asked at most once per cooldown after a failure; callers in between get the last
// error at once; only reload(), called on purpose (on rotation), asks at any time.
//
// Its parts, one concept each: the options (remote-options.js), when to serve and refetch
// (refresh-schedule.js), the fetch in flight that a runtime may drop (fetch-flight.js), one
// exchange with the endpoint (endpoint-fetch.js), failures counted and logged once per change of
// state (endpoint-health.js), and the snapshot a `store` keeps beyond the isolate, trusted exactly
// as far as a seed (snapshot-persistence.js).
import { JOSEError, JOSEInvalidArgument } from "./errors.js";
import { endpointUrl, fetchJson } from "./endpoint-fetch.js";
import { EndpointHealth } from "./endpoint-health.js";
import { FetchFlights } from "./fetch-flight.js";
import { RefreshSchedule } from "./refresh-schedule.js";
import { SnapshotPersistence } from "./snapshot-persistence.js";
import {
  entryOf, functionOption, headersOf, limitsOf, loggerOf, maxAgeOf, parseDocument, seedEntryOf,
} from "./remote-options.js";

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
  #schedule;
  #flights;
  // The last good document: { value, document, fetchedAt, maxAge, expiresAt }. A seed's (or a
  // restored snapshot's) value is undefined until first use.
  #entry;
  #counters = { fetches: 0, failures: 0, coalesced: 0, servedStale: 0, waited: 0 };
  #store; // the SnapshotPersistence, or null
  #restoring; // the store's one read, or true when there is none to wait for

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
    this.#schedule = new RefreshSchedule(this.#limits);
    this.#flights = new FetchFlights(this.#limits.timeoutDuration, {
      onAbandon: (durationMs) => this.#abandoned(durationMs),
      lastError: () => this.#health.lastError,
    });
    this.#store = SnapshotPersistence.of(options.store, `${kind.field} ${this.#url}`, this.#now,
      (fields) => this.#health.log("warn", fields));
    this.#restoring = this.#store === null ? true : null;
  }

  // The value to use for `lookup`. A miss is not an error: the value on hand is returned when the
  // refetch it allows brings nothing better.
  async get(lookup) {
    if (this.#restoring !== true) await this.#restored();
    this.#parseSeed();
    // A dropped fetch is given up (its failure dated) before the time is read: read after, the
    // failure would seem to come later than this lookup, and hold back the refetch it needs.
    const idle = this.#flights.current === null;
    const now = this.#now();
    const state = this.#stateAt(now);
    if (state && !this.#kind.misses?.(this.#entry.value, lookup)) {
      // Refreshed in the background: its outcome is recorded and logged, nobody waits for it.
      const due = state === "stale" ? this.#schedule.refreshDue(this.#entry, now) : this.#schedule.refreshAheadDue(this.#entry, now);
      if (idle && due) this.#start();
      return this.#served(state);
    }
    if (idle && !this.#schedule.refreshDue(this.#entry, now)) {
      if (state) return this.#served(state); // an unknown kid within the cooldown: nothing to wait for
      if (this.#health.failing) {
        this.#noteHealth();
        throw this.#health.lastError; // nothing usable and the last try failed recently: fail fast
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
    return this.#stateAt(now) === "fresh" && !this.#schedule.refreshAheadDue(this.#entry, now) ? this.#entry.value : undefined;
  }

  // Fetches now, or joins the fetch in flight, as jose's reload() does: the caller asks for it (on
  // rotation, say), so the cooldown, which holds back the refetches a lookup starts, does not apply.
  // Rejects with the fetch's error; a stale value stays in use for get.
  async reload() {
    // Without a store nothing is awaited first: the fetch has started when reload() returns.
    if (this.#restoring !== true) await this.#restored();
    this.#parseSeed();
    const error = await this.#refresh();
    if (error) throw error;
    return this.#entry.value;
  }

  // jose's remote set properties. coolingDown: a lookup that misses would not refetch now (the
  // cooldown since the last fetch has not passed); fresh: the document on hand is within its
  // max-age; reloading: a fetch is in flight.
  get coolingDown() {
    return !this.#schedule.cooledDown(this.#now());
  }

  get fresh() {
    return this.#stateAt(this.#now()) === "fresh";
  }

  get reloading() {
    return this.#flights.current !== null;
  }

  // A copy of the document on hand, or undefined before there is one.
  document() {
    return this.#entry ? structuredClone(this.#entry.document) : undefined;
  }

  // The fetch in flight (with the save of its snapshot that follows), as a promise that resolves
  // (to its failure, or null) when both end; else a save still running; else null: for a runtime's
  // waitUntil, so work started in the background outlives the request that started it.
  refreshing() {
    return this.#flights.current?.settled ?? this.#store?.saving ?? null;
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
    return {
      ...this.#counters,
      state: this.#stateAt(this.#now()) ?? "unavailable",
      fetchedAt: this.#entry?.fetchedAt ?? null,
      ...this.#health.stats(),
      ...(this.#store && { persistence: this.#store.stats() }),
    };
  }

  // Before the first use, the stored snapshot read (once), taken unless what is on hand is newer.
  #restored() {
    return (this.#restoring ??= this.#restore());
  }

  async #restore() {
    await this.#store.restore(this.#limits.timeoutDuration, (snapshot) => {
      const entry = seedEntryOf(snapshot, this.#kind, this.#now(), this.#limits, "the stored snapshot");
      if (this.#entry !== null && entry.fetchedAt <= this.#entry.fetchedAt) return null;
      this.#entry = Object.assign(entry, { restored: true });
      return entry.fetchedAt;
    });
    this.#restoring = true;
  }

  #stateAt(now) {
    return this.#schedule.stateAt(this.#entry, now);
  }

  #served(state) {
    if (state === "stale") this.#counters.servedStale++;
    return this.#entry.value;
  }

  #parseSeed() {
    const entry = this.#entry;
    if (!entry || entry.value !== undefined) return;
    try {
      entry.value = this.#kind.parse(entry.document);
    } catch (cause) {
      this.#entry = null; // a seed that does not parse is as good as none: the endpoint is asked instead
      if (entry.restored) this.#store.unusable(cause); // and a stored one was not restored after all
    }
  }

  // One fetch at a time: callers that come while one runs share its outcome. Resolves to the
  // failure, or null once the new value is in place; never rejects.
  #refresh() {
    const flight = this.#flights.current;
    if (flight) this.#counters.coalesced++;
    return this.#flights.outcomeOf(flight ?? this.#start());
  }

  #start() {
    this.#schedule.attempted(this.#now());
    this.#counters.fetches++;
    return this.#flights.start((flight) => this.#fetchDocument(flight), () => this.#store?.saving);
  }

  // A fetch nothing settles any more counts as a timeout, and the next caller may start another.
  #abandoned(durationMs) {
    const { name, Timeout } = this.#kind;
    const error = new Timeout(`the ${name} fetch was dropped before it ended: on Workers, pass the request's ` +
      "ExecutionContext to the gateway so waitUntil keeps a refresh alive");
    this.#failed(error);
    this.#noteHealth();
    this.#health.report({ ok: false, status: null, error, durationMs, fromCache: this.#stateAt(this.#now()) !== null });
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
      // Stored, usable for its max-age and maxStale from now.
      this.#store?.save(this.snapshot(), this.#entry.maxAge + this.#limits.maxStale);
    } catch (failure) {
      // Anything else came from an injected fetch's odd answer: still a failed fetch, with its code.
      error = failure instanceof JOSEError
        ? failure
        : new FetchFailed(`the ${name} fetch failed: ${failure}`, { cause: failure });
      if (!flight.abandoned) this.#failed(error); // an abandoned fetch has been counted already
    }
    this.#noteHealth();
    if (!flight.abandoned) { // an abandoned fetch has been reported already: one event per fetch
      this.#health.report({
        ok: error === null, status: attempt.status, error, durationMs: elapsedMs() - started,
        fromCache: error !== null && this.#stateAt(this.#now()) !== null,
      });
    }
    return error;
  }

  // The cooldown runs from the failure (refresh-schedule.js).
  #failed(error) {
    const now = this.#now();
    this.#counters.failures++;
    this.#health.failed(error, now);
    this.#schedule.attempted(now);
  }

  // Logs a change of the endpoint's state (endpoint-health.js).
  #noteHealth() {
    const entry = this.#entry;
    this.#health.note(this.#stateAt(this.#now()), entry, entry && this.#schedule.servedUntil(entry));
  }
}
