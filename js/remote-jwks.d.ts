// A key set fetched from a JWKS endpoint (js/remote-jwks.js). The entry points re-export these.
import type { JOSEError, JWK, JWSHeaderParameters, LocalJWKSet } from "./index.js";

/** What snapshot() returns and `seed` takes: the last good fetch, JSON-serialisable. */
export interface RemoteJWKSetSnapshot {
  jwks: { keys: JWK[] };
  /** When it was fetched, on the `now` clock (ms). */
  fetchedAt: number;
  /** How long it is fresh for (ms), Cache-Control already applied. */
  maxAge: number;
}

/** One request to the endpoint, for a gateway's statistics. */
export interface RemoteJWKSetFetchEvent {
  ok: boolean;
  /** The HTTP status, or null when no response came (network error, timeout). */
  status: number | null;
  /** Why the request gave no keys (ERR_JWKS_TIMEOUT, ERR_JWKS_FETCH_FAILED, ERR_JWKS_INVALID), or null. */
  error: JOSEError | null;
  durationMs: number;
  /** The request failed but keys from an earlier fetch (or the seed) stay in use. */
  fromCache: boolean;
}

export interface RemoteJWKSetStats {
  /** Requests started. */
  fetches: number;
  /** Requests that gave no usable key set. */
  failures: number;
  /** Calls that joined a request already in flight instead of starting one. */
  coalesced: number;
  /** Calls answered with expired keys, as the endpoint failed (within maxStale). */
  servedStale: number;
}

export interface RemoteJWKSetOptions {
  /** Freshness (ms) when the response has no usable Cache-Control max-age. Default 600000 (10 min). */
  cacheMaxAge?: number;
  /**
   * Least time (ms) from one request to the next made for an unknown kid, or to retry a failed
   * refresh (stale keys are served meanwhile). Expiry refreshes at once; with no keys to serve at
   * all, every call may fetch (one request at a time). Default 30000.
   */
  cooldownDuration?: number;
  /** Longest wait (ms) for headers and body together; the request is then aborted. Default 5000. */
  timeoutDuration?: number;
  /** Least freshness (ms) the response's Cache-Control may ask for; also for no-store/no-cache. Default 60000. */
  minCacheMaxAge?: number;
  /** Most freshness (ms) the response's Cache-Control (or a seed) may claim. Default 86400000 (1 day). */
  maxCacheMaxAge?: number;
  /** How long (ms) after expiry the last good keys are still served while refreshes fail. Default 3600000. */
  maxStale?: number;
  /** Largest response body in bytes (counted after decompression); a larger one is refused. Default 524288. */
  maxResponseSize?: number;
  /** The fetch to use. Default globalThis.fetch. Redirects are followed as it does by default. */
  fetch?: (url: string, init: { headers: Headers; signal: AbortSignal }) => Promise<Response>;
  /** Extra request headers (Accept defaults to "application/jwk-set+json, application/json"). */
  headers?: HeadersInit;
  /** The clock, in ms. Default Date.now. */
  now?: () => number;
  /** Called after every request; exceptions it throws are ignored. */
  onFetch?: (event: RemoteJWKSetFetchEvent) => void;
  /** Start from a persisted snapshot() (used until it expires, then refreshed). */
  seed?: RemoteJWKSetSnapshot | null;
}

/**
 * Keys fetched from a JWKS endpoint (https:, or http: on a loopback host), imported once per
 * fetch, cached, refreshed on expiry and when a token names an unknown kid (at most once per
 * cooldown), and served stale within maxStale while the endpoint fails. Concurrent fetches are
 * coalesced into one request.
 */
export class RemoteJWKSet {
  private constructor();
  /**
   * The key set to verify a token with this protected header. Rejects only when no keys may be
   * served: ERR_JWKS_TIMEOUT, ERR_JWKS_FETCH_FAILED or ERR_JWKS_INVALID. An unknown kid is not an
   * error here; verify reports it as ERR_JWKS_NO_MATCHING_KEY.
   */
  keySetFor(protectedHeader?: Partial<JWSHeaderParameters>): Promise<LocalJWKSet>;
  /**
   * Fetches now, or joins the request in flight. Within the cooldown, with keys on hand, it makes
   * no request unless { force: true }. Rejects when the fetch fails (stale keys stay in use).
   */
  reload(options?: { force?: boolean }): Promise<LocalJWKSet>;
  /** The last good fetch (or the seed), or null before there is one. */
  snapshot(): RemoteJWKSetSnapshot | null;
  stats(): RemoteJWKSetStats;
}

/** Throws ERR_INVALID_ARGUMENT for a URL that is neither https: nor loopback http:, or a bad option. */
export type CreateRemoteJWKSet = (url: string | URL, options?: RemoteJWKSetOptions) => RemoteJWKSet;

/** Binds createRemoteJWKSet to one entry point's createLocalJWKSet. */
export function createRemoteJWKSetFactory(api: {
  createLocalJWKSet(jwks: { keys: JWK[] }): LocalJWKSet;
}): CreateRemoteJWKSet;
