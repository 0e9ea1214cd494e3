// A JSON document fetched from an endpoint, for use at the edge: cached (Cache-Control within
// bounds), refreshed on expiry and when a lookup misses (at most once per cooldown), the last good
// document served while the endpoint fails (for at most maxStale), one request at a time, seedable
// from a persisted snapshot. Each body is parsed once, by its owner's hook: the JWKS
// (remote-jwks.js) and the revocation list (revocation.js) are the two owners.
// Only fetch, AbortController and setTimeout are used: it runs in Node, browsers and workerd alike.
//
// Redirects are followed as fetch does by default (redirect: "follow", at most 20 hops); the final
// URL must obey the same scheme rule as the configured one, or the response is refused.
import { JOSEError, JOSEInvalidArgument } from "./errors.js";

const DEFAULTS = {
  cacheMaxAge: 600_000,
  cooldownDuration: 30_000,
  timeoutDuration: 5_000,
  minCacheMaxAge: 60_000,
  maxCacheMaxAge: 86_400_000,
  maxStale: 3_600_000,
  maxResponseSize: 512 * 1024,
};
const LONGEST_TIMER = 2_147_483_647; // setTimeout fires at once for longer delays
const MAX_AGE = /^max-age\s*=\s*"?(\d+)"?$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });
const elapsedMs = () => globalThis.performance?.now() ?? Date.now();

// `kind` says what the document is:
//   name         for messages ("JWKS": "the JWKS endpoint answered HTTP 500")
//   describes    what a parse failure says the body is not ("a usable JWK Set")
//   accept       the Accept header, unless options.headers set one
//   field        the snapshot's member that holds the document ("jwks")
//   isDocument   the shape a seed's document must have; it is parsed only on first use, as parsing
//                may need what is not ready yet (the Wasm core, before init())
//   parse        the JSON document → the value to cache; throwing refuses the body
//   misses       (value, lookup) → whether a fresh value cannot answer this lookup, so a refetch is
//                worth trying (at most once per cooldown); optional
//   Timeout, FetchFailed, Invalid   the error classes for a stalled, failed and unusable exchange
export class RemoteDocument {
  #kind;
  #url;
  #limits;
  #fetch;
  #headers;
  #now;
  #onFetch;
  // The last good document: { value, document, fetchedAt, maxAge, expiresAt }. A seed's value is
  // undefined until first use.
  #entry;
  #inFlight = null; // the running fetch: a promise of its error, null on success
  #lastAttemptAt = -Infinity;
  #counters = { fetches: 0, failures: 0, coalesced: 0, servedStale: 0 };

  constructor(url, options, kind) {
    if (typeof options !== "object" || options === null) throw new JOSEInvalidArgument("options must be an object");
    this.#kind = kind;
    this.#url = endpointUrl(url, kind.name);
    this.#limits = limitsOf(options);
    this.#fetch = functionOption(options, "fetch", (...args) => globalThis.fetch(...args));
    this.#now = functionOption(options, "now", Date.now);
    this.#onFetch = functionOption(options, "onFetch", null);
    this.#headers = headersOf(options.headers, kind.accept);
    this.#entry = this.#seedEntry(options.seed);
  }

