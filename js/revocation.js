// Revoked tokens (the gateway's "list of invalidated tokens"): revoked "jti"s, and per-subject
// "revoked before" times, so a logout revokes every token of that user issued until then.
// The list is a JSON object: { "jti": ["…", …], "subjects": { "<sub>": <NumericDate>, … } }, given
// inline or fetched from an endpoint and cached like a JWKS (remote-document.js).
import { JOSEError } from "./errors.js";
import { RemoteDocument } from "./remote-document.js";

// No list may be used (none was ever obtained, or the last is older than maxStale), or a document
// is malformed: the gateway cannot tell whether a token is revoked, so it answers 503.
export class RevocationUnavailable extends JOSEError { static code = "ERR_REVOCATION_UNAVAILABLE"; }

const MAX_ENTRIES = 100_000;

// Every failure of the endpoint (timeout, unreachable or HTTP error, unusable body) means the same
// to the gateway, so one class serves all three; the message says which it was.
const REVOCATIONS = {
  name: "revocation list",
  describes: "a usable revocation list",
  accept: "application/json",
  field: "revocations",
  isDocument: isObject, // a seed is parsed in full on first use, and dropped then if malformed
  parse: parseRevocations,
  Timeout: RevocationUnavailable,
  FetchFailed: RevocationUnavailable,
  Invalid: RevocationUnavailable,
};

// The lists in a revocation document; throws RevocationUnavailable for one of another shape.
function parseRevocations(document) {
  const invalid = (why) => new RevocationUnavailable(`the revocation list is malformed: ${why}`);
  if (!isObject(document)) throw invalid("not an object");
  const { jti = [], subjects = {} } = document;
  if (!Array.isArray(jti) || jti.length > MAX_ENTRIES || !jti.every((id) => typeof id === "string")) {
    throw invalid('"jti" must be an array of strings');
  }
  if (!isObject(subjects)) throw invalid('"subjects" must be an object');
  const entries = Object.entries(subjects);
  if (entries.length > MAX_ENTRIES || !entries.every(([, time]) => typeof time === "number" && Number.isFinite(time))) {
    throw invalid('"subjects" must map subjects to NumericDates');
  }
  return { jti: new Set(jti), subjects: new Map(entries) };
}

export class RevocationList {
  // `source.current()` resolves to parsed lists (parseRevocations); `source.stats()` reports on
  // the source and `source.snapshot()` gives what may seed a new one.
  constructor(source) {
    this.source = source;
    this.revoked = 0;
  }

  static inline(document) {
    const lists = parseRevocations(document);
    return new RevocationList({ current: async () => lists, stats: () => ({ inline: true }), snapshot: () => null });
  }

  // Fetched from `url` (https:, or http: on a loopback host) and cached with the options and
  // behaviour of a remote JWKS; the last good list is used for up to maxStale while the endpoint
  // fails. reasonRevoked rejects with RevocationUnavailable while there is no list to use.
  static remote(url, options = {}) {
    const document = new RemoteDocument(url, options, REVOCATIONS);
    return new RevocationList({
      current: () => document.get(),
      stats: () => document.stats(),
      snapshot: () => document.snapshot(),
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

  // A remote list's last good fetch, to persist and pass back as `seed`; null for an inline list.
  snapshot() {
    return this.source.snapshot();
  }
}

function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
