// A key set fetched from a JWKS endpoint (js/jwks/remote.js). The entry points re-export these.
import type { JOSEError, JWK, JWSHeaderParameters, LocalJWKSet } from "../index.js";

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

/** A failure as stats() reports it. */
export interface RemoteFetchError {
  /** ERR_JWKS_TIMEOUT, ERR_JWKS_FETCH_FAILED or ERR_JWKS_INVALID (a revocation list: ERR_REVOCATION_UNAVAILABLE). */
  code: string;
  /** What happened ("the JWKS endpoint answered HTTP 503", "… larger than 524288 bytes"); never token data. */
  message: string;
  /** When, on the `now` clock (ms). */
  at: number;
}

export interface RemoteJWKSetStats {
  /** Requests started. */
  fetches: number;
  /** Requests that gave no usable key set (a fetch the runtime dropped counts as a timeout). */
  failures: number;
  /** Calls that waited for a request already in flight instead of starting one. */
  coalesced: number;
  /** Calls answered with expired keys: while they were refreshed, or as the endpoint failed (within maxStale). */
  servedStale: number;
  /** Calls that waited for a request (none usable on hand, or a kid the set lacks): 0 when every lookup is answered at once. */
  waited: number;
  /** What is served now: "fresh", "stale" (expired, within maxStale) or "unavailable" (nothing: calls reject). */
  state: "fresh" | "stale" | "unavailable";
  /** When the keys served were fetched (`now` clock, ms), or null. */
  fetchedAt: number | null;
  /** Failures since the last good fetch: 0 while the endpoint is healthy. */
  consecutiveFailures: number;
  /** The latest failure, kept after a recovery; null before the first. */
  lastError: RemoteFetchError | null;
  /** With a store only. */
  persistence?: {
    /** The fetchedAt of the snapshot restored from the store at the first use, or null. */
    restoredFrom: number | null;
    /** Snapshots written (one after each good fetch). */
    saves: number;
    /** Loads and saves that failed (the store is then as good as empty; nothing else changes). */
    failures: number;
    lastError: { operation: "load" | "save"; message: string; at: number } | null;
  };
}

/**
 * Where snapshots outlive an isolate (CacheSnapshotStore: the Workers Cache API). `key` is the
 * document's kind and URL ("jwks https://…", "revocations https://…"); `ttl` how long (ms) the
 * snapshot may still be used (its max-age and maxStale): a store may drop it after that.
 */
export interface SnapshotStore {
  load(key: string): Promise<unknown>;
  save(key: string, snapshot: unknown, ttl: number): Promise<void>;
}

/** Where the state-change lines go (one JSON object per line): console unless given, null for none. */
export interface RemoteFetchLogger {
  error(line: string): void;
  warn(line: string): void;
  info(line: string): void;
}

