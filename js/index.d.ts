// edgejwt public API (both entry points share it: "edgejwt" and "edgejwt/wasi").

export type JWSAlgorithm =
  | "HS256" | "HS384" | "HS512"
  | "RS256" | "RS384" | "RS512"
  | "PS256" | "PS384" | "PS512"
  | "ES256" | "ES384" | "ES512"
  | "EdDSA" | "Ed25519";

/** A key held by the Wasm core, bound at import to one family. */
export class Key {
  readonly type: "secret" | "public" | "private";
  readonly family: "HMAC" | "RSA" | "EC P-256" | "EC P-384" | "EC P-521" | "Ed25519";
  /** The algorithms this key may be used with. */
  readonly algorithms: JWSAlgorithm[];
  readonly kid?: string;
  readonly alg?: string;
  readonly use?: string;
  /** Releases the key's material now (garbage collection does it otherwise). */
  free(): void;
}

/** A local JWK Set: verify() picks the one key that fits a token, as jose's createLocalJWKSet. */
export class LocalJWKSet {
  /** Keys that can verify a JWS. */
  readonly size: number;
  /** Entries left out because they cannot be imported (other curves, malformed JWKs). */
  readonly skipped: number;
  free(): void;
}

/** An imported key, or an HMAC secret as bytes (never a string; at least the hash's size). */
export type KeyLike = Key | Uint8Array;

export interface JWK {
  kty: string;
  kid?: string;
  alg?: string;
  use?: string;
  key_ops?: string[];
  x5c?: string[];
  [member: string]: unknown;
}

export interface JWTPayload {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  jti?: string;
  nbf?: number;
  exp?: number;
  iat?: number;
  [claim: string]: unknown;
}

export interface JWSHeaderParameters {
  alg: string;
  kid?: string;
  typ?: string;
  [member: string]: unknown;
}

export interface InitOptions {
  /**
   * The build's Wasm: a compiled module, bytes, a Response, or a URL (e.g. what
   * `import wasm from "edgejwt/dist/emscripten/edgejwt.wasm"` gives a bundler that emits files).
   * Defaults to the packaged file, located when init() runs (on Workers: imported as a module).
   */
  wasm?: WebAssembly.Module | BufferSource | Response | URL | string | Promise<WebAssembly.Module | BufferSource | Response>;
  /**
   * WASI entry only: "auto" (the default) and "shim" run the built-in preview1 host, which works in
   * every runtime; "node" runs node:wasi, and init() fails (ERR_JOSE_NOT_SUPPORTED) where it cannot
   * run the module.
   */
  wasi?: "auto" | "node" | "shim";
}

export interface LimitOptions {
  /** Longest accepted compact token, in characters. Default 65536. */
  maxTokenLength?: number;
  /** Largest decoded protected header, in bytes. Default 4096. */
  maxHeaderSize?: number;
  /** Largest decoded payload, in bytes. Default 49152. */
  maxPayloadSize?: number;
  /** Deepest JSON nesting. Default 16. */
  maxJsonDepth?: number;
  /** Most members in one JSON object (or elements in one array). Default 1000. */
  maxJsonEntries?: number;
  /** Longest "kid". Default 256. */
  maxKidLength?: number;
}

export interface VerifyOptions extends LimitOptions {
  /** Allowed "alg" values. Default: those the key can be used with. "none" is never allowed. */
  algorithms?: JWSAlgorithm[];
  /** "iss" must be one of these (and is then required). */
  issuer?: string | string[];
  /** "aud" must contain one of these (and is then required). */
  audience?: string | string[];
  /** "sub" must equal it (and is then required). */
  subject?: string;
  /** The header's "typ", compared case-insensitively with an optional "application/" prefix. */
  typ?: string;
  /** Largest age of the token since "iat": seconds or a span like "15m" ("iat" is then required). */
  maxTokenAge?: number | string;
  /** Claims that must be present. */
  requiredClaims?: string[];
  /** Header extensions the caller understands ("crit" may name only these). */
  crit?: string[];
  /** Leeway for "exp" and "nbf": seconds, or a span like "30s", "5m". Default 0. */
  clockTolerance?: number | string;
  /** The time to check against. Default: now. */
  currentDate?: Date;
}

