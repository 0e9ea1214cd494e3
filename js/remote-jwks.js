// A key set fetched from an identity provider's JWKS endpoint, for verifying at the edge: cached
// (Cache-Control within bounds), refreshed on expiry and on an unknown kid (at most once per
// cooldown), the last good keys served while the endpoint fails (for at most maxStale), one request
// at a time, seedable from a persisted snapshot. Keys are imported into the core once per fetch.
// Only fetch, AbortController and setTimeout are used: it runs in Node, browsers and workerd alike.
//
// Redirects are followed as fetch does by default (redirect: "follow", at most 20 hops); the final
// URL must obey the same scheme rule as the configured one, or the response is refused.
import { JOSEError, JOSEInvalidArgument, JWKSFetchFailed, JWKSInvalid, JWKSTimeout } from "./errors.js";

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
const ACCEPT = "application/jwk-set+json, application/json";
const MAX_AGE = /^max-age\s*=\s*"?(\d+)"?$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });
const elapsedMs = () => globalThis.performance?.now() ?? Date.now();

// Bound by each entry point to its own createLocalJWKSet (and so to its own Wasm instance).
export function createRemoteJWKSetFactory({ createLocalJWKSet }) {
  return function createRemoteJWKSet(url, options = {}) {
    return new RemoteJWKSet(createLocalJWKSet, url, options);
  };
}

export class RemoteJWKSet {
  #createLocalJWKSet;
  #url;
  #limits;
  #fetch;
  #headers;
  #now;
  #onFetch;
  // The last good keys: { set, jwks, kids, fetchedAt, maxAge, expiresAt }. A seed's set is null
  // until first use, as the set may be created at a module's top level, before init().
  #entry;
  #inFlight = null; // the running fetch: a promise of its error, null on success
  #lastAttemptAt = -Infinity;
  #counters = { fetches: 0, failures: 0, coalesced: 0, servedStale: 0 };

  constructor(createLocalJWKSet, url, options) {
    if (typeof options !== "object" || options === null) throw new JOSEInvalidArgument("options must be an object");
    this.#createLocalJWKSet = createLocalJWKSet;
    this.#url = endpointUrl(url);
    this.#limits = limitsOf(options);
    this.#fetch = functionOption(options, "fetch", (...args) => globalThis.fetch(...args));
    this.#now = functionOption(options, "now", Date.now);
    this.#onFetch = functionOption(options, "onFetch", null);
    this.#headers = headersOf(options.headers);
    this.#entry = this.#seedEntry(options.seed);
  }

  // The key set to verify a token with this protected header. Never throws for a kid that is
  // simply unknown: verify then reports ERR_JWKS_NO_MATCHING_KEY.
  async keySetFor(protectedHeader) {
    this.#importSeed();
    const now = this.#now();
    const entry = this.#entry;
    const mayFetch = this.#inFlight !== null || this.#cooledDown(now);
    const state = this.#stateAt(now);
    if (state === "fresh") {
      const kid = protectedHeader?.kid;
      const unknownKid = typeof kid === "string" && !entry.kids.has(kid);
      if (!unknownKid || !mayFetch) return entry.set;
    } else if (state === "stale" && !mayFetch && this.#lastAttemptAt >= entry.expiresAt) {
      this.#counters.servedStale++; // a refresh since expiry failed: the next waits for the cooldown
      return entry.set;
    }
    const error = await this.#refresh();
    if (!error) return this.#entry.set;
    const after = this.#stateAt(this.#now());
    if (after === "stale") this.#counters.servedStale++;
    if (after) return this.#entry.set;
    throw error;
  }

