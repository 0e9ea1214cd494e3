// edgejwt/jose and edgejwt/wasi/jose: jose's API on edgejwt's core (issue 14). The signatures are
// jose's; keys imported here are edgejwt Keys, and every key argument also takes jose's key forms.
import type { JWK, JWSAlgorithm, JWSHeaderParameters, JWTPayload, Key, VerifyOptions, RemoteJWKSet, RemoteJWKSetOptions } from "./index.js";
import * as errorClasses from "./index.js";

/** A node:crypto KeyObject, recognised by its shape (no dependency on Node's types). */
export interface KeyObjectLike { readonly type: "secret" | "public" | "private"; export(options: { format: "jwk" }): unknown }
/** A WebCrypto CryptoKey (public keys are read through exportKey; private ones must be extractable). */
export interface CryptoKeyLike { readonly type: string; readonly extractable: boolean; readonly usages: readonly string[]; readonly algorithm: unknown }
/** Every key form jose takes, besides edgejwt's own Key. */
export type KeyLike = Key | Uint8Array | JWK | KeyObjectLike | CryptoKeyLike;
/** jose's flattened JWS, as a resolver function is given it. */
export interface FlattenedJWSInput { protected: string; payload: string; signature: string }
/** jose's key resolver: called with the token's protected header (and the token) before it is verified. */
export type KeyResolver = (protectedHeader: JWSHeaderParameters, token: FlattenedJWSInput) => KeyLike | Promise<KeyLike>;
/** jose's createLocalJWKSet: a resolver function; pass it to jwtVerify or compactVerify. */
export interface LocalJWKSetFunction extends KeyResolver { jwks(): { keys: JWK[] } }

export interface JWTVerifyResult<P = JWTPayload> { payload: P & JWTPayload; protectedHeader: JWSHeaderParameters; key?: Key }
export interface CompactVerifyResult { payload: Uint8Array; protectedHeader: JWSHeaderParameters; key?: Key }
export interface KeyImportOptions { extractable?: boolean }
export interface GenerateKeyPairOptions extends KeyImportOptions { crv?: string; modulusLength?: number }

type VerifyKey = KeyLike | KeyResolver | RemoteJWKSet;

export class SignJWT {
  constructor(payload?: JWTPayload);
  setProtectedHeader(protectedHeader: JWSHeaderParameters & { alg: string }): this;
  setIssuer(issuer: string): this;
  setSubject(subject: string): this;
  setAudience(audience: string | string[]): this;
  setJti(jwtId: string): this;
  setNotBefore(input: number | string | Date): this;
  setExpirationTime(input: number | string | Date): this;
  setIssuedAt(input?: number | string | Date): this;
  sign(key: KeyLike, options?: { crit?: Record<string, boolean> }): Promise<string>;
}
export class CompactSign {
  constructor(payload: Uint8Array);
  setProtectedHeader(protectedHeader: JWSHeaderParameters & { alg: string }): this;
  sign(key: KeyLike, options?: { crit?: Record<string, boolean> }): Promise<string>;
}
export function jwtVerify<P = JWTPayload>(jwt: string | Uint8Array, key: VerifyKey, options?: VerifyOptions): Promise<JWTVerifyResult<P>>;
export function compactVerify(jws: string | Uint8Array, key: VerifyKey, options?: VerifyOptions): Promise<CompactVerifyResult>;
export function decodeJwt<P = JWTPayload>(jwt: string): P & JWTPayload;
export function decodeProtectedHeader(token: string): JWSHeaderParameters;
export function importJWK(jwk: JWK, alg?: JWSAlgorithm | string, options?: KeyImportOptions): Promise<Key>;
export function importSPKI(spki: string, alg: JWSAlgorithm | string, options?: KeyImportOptions): Promise<Key>;
export function importPKCS8(pkcs8: string, alg: JWSAlgorithm | string, options?: KeyImportOptions): Promise<Key>;
export function importX509(x509: string, alg: JWSAlgorithm | string, options?: KeyImportOptions): Promise<Key>;
export function exportJWK(key: KeyLike): Promise<JWK>;
export function exportSPKI(key: KeyLike): Promise<string>;
export function exportPKCS8(key: KeyLike): Promise<string>;
export function generateKeyPair(alg: JWSAlgorithm | string, options?: GenerateKeyPairOptions): Promise<{ publicKey: Key; privateKey: Key }>;
export function generateSecret(alg: "HS256" | "HS384" | "HS512", options?: KeyImportOptions): Promise<Key>;
export function calculateJwkThumbprint(key: JWK | KeyLike, digestAlgorithm?: "sha256" | "sha384" | "sha512"): Promise<string>;
export function createLocalJWKSet(jwks: { keys: JWK[] }): LocalJWKSetFunction;
export function createRemoteJWKSet(url: URL | string, options?: RemoteJWKSetOptions): RemoteJWKSet;
export { errorClasses as errors };