export interface SignOptions {
  alg: JWSAlgorithm;
  kid?: string;
  /** Default "JWT" for sign(); none for compactSign(). */
  typ?: string;
  /** Further protected header members ("alg", "typ" and "kid" come from the options above). */
  header?: Record<string, unknown>;
  /** The extensions the signer understands (jose's sign option): a header "crit" naming any other is refused (ERR_JOSE_NOT_SUPPORTED). */
  crit?: Record<string, boolean> | string[];
  /** Default now; false leaves "iat" out (a payload's own "iat" is kept). */
  iat?: Date | number | false;
  /** "exp" as a span after "iat": seconds or "15m", "2h", "7d". */
  expiresIn?: number | string;
  /** "nbf" as a span after "iat". */
  notBefore?: number | string;
  issuer?: string;
  subject?: string;
  audience?: string | string[];
  jwtId?: string;
}

export interface TokenPairOptions extends SignOptions {
  /** Default "15m". */
  accessTokenTtl?: number | string;
  /** Default "30d". */
  refreshTokenTtl?: number | string;
  /** Default "at+jwt". */
  accessTokenTyp?: string;
  /** Default "refresh+jwt". */
  refreshTokenTyp?: string;
  /** Signs the refresh token (default: the same key). */
  refreshKey?: KeyLike;
  /** Extra claims for the refresh token (it carries only sub, iss and aud otherwise). */
  refreshClaims?: JWTPayload;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  accessTokenId: string;
  refreshTokenId: string;
  accessTokenExpiresAt: number;
  refreshTokenExpiresAt: number;
}

export interface VerifyResult<P = JWTPayload> {
  payload: P;
  protectedHeader: JWSHeaderParameters;
  /** With a key set: the key that verified the token. */
  key?: Key;
}

export interface CompactVerifyResult {
  payload: Uint8Array;
  protectedHeader: JWSHeaderParameters;
  key?: Key;
}

export interface DecodeResult<P = JWTPayload> {
  header: JWSHeaderParameters;
  payload: P;
  /** Always false: decode() checks the token's form, never its signature or claims. */
  verified: false;
}

/** JWE key management algorithms ("RSA1_5" is refused: RFC 8725 §3.2). */
export type JWEKeyManagementAlgorithm =
  | "dir" | "A128KW" | "A192KW" | "A256KW" | "A128GCMKW" | "A192GCMKW" | "A256GCMKW"
  | "ECDH-ES" | "ECDH-ES+A128KW" | "ECDH-ES+A192KW" | "ECDH-ES+A256KW"
  | "RSA-OAEP" | "RSA-OAEP-256" | "RSA-OAEP-384" | "RSA-OAEP-512"
  | "PBES2-HS256+A128KW" | "PBES2-HS384+A192KW" | "PBES2-HS512+A256KW";
export type JWEContentEncryptionAlgorithm =
  | "A128GCM" | "A192GCM" | "A256GCM" | "A128CBC-HS256" | "A192CBC-HS384" | "A256CBC-HS512";

export interface JWEHeaderParameters {
  alg: JWEKeyManagementAlgorithm;
  enc: JWEContentEncryptionAlgorithm;
  kid?: string;
  typ?: string;
  cty?: string;
  [member: string]: unknown;
}

/** Loads the Wasm build; await it once before any other call. */
export function init(options?: InitOptions): Promise<void>;
export function sign(payload: JWTPayload, key: KeyLike, options: SignOptions): string;
export function verify<P = JWTPayload>(token: string | Uint8Array, key: KeyLike | LocalJWKSet, options?: VerifyOptions): VerifyResult<P>;
export function decode<P = JWTPayload>(token: string | Uint8Array, options?: LimitOptions): DecodeResult<P>;
export function generateTokenPair(claims: JWTPayload, key: KeyLike, options: TokenPairOptions): TokenPair;
/** A JWS's protected header, or a compact JWE's (five parts), verifying and decrypting nothing. */
export function decodeProtectedHeader(token: string | Uint8Array, options?: LimitOptions): JWSHeaderParameters | JWEHeaderParameters;
/** The Wasm instance's memory size. */
export function memoryUsage(): { wasmMemoryBytes: number };
/** A JWS over any payload bytes (no "typ" is added). */
export function compactSign(payload: Uint8Array, key: KeyLike, options: SignOptions): string;
export function compactVerify(token: string | Uint8Array, key: KeyLike | LocalJWKSet, options?: VerifyOptions): CompactVerifyResult;

