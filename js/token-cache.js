// A bounded LRU of tokens this instance has verified, so a token seen again skips the signature
// check. Keys are the SHA-256 of the whole token (with the key and policy it was verified under);
// an entry never outlives the token's "exp" nor `maxTtl`; the claims are checked again on every
// hit, as time moves; failures are never cached.

export class VerifiedTokenCache {
  constructor({ maxEntries = 10_000, maxTtl = 300 } = {}) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new TypeError("maxEntries must be a positive integer");
    if (typeof maxTtl !== "number" || !(maxTtl > 0)) throw new TypeError("maxTtl must be a positive number of seconds");
    this.maxEntries = maxEntries;
    this.maxTtl = maxTtl;
    this.entries = new Map(); // key -> { expiresAt, header, payload, keyIndex }, least recently used first
    this.hits = 0;
    this.misses = 0;
  }

  // The entry for `key` still valid at `now` (seconds), or undefined.
  lookup(key, now) {
    const entry = this.entries.get(key);
    if (entry === undefined || entry.expiresAt <= now) {
      if (entry !== undefined) this.entries.delete(key);
      this.misses++;
      return undefined;
    }
    this.entries.delete(key); // re-inserted: most recently used last
    this.entries.set(key, entry);
    this.hits++;
    return entry;
  }

  // `header` and `payload` are the verified JSON texts; `exp` the token's, if any.
  store(key, { header, payload, keyIndex, exp }, now) {
    const expiresAt = Math.min(now + this.maxTtl, typeof exp === "number" ? exp : Infinity);
    if (!(expiresAt > now)) return;
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      this.entries.delete(this.entries.keys().next().value);
    }
    this.entries.set(key, { expiresAt, header, payload, keyIndex });
  }

  // A hit that then fails its claims is not a hit: it is dropped and counted as a miss.
  forget(key) {
    if (this.entries.delete(key)) {
      this.hits--;
      this.misses++;
    }
  }

  stats() {
    const lookups = this.hits + this.misses;
    return { entries: this.entries.size, hits: this.hits, misses: this.misses, hitRate: lookups ? this.hits / lookups : 0 };
  }
}
