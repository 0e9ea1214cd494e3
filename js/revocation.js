// Revoked tokens (the gateway's "list of invalidated tokens"): revoked "jti"s, and per-subject
// "revoked before" times, so a logout revokes every token of that user issued until then.
// The list is a JSON object: { "jti": ["…", …], "subjects": { "<sub>": <NumericDate>, … } }.
import { JOSEError } from "./errors.js";

export class RevocationUnavailable extends JOSEError { static code = "ERR_REVOCATION_UNAVAILABLE"; }

const MAX_ENTRIES = 100_000;

// The lists in a revocation document; throws RevocationUnavailable for one of another shape.
export function parseRevocations(document) {
  const invalid = (why) => new RevocationUnavailable(`the revocation list is malformed: ${why}`);
  if (typeof document !== "object" || document === null || Array.isArray(document)) throw invalid("not an object");
  const { jti = [], subjects = {} } = document;
  if (!Array.isArray(jti) || jti.length > MAX_ENTRIES || !jti.every((id) => typeof id === "string")) {
    throw invalid('"jti" must be an array of strings');
  }
  if (typeof subjects !== "object" || subjects === null || Array.isArray(subjects)) throw invalid('"subjects" must be an object');
  const entries = Object.entries(subjects);
  if (entries.length > MAX_ENTRIES || !entries.every(([, time]) => typeof time === "number" && Number.isFinite(time))) {
    throw invalid('"subjects" must map subjects to NumericDates');
  }
  return { jti: new Set(jti), subjects: new Map(entries) };
}

export class RevocationList {
  // `source.current()` resolves to parsed lists (parseRevocations), `source.stats()` reports on it.
  constructor(source) {
    this.source = source;
    this.revoked = 0;
  }

  static inline(document) {
    const lists = parseRevocations(document);
    return new RevocationList({ current: async () => lists, stats: () => ({ inline: true }) });
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
}
