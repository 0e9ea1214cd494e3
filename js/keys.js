// Keys on the JS side: handles into the core's key table, bound to the Wasm instance that made
// them and released on free() or when garbage-collected. Every check is the core's.
import { JOSEInvalidArgument } from "./errors.js";

// Formats of edgejwt_key_import and edgejwt_key_export (bindings/edgejwt.h).
export const KeyFormat = { secret: 1, jwk: 2, pem: 3, spkiDer: 4, pkcs8Der: 5, certificateDer: 6 };
export const ExportFormat = { jwkPublic: 1, jwkPrivate: 2, spkiPem: 3, pkcs8Pem: 4 };

const handleOf = Symbol("edgejwt.handle");
const sessionOf = Symbol("edgejwt.session");

// A key bound to one family at import: "secret" (HMAC), "public" or "private".
export class Key {
  constructor(session, handle, description) {
    this[sessionOf] = session;
    this[handleOf] = handle;
    this.type = description.type;
    this.family = description.family;
    this.algorithms = description.algorithms;
    if (description.kid !== undefined) this.kid = description.kid;
    if (description.alg !== undefined) this.alg = description.alg;
    if (description.use !== undefined) this.use = description.use;
    session.track(this, handle);
  }

  // Releases the key's material in the core now rather than at garbage collection.
  free() {
    this[sessionOf].release(this, this[handleOf]);
    this[handleOf] = 0;
  }
}

// A local JWK Set (jose's createLocalJWKSet): verify picks the one key that fits a token.
export class LocalJWKSet {
  constructor(session, handle, description, jwks) {
    this[sessionOf] = session;
    this[handleOf] = handle;
    this.size = description.keys; // usable signature keys
    this.skipped = description.skipped; // entries that can never verify a JWS (encryption keys, …)
    this.jwks = jwks;
    this.matched = new Map(); // index in "keys" -> Key, made when first matched
    session.track(this, handle);
  }

  // The Key for the set's entry at `index` (as reported by a verification).
  keyAt(index) {
    let key = this.matched.get(index);
    if (!key) {
      key = this[sessionOf].importKey(KeyFormat.jwk, JSON.stringify(this.jwks.keys[index]), undefined);
      this.matched.set(index, key);
    }
    return key;
  }

  free() {
    for (const key of this.matched.values()) key.free();
    this.matched.clear();
    this[sessionOf].release(this, this[handleOf]);
    this[handleOf] = 0;
  }
}

// The handle of a Key or LocalJWKSet made by `session`, checked.
export function handleFor(session, key) {
  if (key?.[sessionOf] !== session) {
    throw new JOSEInvalidArgument("the key was made by another edgejwt instance (init each entry's keys with its own API)");
  }
  if (!key[handleOf]) throw new JOSEInvalidArgument("the key has been freed");
  return key[handleOf];
}
