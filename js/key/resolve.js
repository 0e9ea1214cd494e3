// What a key argument is, decided here and nowhere else: a Key or LocalJWKSet (handleFor then
// checks it is this runtime's), raw HMAC secret bytes (imported once and found again: secrets.js),
// or a key source that answers per token (a RemoteJWKSet: keySource). Issue 14's key forms
// (KeyObject, CryptoKey, JWK objects, resolver functions) belong here too.
import { JOSEInvalidArgument } from "../errors.js";
import { Key, isKeyObject } from "./key.js";

// A key source answers, per token's protected header, the key set to verify it with (perhaps after
// a fetch): `await source[keySource](protectedHeader)`.
export const keySource = Symbol("edgejwt.keySource");

// The Key or LocalJWKSet to sign or verify with.
export function keyOf(runtime, key) {
  if (isKeyObject(key)) return key;
  if (key instanceof Uint8Array) return runtime.secrets.keyFor(key);
  throw new JOSEInvalidArgument(
    typeof key === "string"
      ? "an HMAC secret must be bytes (a Uint8Array) or an imported key, never a string: encode it deliberately"
      : "the key must be an imported Key, a LocalJWKSet, or a Uint8Array HMAC secret",
  );
}

// A key source's key set for the token whose protected header `header()` reads (called only for a
// source); any other key as it is, for keyOf.
export async function keyForToken(key, header) {
  return typeof key?.[keySource] === "function" ? key[keySource](header()) : key;
}

// Whether `value` is a Key (not a set, nor a JWK to import).
export const isKey = (value) => value instanceof Key;
