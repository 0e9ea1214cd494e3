// Where a remote key set's (and revocation list's) last good snapshot() outlives the isolate that
// fetched it: a store with load(key) and save(key, snapshot, ttl), given to the gateway as
// `snapshotStore` (each provider's remote documents read it at their first use and write it after
// each good fetch; js/remote-document.js). CacheSnapshotStore is the one on the Workers Cache API
// (caches.default); a Durable Object's storage can serve the same interface when sessions are on.
//
// The cache key is derived, never chosen by a client: a URL on a host under .invalid (RFC 6761: it
// never resolves, so no request through any zone is for it and the CDN never fills it), whose path
// is the SHA-256 of the document's kind and URL. Who can write there is the zone's own Workers
// (docs/threat-model.md); a stored snapshot is trusted no further than a fetched one would be.
import { JOSEInvalidArgument } from "../errors.js";

const FORMAT = "edgejwt-snapshot/1";
const KEY_ORIGIN = "https://snapshots.edgejwt.invalid";
const encoder = new TextEncoder();

export class CacheSnapshotStore {
  #cache;

  // `cache`: a Cache (caches.default on Workers, or caches.open(name)).
  constructor(cache) {
    if (typeof cache?.match !== "function" || typeof cache?.put !== "function") {
      throw new JOSEInvalidArgument("CacheSnapshotStore needs a Cache: caches.default on Workers");
    }
    this.#cache = cache;
  }

  // The snapshot stored under `key`, or null. The cache drops an entry once its ttl has passed.
  async load(key) {
    const response = await this.#cache.match(await cacheUrlOf(key));
    if (!response) return null;
    const entry = await response.json();
    return entry?.format === FORMAT ? entry.snapshot : null;
  }

  // Stores `snapshot` under `key` for `ttl` ms (whole seconds, as Cache-Control says them).
  async save(key, snapshot, ttl) {
    const seconds = Math.floor(ttl / 1000);
    if (!(seconds > 0)) return;
    const body = JSON.stringify({ format: FORMAT, snapshot });
    await this.#cache.put(await cacheUrlOf(key), new Response(body, {
      headers: { "content-type": "application/json", "cache-control": `max-age=${seconds}` },
    }));
  }
}

// https://snapshots.edgejwt.invalid/v1/<hex SHA-256 of the key>
export async function cacheUrlOf(key) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(key)));
  return `${KEY_ORIGIN}/v1/${Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}
