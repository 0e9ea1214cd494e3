// Revoked tokens (the gateway's "list of invalidated tokens"): revoked "jti"s, and per-subject
// "revoked before" times, so a logout revokes every token of that user issued until then.
// The list is a JSON object: { "jti": ["…", …], "subjects": { "<sub>": <NumericDate>, … } }, given
// inline or fetched from an endpoint and cached like a JWKS (remote-document.js).
import { JOSEError, JOSEInvalidArgument } from "./errors.js";
import { RemoteDocument } from "./remote-document.js";

// No list may be used (none was ever obtained, or the last is older than maxStale), or a document
// is malformed: the gateway cannot tell whether a token is revoked, so it answers 503.
export class RevocationUnavailable extends JOSEError { static code = "ERR_REVOCATION_UNAVAILABLE"; }

// The documented capacity: 100,000 revoked jtis and 100,000 revoked subjects. The byte limit is
// set so a list at capacity fits: 16 MiB is 200,000 entries of about 80 bytes each, as a JSON
// body pretty-printed or not (a UUID jti takes 39 bytes, "auth0|<24 hex>": <NumericDate> 44).
const CAPACITY = { maxEntries: 100_000, maxResponseSize: 16 * 1024 * 1024 };
// While refreshes fail, the last good list is used for 5 minutes past its expiry (the JWKS: an
// hour): a revocation is never applied later than cacheMaxAge + maxStale after it is published.
// After that the gateway answers 503 rather than let a revoked token through.
const MAX_STALE = 300_000;

// Every failure of the endpoint (timeout, unreachable or HTTP error, unusable body) means the same
// to the gateway, so one class serves all three; the message says which it was.
const REVOCATIONS = {
  name: "revocation list",
  describes: "a usable revocation list",
  accept: "application/json",
  field: "revocations",
  defaults: { maxResponseSize: CAPACITY.maxResponseSize, maxStale: MAX_STALE },
  isDocument: isObject, // a seed is parsed in full on first use, and dropped then if malformed
  Timeout: RevocationUnavailable,
  FetchFailed: RevocationUnavailable,
  Invalid: RevocationUnavailable,
};

// The lists in a revocation document, each of at most maxEntries entries; throws
// RevocationUnavailable for one of another shape or size.
function parseRevocations(document, maxEntries) {
  const invalid = (why) => new RevocationUnavailable(`the revocation list is malformed: ${why}`);
  const tooLong = (what, count) => new RevocationUnavailable(
    `the revocation list has ${count} ${what}, more than maxEntries (${maxEntries})`);
  if (!isObject(document)) throw invalid("not an object");
  const { jti = [], subjects = {} } = document;
  if (!Array.isArray(jti) || !jti.every((id) => typeof id === "string")) {
    throw invalid('"jti" must be an array of strings');
  }
  if (jti.length > maxEntries) throw tooLong('"jti" entries', jti.length);
  if (!isObject(subjects)) throw invalid('"subjects" must be an object');
  const entries = Object.entries(subjects);
  if (entries.length > maxEntries) throw tooLong('"subjects"', entries.length);
  if (!entries.every(([, time]) => typeof time === "number" && Number.isFinite(time))) {
    throw invalid('"subjects" must map subjects to NumericDates');
  }
  return { jti: new Set(jti), subjects: new Map(entries) };
}

export class RevocationList {
  // `source.current()` resolves to parsed lists (parseRevocations); `source.stats()` reports on
  // the source, `source.snapshot()` gives what may seed a new one and `source.refreshing()` the
  // fetch in flight.
  constructor(source) {
    this.source = source;
    this.revoked = 0;
  }

  static inline(document, options = {}) {
    const lists = parseRevocations(document, maxEntriesOf(options));
    return new RevocationList({
      current: async () => lists, stats: () => ({ inline: true }), snapshot: () => null, refreshing: () => null,
    });
  }

  // Fetched from `url` (https:, or http: on a loopback host) and cached with the options and
  // behaviour of a remote JWKS, but with room for a list at capacity and a shorter maxStale;
  // reasonRevoked rejects with RevocationUnavailable while there is no list to use.
  static remote(url, options = {}) {
    const maxEntries = maxEntriesOf(options ?? {});
    const parse = (revocations) => parseRevocations(revocations, maxEntries);
    const document = new RemoteDocument(url, options, { ...REVOCATIONS, parse });
    return new RevocationList({
      current: () => document.get(),
      stats: () => document.stats(),
      snapshot: () => document.snapshot(),
      refreshing: () => document.refreshing(),
    });
  }

  // "jti" or "sub" when the verified claims are revoked, else null. A token whose subject was
  // revoked at T is revoked when issued at or before T, or when it has no "iat" to tell.
  async reasonRevoked(payload) {
    const { jti, subjects } = await this.source.current();
    let reason = null;
    if (typeof payload.jti === "string" && jti.has(payload.jti)) reason = "jti";
    else if (typeof payload.sub === "string" && subjects.has(payload.sub)) {
      if (typeof payload.iat !== "number" || payload.iat <= subjects.get(payload.sub)) reason = "sub";
    }
    if (reason) this.revoked++;
    return reason;
  }

  stats() {
    return { revoked: this.revoked, ...this.source.stats() };
  }

  // A remote list's fetch in flight (a promise that never rejects) or null, for a runtime's waitUntil.
  refreshing() {
    return this.source.refreshing();
  }

  // A remote list's last good fetch, to persist and pass back as `seed`; null for an inline list.
  snapshot() {
    return this.source.snapshot();
  }
}

function maxEntriesOf({ maxEntries = CAPACITY.maxEntries }) {
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new JOSEInvalidArgument("options.maxEntries must be a whole number from 1");
  }
  return maxEntries;
}

function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Inline lists ({ jti, subjects }) or { url, ...fetch options } fetched and cached like a JWKS. Of
// no runtime: the first argument is the one every operation is bound with (js/runtime.js).
export function createRevocationList(_runtime, config, fetchOptions = {}) {
  return config.url ? RevocationList.remote(config.url, { ...fetchOptions, ...config, url: undefined })
    : RevocationList.inline(config);
}
