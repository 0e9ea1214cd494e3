// A bounded LRU of tokens this instance has verified, so a token seen again skips every check but
// the clock's. An entry is keyed by the token itself with the key and the policy it was verified
// under (an exact match: nothing can collide), and holds the result, frozen because hits share it,
// with the interval in which the token's time claims hold as the core reported it (everything else
// the core checked depends on the token, key and policy alone). An entry outside its interval is
// dropped and the token verified again, so the cache never answers otherwise than the core would;
// it also never outlives `maxTtl` seconds. Failures are never cached.
import { JOSEInvalidArgument } from "../errors.js";
import { deepFreeze } from "../util.js";

export class VerifiedTokenCache {
  constructor({ maxEntries = 10_000, maxTtl = 300, maxBytes = 16 * 1024 * 1024 } = {}) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new JOSEInvalidArgument("maxEntries must be a positive integer");
    if (typeof maxTtl !== "number" || !(maxTtl > 0)) throw new JOSEInvalidArgument("maxTtl must be a positive number of seconds");
    if (!Number.isInteger(maxBytes) || maxBytes < 1) throw new JOSEInvalidArgument("maxBytes must be a positive integer");
    this.maxEntries = maxEntries;
    this.maxTtl = maxTtl;
    this.maxBytes = maxBytes; // the keys' total length, tokens being most of it
    this.bytes = 0;
    this.entries = new Map(); // key -> { result, from, until }, least recently used first
    this.hits = 0;
    this.misses = 0;
  }

  // The cached result for `key` at `now` (seconds), or undefined.
  lookup(key, now) {
    const result = this.hit(key, now);
    if (result === undefined) this.misses++;
    return result;
  }

  // As lookup, but a miss is not counted: for a first look that a full lookup follows on a miss.
  hit(key, now) {
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.from <= now && now < entry.until) {
      this.entries.delete(key); // re-inserted: most recently used last
      this.entries.set(key, entry);
      this.hits++;
      return entry.result;
    }
    if (entry !== undefined) this.remove(key);
    return undefined;
  }

  // Keeps a verification's `result` (frozen here) for the interval [from, until) the core gave.
  store(key, result, { from, until }, now) {
    freezeResult(result);
    until = Math.min(until, now + this.maxTtl);
    if (!(from <= now && now < until) || key.length > this.maxBytes) return result;
    this.remove(key);
    while (this.entries.size >= this.maxEntries || this.bytes + key.length > this.maxBytes) {
      this.remove(this.entries.keys().next().value);
    }
    this.entries.set(key, { result, from, until });
    this.bytes += key.length;
    return result;
  }

  remove(key) {
    if (this.entries.delete(key)) this.bytes -= key.length;
  }

  stats() {
    const lookups = this.hits + this.misses;
    return { entries: this.entries.size, hits: this.hits, misses: this.misses, hitRate: lookups ? this.hits / lookups : 0 };
  }
}

// A result shared by every hit: it, its payload and its header are frozen all the way down (a key
// set's result also names the Key that verified, which stays usable).
function freezeResult(result) {
  Object.freeze(result);
  deepFreeze(result.payload);
  deepFreeze(result.protectedHeader);
}