  // Fetches now (or joins the fetch in flight) unless the cooldown has not passed, keys are on hand
  // and `force` is not set. Rejects with the fetch's error; stale keys stay in use for keySetFor.
  async reload({ force = false } = {}) {
    this.#importSeed();
    const now = this.#now();
    if (!force && this.#inFlight === null && !this.#cooledDown(now) && this.#stateAt(now)) return this.#entry.set;
    const error = await this.#refresh();
    if (error) throw error;
    return this.#entry.set;
  }

  // The last good fetch, JSON-serialisable, to persist and pass back as `seed` in a new isolate.
  snapshot() {
    const entry = this.#entry;
    return entry ? { jwks: structuredClone(entry.jwks), fetchedAt: entry.fetchedAt, maxAge: entry.maxAge } : null;
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

  #importSeed() {
    const entry = this.#entry;
    if (!entry || entry.set) return;
    try {
      entry.set = this.#createLocalJWKSet(entry.jwks);
    } catch {
      this.#entry = null; // a seed the core refuses is as good as none: the endpoint is asked instead
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
    this.#inFlight = this.#fetchKeys().finally(() => { this.#inFlight = null; });
    return this.#inFlight;
  }

  // Resolves to the failure (a JOSEError), or null once the new keys are in place.
  async #fetchKeys() {
    const started = elapsedMs();
    const attempt = { status: null };
    let error = null;
    try {
      const { jwks, maxAge } = await this.#withTimeout((signal) => this.#download(signal, attempt));
      const set = this.#importKeys(jwks);
      this.#entry = entryOf(jwks, set, this.#now(), maxAge);
    } catch (failure) {
      // Anything else came from an injected fetch's odd answer: still a failed fetch, with its code.
      error = failure instanceof JOSEError
        ? failure
        : new JWKSFetchFailed(`the JWKS fetch failed: ${failure}`, { cause: failure });
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
    const controller = new AbortController();
    let timer;
    const timeout = new Promise((resolve, reject) => {
      timer = setTimeout(() => {
        const error = new JWKSTimeout(`the JWKS endpoint did not answer within ${timeoutDuration} ms`);
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
    const fetch = this.#fetch;
    let response;
    try {
      response = await fetch(this.#url, { headers: this.#headers, signal });
    } catch (cause) {
      throw new JWKSFetchFailed(`the JWKS endpoint could not be reached: ${cause?.message ?? cause}`, { cause });
    }
    attempt.status = response.status;
    if (!response.ok) {
      discardBody(response);
      throw new JWKSFetchFailed(`the JWKS endpoint answered HTTP ${response.status}`);
    }
    if (response.url && !isAllowedEndpoint(new URL(response.url))) {
      discardBody(response);
      throw new JWKSFetchFailed(`the JWKS endpoint redirected to ${response.url}: neither https: nor loopback`);
    }
    const body = await readBounded(response, this.#limits.maxResponseSize);
    let jwks;
    try {
      jwks = JSON.parse(utf8.decode(body));
    } catch (cause) {
      throw new JWKSInvalid("the JWKS endpoint's response is not UTF-8 JSON", { cause });
    }
    return { jwks, maxAge: this.#maxAgeOf(response.headers.get("cache-control")) };
  }

  #importKeys(jwks) {
    try {
      return this.#createLocalJWKSet(jwks);
    } catch (cause) {
      throw new JWKSInvalid(`the JWKS endpoint's response is not a usable JWK Set: ${cause.message}`, { cause });
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
    const valid = typeof seed === "object" && typeof seed.jwks === "object" && seed.jwks !== null &&
      Array.isArray(seed.jwks.keys) && Number.isFinite(seed.fetchedAt) && Number.isFinite(seed.maxAge) &&
      seed.maxAge >= 0;
    if (!valid) throw new JOSEInvalidArgument("options.seed must be a snapshot(): { jwks, fetchedAt, maxAge }");
    const fetchedAt = Math.min(seed.fetchedAt, this.#now());
    return entryOf(structuredClone(seed.jwks), null, fetchedAt, Math.min(seed.maxAge, this.#limits.maxCacheMaxAge));
  }

  #report(event) {
    const onFetch = this.#onFetch;
    if (!onFetch) return;
    try {
      onFetch(event);
    } catch {
      // Statistics must never break verification.
    }
  }
}

function entryOf(jwks, set, fetchedAt, maxAge) {
  const kids = new Set(jwks.keys.map((jwk) => jwk?.kid).filter((kid) => typeof kid === "string"));
  return { set, jwks, kids, fetchedAt, maxAge, expiresAt: fetchedAt + maxAge };
}

// Only https:, and http: for loopback hosts: keys fetched over plain http can be forged (RFC 8725 §3.9).
function endpointUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new JOSEInvalidArgument("the JWKS URL must be an absolute URL");
  }
  if (!isAllowedEndpoint(parsed)) {
    throw new JOSEInvalidArgument("the JWKS URL must be https: (http: only for 127.0.0.0/8, [::1] and localhost)");
  }
  if (parsed.username || parsed.password) throw new JOSEInvalidArgument("the JWKS URL must not carry credentials");
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

function headersOf(extra) {
  let headers;
  try {
    headers = new Headers(extra);
  } catch (cause) {
    throw new JOSEInvalidArgument("options.headers must be an object, an array of pairs or Headers", { cause });
  }
  if (!headers.has("accept")) headers.set("accept", ACCEPT);
  return headers;
}

// At most `limit` bytes: a declared length over it is refused before reading, and the stream is
// cancelled as soon as it passes it (fetch has already decompressed, so a gzip bomb stops here too).
async function readBounded(response, limit) {
  const tooLarge = () => new JWKSInvalid(`the JWKS endpoint's response is larger than ${limit} bytes`);
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
      throw new JWKSFetchFailed("the JWKS endpoint's response broke off", { cause });
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
