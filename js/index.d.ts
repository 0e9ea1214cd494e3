// edgejwt public API (both entry points share it: "edgejwt" and "edgejwt/wasi").

export type JWSAlgorithm = "HS256" | "HS384" | "HS512";

/** An HMAC secret: bytes, never a string. At least as long as the algorithm's hash (32/48/64). */
export type KeyLike = Uint8Array;

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
  /** The build's Wasm: a compiled module, bytes, a Response, or a URL. Defaults to the packaged file. */
  wasm?: WebAssembly.Module | BufferSource | Response | URL | string | Promise<WebAssembly.Module | BufferSource | Response>;
  /** WASI entry only: "auto" (node:wasi under Node, else the built-in shim), "node" or "shim". */
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
}

export interface VerifyOptions extends LimitOptions {
  /** Allowed "alg" values. Default: those the key can be used with. "none" is never allowed. */
  algorithms?: JWSAlgorithm[];
  /** Leeway for "exp" and "nbf": seconds, or a span like "30s", "5m". Default 0. */
  clockTolerance?: number | string;
  /** The time to check against. Default: now. */
  currentDate?: Date;
}

export interface SignOptions {
  alg: JWSAlgorithm;
  kid?: string;
  /** Default "JWT". */
  typ?: string;
  /** Further protected header members ("alg", "typ" and "kid" come from the options above). */
  header?: Record<string, unknown>;
}

export interface VerifyResult<P = JWTPayload> {
  payload: P;
  protectedHeader: JWSHeaderParameters;
}

export interface DecodeResult<P = JWTPayload> {
  header: JWSHeaderParameters;
  payload: P;
  /** Always false: decode() checks the token's form, never its signature or claims. */
  verified: false;
}

/** Loads the Wasm build; await it once before any other call. */
export function init(options?: InitOptions): Promise<void>;
export function sign(payload: JWTPayload, key: KeyLike, options: SignOptions): string;
export function verify<P = JWTPayload>(token: string | Uint8Array, key: KeyLike, options?: VerifyOptions): VerifyResult<P>;
export function decode<P = JWTPayload>(token: string | Uint8Array, options?: LimitOptions): DecodeResult<P>;

export class JOSEError extends Error {
  static code: string;
  /** Stable error code, e.g. "ERR_JWS_SIGNATURE_VERIFICATION_FAILED". */
  code: string;
  /** What failed, when the core names it: "header", "payload", "signature", an option name. */
  detail?: string;
}
export class JOSEInvalidArgument extends JOSEError {}
export class JOSENotSupported extends JOSEError {}
export class JOSEAlgNotAllowed extends JOSEError {}
export class JWSInvalid extends JOSEError {}
export class JWTInvalid extends JOSEError {}
export class JWSSignatureVerificationFailed extends JOSEError {}
export class KeyInvalid extends JOSEError {}
export class JWTClaimValidationFailed extends JOSEError {
  claim: string;
  reason: string;
}
export class JWTExpired extends JWTClaimValidationFailed {}
export const ERR_NOT_INITIALIZED: "ERR_NOT_INITIALIZED";