  // The value to use for `lookup`. A miss is not an error: the fresh value is returned when the
  // refetch it allows brings nothing better.
  async get(lookup) {
    this.#parseSeed();
    const now = this.#now();
    const entry = this.#entry;
    const mayFetch = this.#inFlight !== null || this.#cooledDown(now);
    const state = this.#stateAt(now);
    if (state === "fresh") {
      if (!mayFetch || !this.#kind.misses?.(entry.value, lookup)) return entry.value;
    } else if (state === "stale" && !mayFetch && this.#lastAttemptAt >= entry.expiresAt) {
      this.#counters.servedStale++; // a refresh since expiry failed: the next waits for the cooldown
      return entry.value;
    }
    const error = await this.#refresh();
    if (!error) return this.#entry.value;
    const after = this.#stateAt(this.#now());
    if (after === "stale") this.#counters.servedStale++;
    if (after) return this.#entry.value;
    throw error;
  }

  // Fetches now (or joins the fetch in flight) unless the cooldown has not passed, a value is on
  // hand and `force` is not set. Rejects with the fetch's error; a stale value stays in use for get.
  async reload({ force = false } = {}) {
    this.#parseSeed();
    const now = this.#now();
    if (!force && this.#inFlight === null && !this.#cooledDown(now) && this.#stateAt(now)) return this.#entry.value;
    const error = await this.#refresh();
    if (error) throw error;
    return this.#entry.value;
  }

  // The last good fetch, JSON-serialisable, to persist and pass back as `seed` in a new isolate.
  snapshot() {
    const entry = this.#entry;
    if (!entry) return null;
    return { [this.#kind.field]: structuredClone(entry.document), fetchedAt: entry.fetchedAt, maxAge: entry.maxAge };
  }

  stats() {
    return { ...this.#counters };
  }

  // "fresh", "stale" (expired, within maxStale) or null (nothing that may be served).
  #stateAt(now) {
    const entry = this.#entry;
    if (!entry) return null;
    if (now < entry.expiresAt) return "fresh";
    return now < entry.expiresAt + this.#limits.maxStale ? "stale" : null;
  }

  #cooledDown(now) {
    return now - this.#lastAttemptAt >= this.#limits.cooldownDuration;
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

  // One fetch at a time: callers that come while one runs share its outcome.
  #refresh() {
    if (this.#inFlight) {
      this.#counters.coalesced++;
      return this.#inFlight;
    }
    this.#lastAttemptAt = this.#now();
    this.#counters.fetches++;
    this.#inFlight = this.#fetchDocument().finally(() => { this.#inFlight = null; });
    return this.#inFlight;
  }

  // Resolves to the failure (a JOSEError), or null once the new value is in place.
  async #fetchDocument() {
    const { name, FetchFailed } = this.#kind;
    const started = elapsedMs();
    const attempt = { status: null };
    let error = null;
    try {
      const { document, maxAge } = await this.#withTimeout((signal) => this.#download(signal, attempt));
      const value = this.#parse(document);
      this.#entry = entryOf(document, value, this.#now(), maxAge);
    } catch (failure) {
      // Anything else came from an injected fetch's odd answer: still a failed fetch, with its code.
      error = failure instanceof JOSEError
        ? failure
        : new FetchFailed(`the ${name} fetch failed: ${failure}`, { cause: failure });
      this.#counters.failures++;
    }
    this.#report({
      ok: error === null, status: attempt.status, error, durationMs: elapsedMs() - started,
      fromCache: error !== null && this.#stateAt(this.#now()) !== null,
    });
    return error;
  }

