// Revocation lists (js/revocation.js): what the gateway's `revocation` option and
// createRevocationList take and make.
import type { JOSEError, JWTPayload } from "./index.js";
import type { RemoteJWKSetOptions, RemoteJWKSetStats } from "./jwks/remote.js";

/**
 * A revocation list, inline or as an endpoint's JSON body. Members other than these are ignored;
 * each list holds at most maxEntries (100000) entries.
 */
export interface RevocationDocument {
  /** Revoked token ids: a token whose "jti" is listed is revoked. */
  jti?: string[];
  /** Subject -> NumericDate: tokens of that subject issued at or before it (or without "iat") are revoked. */
  subjects?: Record<string, number>;
}

/** What snapshot() returns and `seed` takes: the last good fetch, JSON-serialisable. */
export interface RevocationListSnapshot {
  revocations: RevocationDocument;
  /** When it was fetched, on the `now` clock (ms). */
  fetchedAt: number;
  /** How long it is fresh for (ms), Cache-Control already applied. */
  maxAge: number;
}

/**
 * A remote list's options: those of a remote JWKS, with the same meaning (the Accept header
 * defaults to "application/json"; onFetch's and stats' errors are RevocationUnavailable), and
 * defaults of its own for the size and the staleness.
 */
export type RemoteRevocationListOptions = Omit<RemoteJWKSetOptions, "seed" | "maxResponseSize" | "maxStale"> & {
  /** Most entries in "jti", and in "subjects": a longer list is refused. Default 100000. */
  maxEntries?: number;
  /**
   * Largest body in bytes. Default 16777216 (16 MiB): room for 100000 jtis and 100000 subjects of
   * about 80 bytes each, pretty-printed or not.
   */
  maxResponseSize?: number;
  /**
   * How long (ms) after expiry the last good list is still used while refreshes fail (and while
   * the first refresh runs); after that checks reject and the gateway answers 503. Default 300000
   * (5 minutes): a revocation is applied at most cacheMaxAge + maxStale after it is published.
   */
  maxStale?: number;
  /** Start from a persisted snapshot() (used until it expires, then refreshed). */
  seed?: RevocationListSnapshot | null;
};

/** `revoked` counts the tokens found revoked; a remote list adds its endpoint's counters. */
export type RevocationListStats = { revoked: number } & ({ inline: true } | RemoteJWKSetStats);

/**
 * Revoked tokens, by "jti" and by subject. An inline list never changes; a remote one is fetched
 * from its endpoint (https:, or http: on a loopback host), cached, refreshed on expiry (the expired
 * list answering meanwhile), and its last good version used for up to maxStale while the endpoint
 * fails. Concurrent checks share one request.
 */
export class RevocationList {
  private constructor();
  /** Throws RevocationUnavailable for a malformed document, or one over maxEntries (default 100000). */
  static inline(document: RevocationDocument, options?: { maxEntries?: number }): RevocationList;
  /** Throws ERR_INVALID_ARGUMENT for a URL that is neither https: nor loopback http:, or a bad option. */
  static remote(url: string | URL, options?: RemoteRevocationListOptions): RevocationList;
  /**
   * "jti" or "sub" when these (verified) claims are revoked, else null. A remote list rejects with
   * RevocationUnavailable while it has no list to use: none was ever fetched, or the last is older
   * than maxStale (the message says whether the endpoint timed out, failed, or sent an unusable body).
   */
  reasonRevoked(payload: JWTPayload): Promise<"jti" | "sub" | null>;
  stats(): RevocationListStats;
  /** A remote list's request in flight (see RemoteJWKSet.refreshing), or null. */
  refreshing(): Promise<JOSEError | null> | null;
  /** A remote list's last good fetch (or its seed), null before there is one and for an inline list. */
  snapshot(): RevocationListSnapshot | null;
}

/** ERR_REVOCATION_UNAVAILABLE: no list may be used, or a document is malformed; the gateway answers 503. */
export class RevocationUnavailable extends JOSEError {}