/** `alg`, when given, binds the key to that algorithm (and must agree with the JWK's own "alg"). */
/** A JWE "alg" (or "enc", for a "dir" key), as the argument or the JWK's own "alg", makes a key for
 * encryption only (through edgejwt/jwe, whose Wasm has encryption); any other key serves signatures only. */
export function importJWK(jwk: JWK | string, alg?: JWSAlgorithm | JWEKeyManagementAlgorithm | JWEContentEncryptionAlgorithm): Key;
/** Private JWK for private keys and secrets, public JWK for public keys. */
export function exportJWK(key: Key): JWK;
export function importSPKI(spki: string | Uint8Array, alg?: JWSAlgorithm | JWEKeyManagementAlgorithm): Key;
export function importPKCS8(pkcs8: string | Uint8Array, alg?: JWSAlgorithm | JWEKeyManagementAlgorithm): Key;
export function importX509(certificate: string | Uint8Array, alg?: JWSAlgorithm | JWEKeyManagementAlgorithm): Key;
/** Any of: PUBLIC KEY, PRIVATE KEY, RSA PUBLIC KEY, RSA PRIVATE KEY, EC PRIVATE KEY, CERTIFICATE. */
export function importPEM(pem: string, alg?: JWSAlgorithm | JWEKeyManagementAlgorithm): Key;
export function exportSPKI(key: Key): string;
export function exportPKCS8(key: Key): string;
/** `use: "enc"`: a set to decrypt with (compactDecrypt, decrypt, decryptAndVerify); "sig" (default): to verify with. */
export function createLocalJWKSet(jwks: { keys: JWK[] }, options?: { use?: "sig" | "enc" }): LocalJWKSet;
/** `crv` for ECDH-ES: "P-256" (default), "P-384", "P-521", "X25519". */
export function generateKeyPair(alg: JWSAlgorithm | JWEKeyManagementAlgorithm, options?: { modulusLength?: number; crv?: string }):
  { publicKey: Key; privateKey: Key };
/** HMAC secrets; AES keys (AxxxKW, AxxxGCMKW); "dir" content keys, named by their "enc"; PBES2 passwords. */
export function generateSecret(alg: "HS256" | "HS384" | "HS512" | JWEKeyManagementAlgorithm | JWEContentEncryptionAlgorithm): Key;
export function calculateJwkThumbprint(jwk: JWK | Key, digestAlgorithm?: "sha256" | "sha384" | "sha512"): string;

