// What a key argument is, decided here and nowhere else: a Key or LocalJWKSet (handleFor then
// checks it is this runtime's), raw HMAC secret bytes (imported once and found again: secrets.js),
// jose's key forms — a KeyObject, a CryptoKey, a JWK object (imported once, remembered by identity:
// forms.js) — or what answers per token: a key source (a RemoteJWKSet, a local set's resolver) or
// jose's resolver function `(protectedHeader, token) => key`.
import { JOSEInvalidArgument } from "../errors.js";
import { isKeyObject } from "./key.js";
import { isCryptoKey, isJwkObject, isNodeKeyObject } from "./forms.js";

// A key source answers, per token's protected header, the key set to verify it with (perhaps after
// a fetch): `await source[keySource](protectedHeader)`.
export const keySource = Symbol("edgejwt.keySource");

// The Key or LocalJWKSet to sign or verify with, synchronously.
export function keyOf(runtime, key) {
  if (isKeyObject(key)) return key;
  if (key instanceof Uint8Array) return runtime.secrets.keyFor(key);
  const formKey = isCryptoKey(key) ? runtime.keyForms.remembered(key) : runtime.keyForms.keyFor(key);
  if (formKey) return formKey;
  throw new JOSEInvalidArgument(
    typeof key === "string"
      ? "an HMAC secret must be bytes (a Uint8Array) or an imported key, never a string: encode it deliberately"
      : isCryptoKey(key) || typeof key === "function"
        ? "a CryptoKey or a key resolver function is read asynchronously: use verifyAsync (or jose's entry, edgejwt/jose)"
        : "the key must be an imported Key, a LocalJWKSet, a KeyObject, a JWK object or a Uint8Array HMAC secret",
  );
}

// The key to use for one token, in a form keyOf takes: a key source's set for the token's protected
// header (`header()` reads it), a resolver function's answer (called with the header and the token
// as jose's flattened JWS), a CryptoKey read once; any other key as it is. `use` is "sign" or
// "verify" (a CryptoKey's usages must allow it).
export async function keyForToken(runtime, key, header, token, use = "verify") {
  if (typeof key?.[keySource] === "function") return key[keySource](header());
  if (typeof key === "function") {
    const text = typeof token === "string" ? token : new TextDecoder().decode(token);
    const [protectedPart, payload, signature] = text.split(".");
    key = await key(header(), { payload, protected: protectedPart, signature });
    if (typeof key === "function" || typeof key?.[keySource] === "function") {
      throw new JOSEInvalidArgument("a key resolver must return a key, not another resolver");
    }
  }
  return keyForUse(runtime, key, use);
}

// A CryptoKey as a Key (asynchronously: WebCrypto exports it), any other key as it is. A KeyObject
// or JWK object of the wrong kind for `use` is refused as jose refuses it (a TypeError): a private
// key does not verify, a public key does not sign.
export async function keyForUse(runtime, key, use) {
  if (isCryptoKey(key)) return runtime.keyForms.cryptoKeyFor(key, use);
  const type = isNodeKeyObject(key) ? key.type : isJwkObject(key) ? jwkType(key) : undefined;
  if ((use === "verify" && type === "private") || (use === "sign" && type === "public")) {
    throw new JOSEInvalidArgument(`a ${type} key cannot ${use}: pass its ${type === "private" ? "public key" : "private key"}`);
  }
  return key;
}

const jwkType = (jwk) => (jwk.kty === "oct" ? "secret" : jwk.d === undefined ? "public" : "private");
