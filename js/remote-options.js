// What a remote document (remote-document.js) is configured with, checked once: its time and size
// limits, the functions it calls (fetch, now, onFetch, logger), the request headers, a seed from a
// persisted snapshot; how long an answer is cached, from its Cache-Control within those limits;
// and how a body is read, by what its owner says the document is (`kind`):
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
//   NotJson      the class for a body that is not JSON; optional (Invalid)
//   maxRedirects how many redirects to follow, each checked; optional (endpoint-fetch.js: MAX_REDIRECTS)
import { JOSEInvalidArgument } from "./errors.js";

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
const MAX_AGE = /^max-age\s*=\s*"?(\d+)"?$/;

// The last good document: { value, document, fetchedAt, maxAge, expiresAt }.
export function entryOf(document, value, fetchedAt, maxAge) {
  return { value, document, fetchedAt, maxAge, expiresAt: fetchedAt + maxAge };
}

// Durations jose takes as Infinity (kind.joseRanges): keys that never expire, a set that never
// refetches on its own.
const UNBOUNDED = new Set(["cacheMaxAge", "cooldownDuration"]);
// Whole numbers: a timer's milliseconds (as jose asks of timeoutDuration) and a byte count.
const WHOLE = new Set(["timeoutDuration", "maxResponseSize"]);

export function limitsOf(options, kind) {
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

export function functionOption(options, name, fallback) {
  const value = options[name] ?? fallback;
  if (value !== null && typeof value !== "function") {
    throw new JOSEInvalidArgument(`options.${name} must be a function`);
  }
  return value;
}

// The console unless given; null keeps quiet. Any object with error, warn and info functions will do.
export function loggerOf(logger) {
  if (logger === null) return null;
  const chosen = logger ?? globalThis.console;
  if (typeof chosen !== "object" || !["error", "warn", "info"].every((level) => typeof chosen[level] === "function")) {
    throw new JOSEInvalidArgument("options.logger must have error, warn and info methods, or be null");
  }
  return chosen;
}

export function headersOf(extra, accept) {
  let headers;
  try {
    headers = new Headers(extra);
  } catch (cause) {
    throw new JOSEInvalidArgument("options.headers must be an object, an array of pairs or Headers", { cause });
  }
  if (!headers.has("accept")) headers.set("accept", accept);
  return headers;
}

// The endpoint's Cache-Control max-age within the configured bounds; cacheMaxAge when it says
// nothing usable. no-store/no-cache mean the shortest. A header asking for less caching never
// makes it longer than without it: the floor is minCacheMaxAge or cacheMaxAge, the smaller.
export function maxAgeOf(cacheControl, { cacheMaxAge, minCacheMaxAge, maxCacheMaxAge }) {
  const floor = Math.min(minCacheMaxAge, cacheMaxAge);
  const directives = (cacheControl ?? "").toLowerCase().split(",").map((directive) => directive.trim());
  if (directives.includes("no-store") || directives.includes("no-cache")) return floor;
  const maxAge = directives.map((directive) => MAX_AGE.exec(directive)).find(Boolean);
  if (!maxAge) return cacheMaxAge;
  return Math.min(Math.max(Number(maxAge[1]) * 1000, floor), maxCacheMaxAge);
}

// A persisted snapshot's entry (its value undefined until first use), trusted no further than
// `now` (its fetchedAt) and maxCacheMaxAge; null for none. `where` names it in the error.
export function seedEntryOf(seed, { field, isDocument }, now, { maxCacheMaxAge }, where = "options.seed") {
  if (seed === undefined || seed === null) return null;
  const valid = typeof seed === "object" && isDocument(seed[field]) && Number.isFinite(seed.fetchedAt) &&
    Number.isFinite(seed.maxAge) && seed.maxAge >= 0;
  if (!valid) throw new JOSEInvalidArgument(`${where} must be a snapshot(): { ${field}, fetchedAt, maxAge }`);
  const fetchedAt = Math.min(seed.fetchedAt, now);
  return entryOf(structuredClone(seed[field]), undefined, fetchedAt, Math.min(seed.maxAge, maxCacheMaxAge));
}

// The value the owner makes of a body, or its Invalid error saying what the body is not.
export function parseDocument({ name, describes, parse, Invalid }, document) {
  try {
    return parse(document);
  } catch (cause) {
    throw new Invalid(`the ${name} endpoint's response is not ${describes}: ${cause.message}`, { cause });
  }
}