export class JOSEError extends Error {
  static code: string;
  constructor(message?: string, options?: { cause?: unknown });
  /** jose's code for the condition, e.g. "ERR_JWS_INVALID" (docs/errors.md). */
  code: string;
  /** The rule that refused, finer than the code: "base64url", "duplicate_member", "signature_length", "no_matching_key", "signature", … (docs/errors.md). */
  detail?: string;
  /** Only where jose has it: a claim failure's (jose's values), or the rule of the strictness table that refused (edgejwt stricter than jose), e.g. "hmac_secret_too_short". */
  reason?: string;
  /** For a refusal of the Wasm core, its status name (src/status.h), e.g. "ERR_BASE64URL_INVALID"; for a JWKS endpoint's failure the remote set's ("ERR_JWKS_FETCH_FAILED"). */
  status?: string;
  /** What failed, when the core names it: "header", "payload", "signature", a member, an option name. */
  where?: string;
}
/** A bad argument or option: a TypeError, as jose throws (also instanceof JOSEError). */
export class JOSEInvalidArgument extends TypeError {
  static code: string;
  code: string;
  detail?: string;
  reason?: string;
  where?: string;
}
/** A key that cannot serve the call (too short, another family or use, a public key to sign): a TypeError, as jose throws (also instanceof JOSEError). */
export class KeyInvalid extends TypeError {
  static code: string;
  code: string;
  detail?: string;
  reason?: string;
  status?: string;
  where?: string;
}
export class JOSENotSupported extends JOSEError {}
export class JOSEAlgNotAllowed extends JOSEError {}
export class JWSInvalid extends JOSEError {}
export class JWTInvalid extends JOSEError {}
export class JWEInvalid extends JOSEError {}
/** Every failure only the key could tell (wrong key or "enc", any changed part): one code, no detail. */
export class JWEDecryptionFailed extends JOSEError {}
export class JWSSignatureVerificationFailed extends JOSEError {}
export class JWKInvalid extends JOSEError {}
export class JWKSInvalid extends JOSEError {}
export class JWKSNoMatchingKey extends JOSEError {}
/** Several keys of the set fit the token: iterate the error (for await … of) for each of them. */
export class JWKSMultipleMatchingKeys extends JOSEError implements AsyncIterable<Key> {
  [Symbol.asyncIterator](): AsyncIterator<Key>;
}
export class JWTClaimValidationFailed extends JOSEError {
  constructor(message: string, payload?: JWTPayload, claim?: string, reason?: string);
  claim: string;
  reason: "missing" | "invalid" | "check_failed" | "unspecified";
  /** The verified claims (the signature held before the claim failed). */
  payload?: JWTPayload;
}
/** As in jose, not a JWTClaimValidationFailed. */
export class JWTExpired extends JOSEError {
  constructor(message: string, payload?: JWTPayload, claim?: string, reason?: string);
  claim: string;
  reason: "missing" | "invalid" | "check_failed" | "unspecified";
  payload?: JWTPayload;
}
/** The Wasm instance trapped during the call (`cause` is the trap); it was replaced by a fresh one. */
export class WasmTrap extends JOSEError {}
export const ERR_NOT_INITIALIZED: "ERR_NOT_INITIALIZED";
/** The rules by which edgejwt refuses what jose accepts (docs/jose-compat.md's strictness table): a refusal by one of them names it in `error.reason` as well as `error.detail`. */
export const STRICTER_RULES: ReadonlySet<string>;

export class JWKSTimeout extends JOSEError {}
/** The JWKS endpoint gave no usable answer: jose's code ("ERR_JOSE_GENERIC"); `status` "ERR_JWKS_FETCH_FAILED", `detail` "fetch_failed". */
export class JWKSFetchFailed extends JOSEError {}
/** The JWKS endpoint's body is not JSON: jose's code ("ERR_JOSE_GENERIC"); `status` "ERR_JWKS_INVALID", `detail` "not_json". */
export class JWKSNotJson extends JOSEError {}
export { RemoteJWKSet } from "./jwks/remote.js";
export type { RemoteJWKSetOptions, RemoteJWKSetSnapshot, RemoteJWKSetFetchEvent, RemoteJWKSetStats, RemoteFetchError, RemoteFetchLogger, SnapshotStore } from "./jwks/remote.js";
import type { RemoteJWKSet, RemoteJWKSetOptions, RemoteFetchLogger, SnapshotStore } from "./jwks/remote.js";
export function createRemoteJWKSet(url: string | URL, options?: RemoteJWKSetOptions): RemoteJWKSet;
/** verify() for key sources that may have to fetch first (a RemoteJWKSet). */
export function verifyAsync<P = JWTPayload>(token: string | Uint8Array, key: KeyLike | LocalJWKSet | RemoteJWKSet, options?: VerifyOptions): Promise<VerifyResult<P>>;

/** A bounded LRU of verified tokens; pass it as verify's `cache` option. */
export class VerifiedTokenCache {
  /** maxBytes bounds the cached tokens' total length (default 16 MiB). */
  constructor(options?: { maxEntries?: number; maxTtl?: number; maxBytes?: number });
  stats(): { entries: number; hits: number; misses: number; hitRate: number };
}
export interface VerifyOptions {
  /** Answer a token verified before under the same key and options from the cache while its time
   * claims hold (the result is then shared and deeply frozen). */
  cache?: VerifiedTokenCache;
}

export { RevocationUnavailable } from "./revocation.js";
export * from "./sessions/sessions.js";
import type { GatewaySessionConfig } from "./sessions/sessions.js";
export type { RevocationList, RevocationDocument, RevocationListSnapshot, RevocationListStats, RemoteRevocationListOptions } from "./revocation.js";
import type { RevocationDocument, RevocationList, RemoteRevocationListOptions } from "./revocation.js";
export function createRevocationList(config: RevocationDocument | ({ url: string | URL } & RemoteRevocationListOptions), fetchOptions?: RemoteRevocationListOptions): RevocationList;

