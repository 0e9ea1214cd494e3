// CachedSessionStore: a per-isolate cache of revocation verdicts in front of a session store, so the
// gateway's hot path does not cost a store round trip per request. It is itself a session store
// (docs/sessions.md): pass it wherever a store goes, and keep one per isolate.
//
// The bound: a verdict "not revoked" is used for at most `maxStale` seconds (default 2) after it
// was asked for. A revocation made through this cache (revokeFamily, revokeJti, revokeSubject, or a
// reuse detected by useRefreshToken) reaches it at once: the subject's verdicts are dropped when
// the store answers, and an answer still on its way is not kept. One made elsewhere is seen here
// at most maxStale after the store recorded it. "Revoked" verdicts are kept until the token
// expires: a revocation is never undone.
import { JOSEInvalidArgument } from "../errors.js";
import { secondsOf } from "../timespan.js";
import * as check from "./arguments.js";

const DEFAULT_MAX_STALE = 2;
const DEFAULT_MAX_ENTRIES = 10_000;

export class CachedSessionStore {
  #store;
  #maxStale;
  #maxEntries;
  #clock;
  #verdicts = new Map(); // key -> { sub, reason, until }, oldest first
  // Lookups on their way: { sub, stale }, one per question. Never shared between callers: in Workers
  // a store call belongs to the request that made it, and another request awaiting it fails ("Cannot
  // perform I/O on behalf of a different request").
  #pending = new Set();
  #hits = 0;
  #misses = 0;

  // `maxStale`: seconds or a span ("2s"); `maxEntries`: verdicts kept; `clock`: the time in seconds
  // (tests pass their own).
  constructor(store, { maxStale = DEFAULT_MAX_STALE, maxEntries = DEFAULT_MAX_ENTRIES, clock = () => Date.now() / 1000 } = {}) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new JOSEInvalidArgument("maxEntries must be a positive whole number");
    if (typeof clock !== "function") throw new JOSEInvalidArgument("clock must be a function");
    this.#store = check.sessionStoreOf(store, "CachedSessionStore's store");
    this.#maxStale = secondsOf(maxStale, "maxStale");
    this.#maxEntries = maxEntries;
    this.#clock = clock;
  }

  createFamily(args) { return this.#store.createFamily(args); }
  useRefreshToken(args) { return this.#revoking(args, () => this.#store.useRefreshToken(args)); }
  revokeFamily(args) { return this.#revoking(args, () => this.#store.revokeFamily(args)); }
  revokeJti(args) { return this.#revoking(args, () => this.#store.revokeJti(args)); }
  revokeSubject(args) { return this.#revoking(args, () => this.#store.revokeSubject(args)); }
  stats(args) { return this.#store.stats(args); }

  // The store's answer for these verified claims, from the cache while it is fresh.
  async reasonRevoked(claims) {
    const { sub, sid, jti, iat } = check.reasonRevoked(claims);
    const key = JSON.stringify([sub, sid, jti, iat]);
    const now = this.#clock();
    const cached = this.#verdicts.get(key);
    if (cached && now < cached.until) {
      this.#hits++;
      return cached.reason;
    }
    this.#misses++;
    const pending = { sub, stale: false };
    this.#pending.add(pending);
    try {
      const reason = await this.#store.reasonRevoked(claims);
      if (!pending.stale) this.#remember(key, sub, reason, reason === null ? now + this.#maxStale : expiryOf(claims, now + this.#maxStale));
      return reason;
    } finally {
      this.#pending.delete(pending);
    }
  }

  cacheStats() {
    const lookups = this.#hits + this.#misses;
    return { entries: this.#verdicts.size, hits: this.#hits, misses: this.#misses, hitRate: lookups ? this.#hits / lookups : 0 };
  }

  #remember(key, sub, reason, until) {
    this.#verdicts.delete(key);
    this.#verdicts.set(key, { sub, reason, until });
    if (this.#verdicts.size > this.#maxEntries) this.#verdicts.delete(this.#verdicts.keys().next().value);
  }

  // A call that may revoke something of `args.sub`: once it has answered (or failed, as it may have
  // been carried out), the subject's verdicts, and the lookups still on their way, are dropped.
  async #revoking(args, call) {
    try {
      return await call();
    } finally {
      this.#forget(args?.sub);
    }
  }

  #forget(sub) {
    for (const [key, verdict] of this.#verdicts) if (verdict.sub === sub) this.#verdicts.delete(key);
    for (const pending of this.#pending) if (pending.sub === sub) pending.stale = true;
  }
}

// A revoked token's verdict stands until the token expires (or `atLeast`, for one without "exp").
function expiryOf(claims, atLeast) {
  return typeof claims.exp === "number" && claims.exp > atLeast ? claims.exp : atLeast;
}
