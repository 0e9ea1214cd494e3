// Keys on the JS side: handles into the core's key table, bound to the API instance that made them
// and released on free() or when garbage-collected. Every check is the core's.
//
// A Key or LocalJWKSet retains what it was made from (`source`: the import's format, data and alg,
// a generated key's exported JWK, a set's JWKS), so that when the Wasm instance is replaced (a trap,
// js/core.js) its handle is made again, lazily, in the new instance: `cell` holds the handle with
// the epoch of the instance it belongs to. Its identity (`id`, never reused) is what the
// verified-token cache keys entries by; it outlives any handle.
import { JOSEInvalidArgument } from "./errors.js";
import { newIdentity } from "./identity.js";
import { KeyFormat, ExportFormat } from "./abi.js";

export { KeyFormat, ExportFormat };

const stateOf = Symbol("edgejwt.key");

// `session` is what the API instance lends its keys: epoch(), restore(source) -> handle, track and
// release (js/api.js). `source` is { format, data, alg } for a key, { jwks } (JSON) for a set.
function attach(object, session, handle, source) {
  const cell = { handle, epoch: session.epoch() };
  object[stateOf] = { session, id: newIdentity(), cell, source };
  session.track(object, cell);
}

// A key bound to one family at import: "secret" (HMAC), "public" or "private".
export class Key {
  constructor(session, handle, description, source) {
    this.type = description.type;
    this.family = description.family;
    this.algorithms = description.algorithms;
    if (description.kid !== undefined) this.kid = description.kid;
    if (description.alg !== undefined) this.alg = description.alg;
    if (description.use !== undefined) this.use = description.use;
    attach(this, session, handle, source);
  }

  // Releases the key's material in the core now rather than at garbage collection.
  free() {
    const { session, cell } = this[stateOf];
    session.release(this, cell);
  }
}

// A local JWK Set (jose's createLocalJWKSet): verify picks the one key that fits a token.
export class LocalJWKSet {
  // `jwks` is the caller's set copied and frozen, `json` its JSON as the core imported it.
  constructor(session, handle, description, jwks, json) {
    this.size = description.keys; // usable signature keys
    this.skipped = description.skipped; // entries that can never verify a JWS (encryption keys, …)
    this.jwks = jwks;
    this.matched = new Map(); // index in "keys" -> Key, made when first matched
    attach(this, session, handle, { jwks: json });
  }

  // The Key for the set's entry at `index` (as reported by a verification).
  keyAt(index) {
    let key = this.matched.get(index);
    if (!key) {
      const data = JSON.stringify(this.jwks.keys[index]);
      key = this[stateOf].session.importKey({ format: KeyFormat.jwk, data, alg: "" });
      this.matched.set(index, key);
    }
    return key;
  }

  free() {
    for (const key of this.matched.values()) key.free();
    this.matched.clear();
    const { session, cell } = this[stateOf];
    session.release(this, cell);
  }
}

// The handle of a Key or LocalJWKSet made by `session`, checked, in the instance of now: made again
// from its source when the instance has been replaced since.
export function handleFor(session, key) {
  const state = key?.[stateOf];
  if (state === undefined) throw new JOSEInvalidArgument("the key must be a Key or LocalJWKSet made by edgejwt");
  if (state.session !== session) {
    throw new JOSEInvalidArgument("the key was made by another edgejwt instance (init each entry's keys with its own API)");
  }
  const { cell } = state;
  if (!cell.handle) throw new JOSEInvalidArgument("the key has been freed");
  const epoch = session.epoch();
  if (cell.epoch !== epoch) {
    cell.handle = session.restore(state.source);
    cell.epoch = epoch;
  }
  return cell.handle;
}

// The identity a verdict with this key is remembered under (never reused, unlike handles).
export const identityOf = (key) => key[stateOf].id;