export interface RemoteJWKSetOptions {
  /**
   * Freshness (ms) when the response has no usable Cache-Control max-age. Default 600000 (10 min).
   * Infinity: keys are kept until a reload() (or an unknown kid's refetch).
   */
  cacheMaxAge?: number;
  /**
   * Least time (ms) from one request to the next made for an unknown kid, and from a failure to
   * the next try, whether or not keys were ever obtained: calls in between get the stale keys, or
   * the last error at once. The first refresh after expiry is never held back, nor is reload().
   * Default 30000; Infinity: an unknown kid never refetches.
   */
  cooldownDuration?: number;
  /**
   * Longest wait (ms, a whole number) for headers and body together; the request is then aborted.
   * Default 5000. 0, as in jose: every fetch times out (none is started).
   */
  timeoutDuration?: number;
  /**
   * Least freshness (ms) the response's Cache-Control may ask for, also for no-store/no-cache; never
   * more than cacheMaxAge (a header asking for less caching never makes it longer). Default 60000.
   */
  minCacheMaxAge?: number;
  /** Most freshness (ms) the response's Cache-Control (or a seed) may claim. Default 86400000 (1 day). */
  maxCacheMaxAge?: number;
  /** How long (ms) after expiry the last good keys are still served while refreshes fail. Default 3600000. */
  maxStale?: number;
  /**
   * Largest response body in bytes (counted after decompression); a larger one is refused. Default
   * and most 524288: the core imports JWK Sets of at most 512 KiB and 100 keys.
   */
  maxResponseSize?: number;
  /**
   * The fetch to use. Default globalThis.fetch. It is asked not to follow redirects: each hop is
   * checked first (https:, or http: on loopback, and loopback only from a loopback URL; no
   * credentials; at most 5 hops) and fetched by hand.
   */
  fetch?: (url: string, init: { headers: Headers; signal: AbortSignal; redirect: "manual" }) => Promise<Response>;
  /**
   * Extra request headers (Accept defaults to "application/jwk-set+json, application/json"). They
   * go to the URL's origin only: a redirect to another origin is sent Accept alone.
   */
  headers?: HeadersInit;
  /** The clock, in ms. Default Date.now. */
  now?: () => number;
  /** Called after every request; exceptions it throws are ignored. */
  onFetch?: (event: RemoteJWKSetFetchEvent) => void;
  /**
   * One line per change of state (failing with the last good keys served, unavailable, recovered),
   * never one per request: JSON with source, document, endpoint (without its query), state, code,
   * message, consecutiveFailures, fetchedAt and servedUntil. Default console; null for none.
   */
  logger?: RemoteFetchLogger | null;
  /** Start from a persisted snapshot() (used until it expires, then refreshed). */
  seed?: RemoteJWKSetSnapshot | null;
  /**
   * Read once, at the first use (waiting at most timeoutDuration), and taken like a seed unless
   * what is on hand is newer; written after each good fetch, in the background (refreshing() hands
   * the save on). A store that fails or answers nonsense is as good as an empty one.
   */
  store?: SnapshotStore | null;
  /**
   * Refresh a fresh set in the background once it is within this many ms of its expiry (at most
   * the second half of its max-age; again once per cooldown while that fails), so under steady
   * traffic it never expires. Default 0: off.
   */
  refreshAhead?: number;
}

/**
 * Keys fetched from a JWKS endpoint (https:, or http: on a loopback host), imported once per
 * fetch, cached, refreshed on expiry (in the background: the expired keys are served meanwhile)
 * and when a token names an unknown kid (at most once per cooldown), and served stale within
 * maxStale while the endpoint fails. Concurrent fetches are coalesced into one request.
 */
export class RemoteJWKSet {
  private constructor();
  /**
   * The key set to verify a token with this protected header: at once whenever keys may be served;
   * only a kid the set lacks waits for a refetch, never longer than timeoutDuration. Rejects only
   * when no keys may be served: ERR_JWKS_TIMEOUT, ERR_JWKS_FETCH_FAILED or ERR_JWKS_INVALID. An
   * unknown kid is not an error here; verify reports it as ERR_JWKS_NO_MATCHING_KEY.
   */
  keySetFor(protectedHeader?: Partial<JWSHeaderParameters>): Promise<LocalJWKSet>;
  /**
   * The key set keySetFor answers every token whose kid it has, when that takes no fetch and starts
   * none (fresh, outside the refresh-ahead window); undefined otherwise. verifyAsync looks a token up
   * in the verified-token cache under it before decoding the token's header.
   */
  keySetAtOnce(): LocalJWKSet | undefined;
  /**
   * Fetches now, or joins the request in flight, whatever the cooldown (as jose's reload()): call
   * it on a key rotation. Rejects when the fetch fails (ERR_JWKS_FETCH_FAILED, whose `cause` is the
   * network's error with its `code`, e.g. ECONNREFUSED; stale keys stay in use).
   */
  reload(): Promise<LocalJWKSet>;
  /** As jose's: an unknown kid would now wait for the cooldown before a refetch. */
  readonly coolingDown: boolean;
  /** As jose's: the keys on hand are within their max-age. */
  readonly fresh: boolean;
  /** As jose's: a request is in flight. */
  readonly reloading: boolean;
  /** As jose's: a copy of the JWK Set on hand, or undefined before the first fetch (or seed). */
  jwks(): { keys: JWK[] } | undefined;
  /**
   * The request in flight (with the save to the store that follows it), resolving (to its failure,
   * or null) when it ends; else a save still running; else null: hand it to a runtime's waitUntil
   * so work started in the background outlives the request that started it.
   */
  refreshing(): Promise<JOSEError | null> | null;
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
