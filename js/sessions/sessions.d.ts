// Sessions (docs/sessions.md): the session store interface and its stores, the verdict cache, and
// the functions both entry points export ("edgejwt" and "edgejwt/wasi").
import type { JOSEError, JWSAlgorithm, JWTPayload, KeyLike, LocalJWKSet, TokenPair } from "../index.js";
import type { RemoteJWKSet } from "../jwks/remote.js";

/** What one refresh of a family issued: the refresh token and the access token issued with it (seconds since the epoch). */
export interface IssuedPair {
  jti: string;
  iat: number;
  exp: number;
  accessJti: string;
  accessExp: number;
}

/** Ids for a pair about to be issued (random, never reused). */
export interface PairIds {
  jti: string;
  accessJti: string;
}

/** Times are seconds since the epoch; lifetimes are seconds, at least 1. */
export interface CreateFamilyArgs {
  sub: string;
  familyId: string;
  /** The access tokens' claims (plain JSON, at most 16 KiB). */
  claims: JWTPayload;
  now: number;
  maxSessionAge: number;
  idleTimeout: number;
  accessTokenTtl: number;
  token: PairIds;
}

export type CreateFamilyResult =
  | { outcome: "created"; token: IssuedPair; expiresAt: number }
  /** "exists": the family or token id is taken; "revoked": the subject is revoked at or after `now`. */
  | { outcome: "exists" | "revoked" };

export interface UseRefreshTokenArgs {
  sub: string;
  familyId: string;
  /** The presented refresh token's "jti". */
  jti: string;
  now: number;
  idleTimeout: number;
  accessTokenTtl: number;
  /** Seconds (0 allowed) after a use within which the same token gets the same successor back. */
  reuseInterval: number;
  revokeSubjectOnReuse: boolean;
  /** Ids for the successor, used only if the token is unused. */
  successor: PairIds;
}

export type UseRefreshTokenResult =
  /** "rotated": marked used now, `token` is its new successor; "repeated": used within reuseInterval, `token` is the same successor as then. */
  | { outcome: "rotated" | "repeated"; token: IssuedPair; claims: JWTPayload; expiresAt: number }
  /** "reused": used before (the family is now revoked); "revoked"; "expired"; "unknown": no record of it. */
  | { outcome: "reused" | "revoked" | "expired" | "unknown" };

/** Why a token is revoked: its "jti", its family (its "sid"), or its subject's cut-off. */
export type RevocationReason = "jti" | "family" | "sub";

export interface SessionStoreStats {
  families: number;
  revokedFamilies: number;
  refreshTokens: number;
  revokedJtis: number;
  revokedBefore: number | null;
}

/**
 * A session store: every method answers a promise, checks its argument first (JOSEInvalidArgument),
 * and runs as one atomic step. Stores across a network fail with SessionStoreUnavailable.
 */
export interface SessionStore {
  /** Records a family (a login) and its first pair. */
  createFamily(args: CreateFamilyArgs): Promise<CreateFamilyResult>;
  /** Marks a refresh token used and records its successor, atomically; or says why not. */
  useRefreshToken(args: UseRefreshTokenArgs): Promise<UseRefreshTokenResult>;
  /** Every token of the family is revoked; `revoked` is false when it was unknown or revoked already. */
  revokeFamily(args: { sub: string; familyId: string; now: number }): Promise<{ revoked: boolean }>;
  /** The token with this "jti" is revoked until `exp` (`revoked` is false when exp is past). */
  revokeJti(args: { sub: string; jti: string; exp: number; now: number }): Promise<{ revoked: boolean }>;
  /** Every family of the subject created at or before `before` (default now, never later), and every other token of it issued then. */
  revokeSubject(args: { sub: string; before?: number; now: number }): Promise<{ families: number }>;
  /** Is this verified token revoked? One lookup; other claims than sub, sid, jti and iat are ignored. */
  reasonRevoked(claims: JWTPayload & { sub: string; sid?: string }): Promise<RevocationReason | null>;
  /** The subject's rows, for monitoring and tests. */
  stats(args: { sub: string }): Promise<SessionStoreStats>;
}

/** The store in this process's memory: for tests and single-process servers. */
export interface MemorySessionStore extends SessionStore {}
export class MemorySessionStore {}

/** A Durable Object namespace binding (env.SESSIONS) of DurableObjectSessionStore. */
export interface DurableObjectNamespaceLike {
  idFromName(name: string): unknown;
  get(id: any): any;
}

/** The store in DurableObjectSessionStore objects, one per subject, reached by RPC. */
export interface DurableObjectSessionStoreClient extends SessionStore {}
export class DurableObjectSessionStoreClient {
  /** timeoutDuration: milliseconds per call before SessionStoreUnavailable (default 5000). */
  constructor(namespace: DurableObjectNamespaceLike, options?: { timeoutDuration?: number });
}