/** One trusted issuer: its key source (exactly one of jwksUrl, jwks, key, pem, secret), verify options, token sources and claim headers. */
export interface GatewayProviderConfig {
  jwksUrl?: string; jwks?: { keys: JWK[] }; key?: Key | LocalJWKSet; pem?: string; secret?: Uint8Array;
  /** A snapshot() of the remote key set to start from. */
  jwksSeed?: unknown;
  /** The expected "iss" (one of them): also what routes a token to this provider among several. Required when a rule may choose among providers. */
  issuer?: string | string[];
  audience?: string | string[]; subject?: string; algorithms?: JWSAlgorithm[];
  typ?: string; clockTolerance?: number | string; maxTokenAge?: number | string;
  /** A valid token without them gets 403; claims are the payload's own members; scopes come from scope and scp. */
  requiredClaims?: string[]; requiredScopes?: string[];
  /** Tried in order: "header:authorization", "cookie:NAME", "query:NAME" (default ["header:authorization"]). */
  tokenSources?: string[];
  /** header → "claim.path" (a string claim), or { claim, encoding } (see ClaimHeaderEncoding). */
  claimHeaders?: Record<string, string | { claim: string | string[]; encoding?: ClaimHeaderEncoding }>;
  /** A header carrying the token's own payload segment (base64url of the signed JSON). */
  payloadHeader?: string;
  revocation?: RevocationDocument | ({ url: string | URL } & RemoteRevocationListOptions);
  /** For the JWKS and the revocation list fetches (RemoteJWKSetOptions, ms). */
  cacheMaxAge?: number; cooldownDuration?: number; timeoutDuration?: number; minCacheMaxAge?: number;
  /** The JWKS's own maxStale and maxResponseSize (the revocation list's are members of `revocation`). */
  jwksMaxStale?: number; jwksMaxResponseSize?: number;
  /** Refresh the JWKS and the revocation list in the background this many ms before they expire (RemoteJWKSetOptions.refreshAhead; default 0, off). */
  refreshAhead?: number;
}
/**
 * What a request must carry: "none" (the bypass), a provider's name, or one of
 * { provider }, { anyOf } (one token, routed by its "iss"), { allOf } (a token of each), with
 * scopes the verified tokens must grant. allowMissing forwards a request without a token;
 * allowFailed also one whose token fails (both tell the origin why in authStatusHeader).
 */
export type GatewayRequirement = "none" | string
  | { provider: string; scopes?: string[]; allowMissing?: boolean; allowFailed?: boolean }
  | { anyOf: string[]; scopes?: string[]; allowMissing?: boolean; allowFailed?: boolean }
  | { allOf: string[]; scopes?: string[] };
/**
 * A rule: the first whose match holds decides. Exactly one of path (that normalised path),
 * prefix (it and everything below, by whole segments) or pattern ("*" one segment, "**" any
 * number, at most one); methods without regard to case, GET also matching HEAD.
 */
