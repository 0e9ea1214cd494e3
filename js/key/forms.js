// jose's key forms (its "KeyLike") as Keys: a node:crypto KeyObject, a WebCrypto CryptoKey, a JWK
// object. Each is imported once and remembered by the object's identity in a WeakMap (so the entry
// goes when the object is collected, and its Key with it), never by a number that can recur. A JWK
// object can change in place: its JSON is compared with what was imported on every use, and a
// changed one is imported again as a new Key (a new identity, so no cached verdict carries over).
// KeyObjects and CryptoKeys cannot change. Every check of the material is the core's.
import { JOSEInvalidArgument, JWKInvalid } from "../errors.js";
import { KeyFormat } from "../abi.js";
import { isPlainObject, jsonOf } from "../util.js";

// A node:crypto KeyObject (recognised without importing node:crypto, which browsers lack).
export const isNodeKeyObject = (value) =>
  typeof value === "object" && value !== null && value[Symbol.toStringTag] === "KeyObject" && typeof value.export === "function";

export const isCryptoKey = (value) => typeof CryptoKey === "function" && value instanceof CryptoKey;

// A JWK given as an object (a string is never one: jose refuses JWK JSON text as a key too).
export const isJwkObject = (value) => isPlainObject(value) && typeof value.kty === "string";

// WebCrypto's name for what a CryptoKey may do, per operation of ours.
const USAGE = { sign: "sign", verify: "verify" };

export class KeyForms {
  // `importKey(source)` makes a Key of { format, data, alg } (key.js importedKey).
  constructor(importKey) {
    this.importKey = importKey;
    this.byObject = new WeakMap(); // KeyObject | CryptoKey | JWK object -> { json, key }
  }

  // The Key for a KeyObject or a JWK object, or undefined when `value` is neither.
  keyFor(value) {
    if (isNodeKeyObject(value)) return this.byObject.get(value)?.key ?? this.remember(value, null, jwkOfKeyObject(value), "");
    if (!isJwkObject(value)) return undefined;
    const json = jsonOf(value, JWKInvalid, "a JWK");
    const entry = this.byObject.get(value);
    if (entry?.json === json) return entry.key;
    return this.remember(value, json, json, "");
  }

  // The Key for a CryptoKey already read (synchronously), or undefined.
  remembered(cryptoKey) {
    return this.byObject.get(cryptoKey)?.key;
  }

  // The Key for a CryptoKey, read through exportKey once; `use` ("sign" or "verify") must be among
  // its usages, as WebCrypto itself would insist. A private or secret key that is not extractable
  // cannot be read, so cannot be used: edgejwt signs in its core, never outside it.
  async cryptoKeyFor(cryptoKey, use) {
    if (use && !cryptoKey.usages.includes(USAGE[use])) {
      throw new JOSEInvalidArgument(`the CryptoKey's usages do not include "${USAGE[use]}"`);
    }
    const known = this.remembered(cryptoKey);
    if (known) return known;
    if (!cryptoKey.extractable) {
      const error = new JOSEInvalidArgument(
        `a ${cryptoKey.type} CryptoKey that is not extractable cannot be used: edgejwt signs and verifies in its own core, ` +
          "which can read only extractable keys (import it with extractable: true, or import the key with edgejwt)",
      );
      error.reason = "key_not_extractable";
      throw error;
    }
    // WebCrypto writes what the key may do as ext and key_ops (its usages, checked above) and the
    // algorithm as alg: the algorithm binds the Key (an RSA key to PKCS#1 or PSS and its hash), the
    // rest is not the key's to export. An Ed25519 key's alg ("Ed25519") binds nothing its curve
    // does not: it serves "EdDSA" tokens too, as in jose.
    const { alg, ext, key_ops: keyOps, ...jwk } = await crypto.subtle.exportKey("jwk", cryptoKey);
    const binding = jwk.kty === "OKP" ? "" : alg ?? "";
    return this.remembered(cryptoKey) ?? this.remember(cryptoKey, null, JSON.stringify(jwk), binding);
  }

  remember(object, json, data, alg) {
    // A JWK object changed since: its earlier Key is released when collected (a verification on
    // an asynchronous host may still hold it).
    const key = this.importKey({ format: KeyFormat.jwk, data, alg });
    this.byObject.set(object, { json, key });
    return key;
  }
}

// A KeyObject's JWK (node:crypto writes every kind edgejwt imports as one).
function jwkOfKeyObject(keyObject) {
  let jwk;
  try {
    jwk = keyObject.export({ format: "jwk" });
  } catch (cause) {
    throw new JOSEInvalidArgument(`this KeyObject (${keyObject.asymmetricKeyType ?? keyObject.type}) cannot be used as a JWS key`, { cause });
  }
  return JSON.stringify(jwk);
}