/** A per-isolate cache of revocation verdicts in front of a store; itself a store. */
export interface CachedSessionStore extends SessionStore {}
export class CachedSessionStore {
  /**
   * maxStale: how long a "not revoked" verdict is used, seconds or a span (default 2). A revocation
   * through this cache reaches it at once; one made elsewhere within maxStale.
   */
  constructor(store: SessionStore, options?: { maxStale?: number | string; maxEntries?: number; clock?: () => number });
  cacheStats(): { entries: number; hits: number; misses: number; hitRate: number };
}

export interface SessionOptions {
  /** Signs the session's tokens. */
  key: KeyLike;
  /** Verifies presented refresh tokens (default: key). */
  verifyKey?: KeyLike | LocalJWKSet | RemoteJWKSet;
  store: SessionStore;
  alg: JWSAlgorithm;
  kid?: string;
  issuer?: string;
  audience?: string | string[];
  /** Accepted "alg" of refresh tokens (default [alg]). */
  algorithms?: JWSAlgorithm[];
  clockTolerance?: number | string;
  currentDate?: Date;
  /** Default "15m". */
  accessTokenTtl?: number | string;
  /** A refresh token unused this long expires; each rotation issues one that lasts it again. Default "14d". */
  idleTimeout?: number | string;
  /** The family's absolute lifetime, fixed at startSession. Default "30d". */
  maxSessionAge?: number | string;
  /** Default "5s". */
  reuseInterval?: number | string;
  /** Reuse revokes every session of the subject, not only the family. Default false. */
  revokeSubjectOnReuse?: boolean;
  /** Default "at+jwt". */
  accessTokenTyp?: string;
  /** Default "refresh+jwt". */
  refreshTokenTyp?: string;
}

export interface SessionTokens extends TokenPair {
  /** The family's id, carried by both tokens as "sid". */
  familyId: string;
  /** When the family ends, whatever its refreshes (maxSessionAge). */
  sessionExpiresAt: number;
}

export interface RotatedSessionTokens extends SessionTokens {
  /** The same successor as an earlier rotation of this token within reuseInterval. */
  repeated: boolean;
}

/** A new family for these access token claims ("sub" required; "sid", "jti", "iat", "exp", "nbf" are the session's). */
export function startSession(claims: JWTPayload & { sub: string }, options: SessionOptions): Promise<SessionTokens>;
/** The next pair for a refresh token; rejects with RefreshTokenReused, SessionRevoked, SessionUnknown, JWTExpired or the token's verification error. */
export function rotateRefreshToken(refreshToken: string | Uint8Array, options: SessionOptions): Promise<RotatedSessionTokens>;
/** Logout with a verified token's claims: its family and its "jti" are revoked. */
export function endSession(
  claims: JWTPayload & { sub: string },
  options: { store: SessionStore; currentDate?: Date },
): Promise<{ familyRevoked: boolean; jtiRevoked: boolean }>;

export class SessionRevoked extends JOSEError {}
export class RefreshTokenReused extends SessionRevoked {}
export class SessionUnknown extends JOSEError {}
export class SessionStoreUnavailable extends JOSEError {}

/** createGateway({ session }): cookie sessions at the gateway (docs/sessions.md, "Cookie sessions at the gateway"). */
export interface GatewaySessionConfig {
  /** HMAC secret (at least 32 bytes), or give key. */
  secret?: Uint8Array;
  /** Signs the session's tokens (or give secret). */
  key?: KeyLike;
  /** Verifies them (default: key). */
  verifyKey?: KeyLike;
  alg: JWSAlgorithm;
  /** Wrapped in a CachedSessionStore unless it is one. */
  store: SessionStore;
  /** Default "edgejwt-session". */
  issuer?: string;
  audience?: string | string[];
  clockTolerance?: number | string;
  /** Headers for the origin from the access token's claims, as a provider's claimHeaders. */
  claimHeaders?: Record<string, string | { claim: string; encoding?: "string" | "list" | "json" }>;
  accessTokenTtl?: number | string;
  idleTimeout?: number | string;
  maxSessionAge?: number | string;
  reuseInterval?: number | string;
  revokeSubjectOnReuse?: boolean;
  /** The verdict cache's bound when the gateway makes it (default 2 s). */
  maxStale?: number | string;
  /** Default "__Host-edgejwt-access"; must start with "__Host-". */
  accessCookie?: string;
  /** Default "__Secure-edgejwt-refresh" ("__Host-edgejwt-refresh" when refreshCookiePath is "/"). */
  refreshCookie?: string;
  /** The refresh cookie's Path (default "/auth/"); must contain refreshPath and logoutPath. */
  refreshCookiePath?: string;
  /** Default "Lax". */
  sameSite?: "Lax" | "Strict";
  /** Origins whose pages may send cookie-authenticated unsafe requests (default: the request's own). */
  allowedOrigins?: string[];
  /** Default "/auth/refresh". */
  refreshPath?: string;
  /** Default "/auth/logout". */
  logoutPath?: string;
  /** Default "/auth/login": the origin's 2xx answer to a POST there may carry the login's claims in loginHeader. */
  loginPath?: string;
  /** Default "x-edgejwt-session". */
  loginHeader?: string;
}