export interface GatewayRule {
  /** For metrics and logs (default: its index); printable ASCII without quotes or "\", not "default" or "preflight". */
  name?: string;
  match: ({ path: string } | { prefix: string } | { pattern: string }) & { methods?: string[] };
  requires: GatewayRequirement;
}
/** The single-provider options (GatewayProviderConfig at the top level: the provider "default"), or providers. */
export interface GatewayConfig extends GatewayProviderConfig {
  /** Several named providers (names: A-Z a-z 0-9 _ . -, not "none"); then no provider option at the top level. */
  providers?: Record<string, GatewayProviderConfig>;
  /** Ordered rules; no match: the default rule, a token of any provider (or the last rule, when it matches every path). Not with bypass. */
  rules?: GatewayRule[];
  /** http(s)://host[:port][/base]: the forwarded URL is this text followed by the normalised path and the query. */
  origin: string;
  /** Shorthand for rules that require "none": "/health" (that path), "/public/*" (everything under /public/). */
  bypass?: string[];
  /** Let a real CORS preflight through without a token (default false). */
  bypassPreflight?: boolean;
  forwardToken?: boolean;
  /** The most the claim and payload headers may add to a request (default 8192); over it, 431. */
  maxAddedHeaderBytes?: number;
  /** For every provider's JWKS and revocation list fetches: one JSON line per change of state (default console; null for none). */
  logger?: RemoteFetchLogger | null;
  /**
   * Where every provider's remote JWKS and revocation list keep their last good snapshot for the
   * isolates that come after (new CacheSnapshotStore(caches.default) on Workers): read at the
   * first use, written after each good fetch. Default none.
   */
  snapshotStore?: SnapshotStore;
  cache?: { maxEntries?: number; maxTtl?: number; maxBytes?: number } | false;
  realm?: string; fetch?: typeof fetch;
  /** Prometheus text at path, stats() as JSON at statsPath, both only for "Authorization: Bearer <token>" (32–512 characters). */
  metrics?: { path?: string; statsPath?: string; token: string };
  /** Off by default: past failuresPerMinute failed verifications (a budget refilling continuously), a client gets 429 without verification. */
  throttle?: { failuresPerMinute: number; clientHeader?: string; maxClients?: number };
  /** One JSON line per denial (default { maxPerSecond: 10, write: console.log of the JSON }); false turns it off. */
  denialLog?: { maxPerSecond?: number; write?: (entry: GatewayDenial) => void } | false;
  /** The header telling the origin of an allowMissing route "verified" or why not (default "x-edgejwt-auth"); always stripped from clients. */
  authStatusHeader?: string;
  /** Cookie sessions: the provider "session" (docs/sessions.md, "Cookie sessions at the gateway"). */
  session?: GatewaySessionConfig;
}
/** A denial log entry: never the token, nor claims beyond sub and jti of a token that verified. */
export interface GatewayDenial {
  time: string; event: "edgejwt.denied"; status: number; code: string; rule: string;
  provider?: string; kid?: string; sub?: string; jti?: string; method: string; path?: string; client?: string;
  /** Lines left out (over maxPerSecond) since the last one written. */
  suppressed?: number;
}
/** "string": a string claim, percent-encoded; "list": an array of strings, joined by ","; "json": any value as compact JSON, numbers as written. */
export type ClaimHeaderEncoding = "string" | "list" | "json";
export interface GatewayHandler {
  /**
   * `context`: the Workers ExecutionContext (anything with waitUntil), which keeps a JWKS or
   * revocation refresh the request started in the background alive after the response.
   */
  (request: Request, context?: { waitUntil(promise: Promise<unknown>): void }): Promise<Response>;
  stats(): Record<string, unknown>;
  /** The counters in Prometheus text format (what metrics.path serves). */
  metrics(): string;
}
/**
 * A SnapshotStore on the Workers Cache API: each snapshot under
 * https://snapshots.edgejwt.invalid/v1/<SHA-256 of its key>, kept for its ttl (Cache-Control max-age).
 */
export class CacheSnapshotStore implements SnapshotStore {
  /** `cache`: caches.default (or a Cache from caches.open). Throws ERR_INVALID_ARGUMENT for anything else. */
  constructor(cache: { match(request: string): Promise<Response | undefined>; put(request: string, response: Response): Promise<void> });
  load(key: string): Promise<unknown>;
  save(key: string, snapshot: unknown, ttl: number): Promise<void>;
}
export function createGateway(config: GatewayConfig): GatewayHandler;
export class GatewayTokenMissing extends JOSEError {}
export class GatewayForbidden extends JOSEError {}
export class JWTRevoked extends JOSEError {}

export interface InitOptions {
  /**
   * Where signature primitives (RSA, ECDSA, Ed25519) are checked; HMAC always stays in Wasm, and
   * every other check is the core's either way. true (the default): node:crypto under Node, for
   * verify and verifyAsync; elsewhere WebCrypto, for verifyAsync (verify stays on Wasm).
   * "node" or "webcrypto" insist on one (init fails if it is missing); false keeps every primitive in Wasm.
   */
  hostCrypto?: boolean | "node" | "webcrypto";
}
export interface VerifyOptions {
  /** false: this call checks the signature primitive in Wasm, whatever init() chose. */
  hostCrypto?: boolean;
}
