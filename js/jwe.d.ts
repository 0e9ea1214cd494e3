// edgejwt/jwe (and edgejwt/wasi/jwe): every export of edgejwt, and encryption (JWE) on the Wasm
// module that has it. Their keys sign and encrypt alike (one runtime); keys of "edgejwt" are
// another instance's.
import type { JWSAlgorithm, JWSHeaderParameters, JWTPayload, Key, KeyLike, LocalJWKSet, SignOptions, VerifyOptions,
  JWEKeyManagementAlgorithm, JWEContentEncryptionAlgorithm, JWEHeaderParameters } from "./index.js";

export * from "./index.js";

export interface EncryptOptions {
  alg: JWEKeyManagementAlgorithm;
  enc: JWEContentEncryptionAlgorithm;
  kid?: string;
  /** Further protected header members ("apu"/"apv", "p2c", "typ", "cty", extensions in "crit"). */
  header?: Record<string, unknown>;
  /** The async encryptions only: false keeps every primitive of this call in Wasm. */
  hostCrypto?: boolean;
}

/** encrypt() and signAndEncrypt(): the JWE's header, and sign()'s claim options. */
export interface EncryptJWTOptions extends EncryptOptions, Omit<SignOptions, "alg" | "kid" | "typ" | "header"> {}

export interface SignAndEncryptOptions extends EncryptJWTOptions {
  /** The inner JWS ("typ" defaults to "JWT"); the JWE gets "cty": "JWT". */
  signing: { alg: JWSAlgorithm; kid?: string; typ?: string; header?: Record<string, unknown> };
}

export interface DecryptOptions extends VerifyOptions {
  /** Allowed JWE "alg" values (default: the key's). Bytes decrypt PBES2 only when it is listed here. */
  keyManagementAlgorithms?: JWEKeyManagementAlgorithm[];
  /** Allowed "enc" values (default: all). */
  contentEncryptionAlgorithms?: JWEContentEncryptionAlgorithm[];
  /** The most PBKDF2 iterations ("p2c") a token may ask for. Default 10,000. */
  maxPBES2Count?: number;
}

/** An imported encryption Key, or raw bytes ("dir" content keys, AES key-wrapping keys, PBES2 passwords). */
export type EncryptionKeyLike = Key | Uint8Array;

/** A compact JWE of any bytes. */
export function compactEncrypt(plaintext: Uint8Array, key: EncryptionKeyLike, options: EncryptOptions): string;
export function compactDecrypt(jwe: string | Uint8Array, key: EncryptionKeyLike | LocalJWKSet, options?: DecryptOptions):
  { plaintext: Uint8Array; protectedHeader: JWEHeaderParameters };
/** An encrypted JWT (jose's EncryptJWT). */
export function encrypt(claims: JWTPayload, key: EncryptionKeyLike, options: EncryptJWTOptions): string;
/** An encrypted JWT, its claims checked as verify() checks them. */
export function decrypt<P = JWTPayload>(token: string | Uint8Array, key: EncryptionKeyLike | LocalJWKSet, options?: DecryptOptions):
  { payload: P; protectedHeader: JWEHeaderParameters };
/** A nested JWT: signed, then encrypted. */
export function signAndEncrypt(claims: JWTPayload, signingKey: KeyLike, encryptionKey: EncryptionKeyLike, options: SignAndEncryptOptions): string;
/** A nested JWT: decrypted, then its inner JWS verified ("algorithms" is the inner JWS's allowlist). */
export function decryptAndVerify<P = JWTPayload>(token: string | Uint8Array, decryptionKey: EncryptionKeyLike | LocalJWKSet,
  verificationKey: KeyLike | LocalJWKSet, options?: DecryptOptions):
  { payload: P; protectedHeader: JWEHeaderParameters; signedHeader: JWSHeaderParameters };
/**
 * The same results and errors as compactDecrypt, decrypt and decryptAndVerify, with the costly step
 * of key management on the host init() chose (node:crypto or WebCrypto) after the core has checked
 * the token up to it: ECDH-ES's agreement (P-256, P-384; P-521 on node:crypto), RSA-OAEP's
 * decryption, PBES2's PBKDF2. Everything else stays in Wasm. Without a host, or with
 * options.hostCrypto false, exactly the sync operation.
 */
export function compactDecryptAsync(jwe: string | Uint8Array, key: EncryptionKeyLike | LocalJWKSet, options?: DecryptOptions):
  Promise<{ plaintext: Uint8Array; protectedHeader: JWEHeaderParameters }>;
export function decryptAsync<P = JWTPayload>(token: string | Uint8Array, key: EncryptionKeyLike | LocalJWKSet, options?: DecryptOptions):
  Promise<{ payload: P; protectedHeader: JWEHeaderParameters }>;
export function decryptAndVerifyAsync<P = JWTPayload>(token: string | Uint8Array, decryptionKey: EncryptionKeyLike | LocalJWKSet,
  verificationKey: KeyLike | LocalJWKSet, options?: DecryptOptions):
  Promise<{ payload: P; protectedHeader: JWEHeaderParameters; signedHeader: JWSHeaderParameters }>;
/**
 * The same options, tokens and errors as compactEncrypt, encrypt and signAndEncrypt, with key
 * management's costly step made by the host init() chose (node:crypto or WebCrypto) where it
 * measured faster: ECDH-ES's ephemeral key and agreement (where the host has the curve), RSA-OAEP's
 * CEK and its encryption to the recipient, PBES2's PBKDF2 (the password as bytes or a Key). The
 * core checks the options against the key first, takes the host's part only in the form that step
 * makes, and does the rest: the key derivation, the wrapping, the content encryption, the inner
 * signature and the framing. Every other algorithm, a host without the curve or one that fails,
 * and options.hostCrypto false: exactly the sync operation.
 */
export function compactEncryptAsync(plaintext: Uint8Array, key: EncryptionKeyLike, options: EncryptOptions): Promise<string>;
export function encryptAsync(claims: JWTPayload, key: EncryptionKeyLike, options: EncryptJWTOptions): Promise<string>;
export function signAndEncryptAsync(claims: JWTPayload, signingKey: KeyLike, encryptionKey: EncryptionKeyLike,
  options: SignAndEncryptOptions): Promise<string>;