  // The whole exchange, headers and body, must end within timeoutDuration. The race ends the wait
  // even when an injected fetch ignores the abort signal.
  async #withTimeout(exchange) {
    const { timeoutDuration } = this.#limits;
    const { name, Timeout } = this.#kind;
    const controller = new AbortController();
    let timer;
    const timeout = new Promise((resolve, reject) => {
      timer = setTimeout(() => {
        const error = new Timeout(`the ${name} endpoint did not answer within ${timeoutDuration} ms`);
        controller.abort(error);
        reject(error);
      }, timeoutDuration);
    });
    try {
      return await Promise.race([exchange(controller.signal), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async #download(signal, attempt) {
    const { name, FetchFailed, Invalid } = this.#kind;
    const fetch = this.#fetch;
    let response;
    try {
      response = await fetch(this.#url, { headers: this.#headers, signal });
    } catch (cause) {
      throw new FetchFailed(`the ${name} endpoint could not be reached: ${cause?.message ?? cause}`, { cause });
    }
    attempt.status = response.status;
    if (!response.ok) {
      discardBody(response);
      throw new FetchFailed(`the ${name} endpoint answered HTTP ${response.status}`);
    }
    if (response.url && !isAllowedEndpoint(new URL(response.url))) {
      discardBody(response);
      throw new FetchFailed(`the ${name} endpoint redirected to ${response.url}: neither https: nor loopback`);
    }
    const body = await readBounded(response, this.#limits.maxResponseSize, this.#kind);
    let document;
    try {
      document = JSON.parse(utf8.decode(body));
    } catch (cause) {
      throw new Invalid(`the ${name} endpoint's response is not UTF-8 JSON`, { cause });
    }
    return { document, maxAge: this.#maxAgeOf(response.headers.get("cache-control")) };
  }

  #parse(document) {
    const { name, describes, parse, Invalid } = this.#kind;
    try {
      return parse(document);
    } catch (cause) {
      throw new Invalid(`the ${name} endpoint's response is not ${describes}: ${cause.message}`, { cause });
    }
  }

  // The endpoint's Cache-Control max-age within the configured bounds; no-store/no-cache mean the
  // shortest; cacheMaxAge when it says nothing usable.
  #maxAgeOf(cacheControl) {
    const { cacheMaxAge, minCacheMaxAge, maxCacheMaxAge } = this.#limits;
    const directives = (cacheControl ?? "").toLowerCase().split(",").map((directive) => directive.trim());
    if (directives.includes("no-store") || directives.includes("no-cache")) return minCacheMaxAge;
    const maxAge = directives.map((directive) => MAX_AGE.exec(directive)).find(Boolean);
    if (!maxAge) return cacheMaxAge;
    return Math.min(Math.max(Number(maxAge[1]) * 1000, minCacheMaxAge), maxCacheMaxAge);
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

// Only https:, and http: for loopback hosts: what is fetched over plain http can be forged (RFC 8725 §3.9).
function endpointUrl(url, name) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new JOSEInvalidArgument(`the ${name} URL must be an absolute URL`);
  }
  if (!isAllowedEndpoint(parsed)) {
    throw new JOSEInvalidArgument(`the ${name} URL must be https: (http: only for 127.0.0.0/8, [::1] and localhost)`);
  }
  if (parsed.username || parsed.password) throw new JOSEInvalidArgument(`the ${name} URL must not carry credentials`);
  return parsed.href;
}

function isAllowedEndpoint(url) {
  if (url.protocol === "https:") return true;
  const host = url.hostname; // canonical: "127.1" is "127.0.0.1" here, IPv6 is bracketed
  return url.protocol === "http:" && (host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host));
}

function limitsOf(options) {
  const limits = {};
  for (const name of Object.keys(DEFAULTS)) {
    const value = options[name] ?? DEFAULTS[name];
    const least = name === "timeoutDuration" || name === "maxResponseSize" ? 1 : 0;
    const most = name === "timeoutDuration" ? LONGEST_TIMER : Number.MAX_SAFE_INTEGER;
    if (typeof value !== "number" || !(value >= least && value <= most)) {
      throw new JOSEInvalidArgument(`options.${name} must be a number from ${least} to ${most}`);
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

// At most `limit` bytes: a declared length over it is refused before reading, and the stream is
// cancelled as soon as it passes it (fetch has already decompressed, so a gzip bomb stops here too).
async function readBounded(response, limit, { name, FetchFailed, Invalid }) {
  const tooLarge = () => new Invalid(`the ${name} endpoint's response is larger than ${limit} bytes`);
  if (Number(response.headers.get("content-length")) > limit) {
    discardBody(response);
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    let chunk;
    try {
      chunk = await reader.read();
    } catch (cause) {
      throw new FetchFailed(`the ${name} endpoint's response broke off`, { cause });
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {}); // only releasing the connection; the outcome is decided
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

function discardBody(response) {
  response.body?.cancel().catch(() => {}); // only releasing the connection
}
