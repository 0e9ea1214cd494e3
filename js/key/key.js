// Keys on the JS side: handles into the core's key table, bound to the runtime that made them and
// released on free() or when garbage-collected. Every check is the core's.
//
// A Key or LocalJWKSet retains what it was made from (`source`: the import's format, data and alg,
// a generated key's exported JWK, a set's JWKS), so that when the Wasm instance is replaced (a trap,
// js/core.js) its handle is made again, lazily, in the new instance: `cell` holds the handle with
// the epoch of the instance it belongs to. Its identity (`id`, never reused) is what the
// verified-token cache keys entries by; it outlives any handle.
import { JOSEInvalidArgument } from "../errors.js";
import { newIdentity } from "../identity.js";
import { KeyFormat, KeyUse } from "../abi.js";

const stateOf = Symbol("edgejwt.key");

// A handle, in `runtime`'s instance of now, for a source: { format, data, alg } or { jwks } (JSON),
// with `use: KeyUse.encryption` for a key or set that serves encryption.
function handleFrom(runtime, source) {
  const { core } = runtime;
  if (source.use === KeyUse.encryption) {
    return source.jwks === undefined
      ? core.call("edgejwt_key_import_for", source.format, source.use, source.data, source.alg ?? "").handle
      : core.call("edgejwt_key_import_jwks_for", source.use, source.jwks).handle;
  }
  return source.jwks === undefined
    ? core.call("edgejwt_key_import", source.format, source.data, source.alg ?? "").handle
    : core.call("edgejwt_key_import_jwks", source.jwks).handle;
}

// What the core says of the key or set a handle names.
const describe = (runtime, handle) => JSON.parse(runtime.core.call("edgejwt_key_describe", handle).output);

function attach(object, runtime, handle, source) {
  const cell = { handle, epoch: runtime.core.epoch };
  object[stateOf] = { runtime, id: newIdentity(), cell, source };
  runtime.track(object, cell);
}

// A key bound to one family at import: "secret" (HMAC), "public" or "private".
export class Key {
  constructor(runtime, handle, description, source) {
    this.type = description.type;
    this.family = description.family;
    this.algorithms = description.algorithms;
    if (description.kid !== undefined) this.kid = description.kid;
    if (description.alg !== undefined) this.alg = description.alg;
    if (description.use !== undefined) this.use = description.use;
    attach(this, runtime, handle, source);
  }

  // Releases the key's material in the core now rather than at garbage collection.
  free() {
    const { runtime, cell } = this[stateOf];
    runtime.release(this, cell);
  }

  // The key a verification reported (a key is its own), and what a result names besides it (nothing).
  keyAt() {
    return this;
  }

  matchedKey() {
    return undefined;
  }

  // Whether a host may check this key's signatures: when it handles one of its algorithms.
  mayUseHost(host) {
    return this.algorithms.some((alg) => host.handles(alg));
  }
}

// A local JWK Set (jose's createLocalJWKSet): verify picks the one key that fits a token.
export class LocalJWKSet {
  // `jwks` is the caller's set copied and frozen, `json` its JSON as the core imported it, `use` a
  // KeyUse (signature: verify picks from it; encryption: decryption does).
  constructor(runtime, handle, description, jwks, json, use = KeyUse.signature) {
    this.use = use === KeyUse.encryption ? "enc" : "sig";
    this.size = description.keys; // usable keys of that use
    this.skipped = description.skipped; // entries that can never serve it (encryption keys in a verify set, …)
    this.jwks = jwks;
    this.matched = new Map(); // index in "keys" -> Key, made when first matched
    attach(this, runtime, handle, { jwks: json, use });
  }

  // The Key for the set's entry at `index` (as reported by a verification).
  keyAt(index) {
    let key = this.matched.get(index);
    if (!key) {
      const data = JSON.stringify(this.jwks.keys[index]);
      key = importedKey(this[stateOf].runtime, { format: KeyFormat.jwk, data, alg: "" });
      this.matched.set(index, key);
    }
    return key;
  }

  // A result verified with a set names the set's key that verified.
  matchedKey(index) {
    return this.keyAt(index);
  }

  // The host is asked per token, for the entry it names.
  mayUseHost() {
    return true;
  }

  free() {
    for (const key of this.matched.values()) key.free();
    this.matched.clear();
    const { runtime, cell } = this[stateOf];
    runtime.release(this, cell);
  }
}

// A Key made from `source` ({ format, data, alg }), retaining it.
export function importedKey(runtime, source) {
  return keyOfHandle(runtime, handleFrom(runtime, source), source);
}

// A Key for a handle the core just made, retaining what makes it again.
export function keyOfHandle(runtime, handle, source) {
  return new Key(runtime, handle, describe(runtime, handle), source);
}

// A LocalJWKSet of a set's JSON (`jwks` its frozen plain copy) for a use (KeyUse; signature by default).
export function importedSet(runtime, jwks, json, use) {
  const handle = handleFrom(runtime, { jwks: json, use });
  return new LocalJWKSet(runtime, handle, describe(runtime, handle), jwks, json, use);
}

// Whether `value` is a Key or LocalJWKSet (of any runtime: handleFor says whose).
export const isKeyObject = (value) => value?.[stateOf] !== undefined;

// The handle of a Key or LocalJWKSet made by `runtime`, checked, in the instance of now: made again
// from its source when the instance has been replaced since.
export function handleFor(runtime, key) {
  const state = key?.[stateOf];
  if (state === undefined) throw new JOSEInvalidArgument("the key must be a Key or LocalJWKSet made by edgejwt");
  if (state.runtime !== runtime) {
    throw new JOSEInvalidArgument("the key was made by another edgejwt instance (init each entry's keys with its own API)");
  }
  const { cell } = state;
  if (!cell.handle) throw new JOSEInvalidArgument("the key has been freed");
  const { epoch } = runtime.core;
  if (cell.epoch !== epoch) {
    cell.handle = handleFrom(runtime, state.source);
    cell.epoch = epoch;
  }
  return cell.handle;
}

// The identity a verdict with this key is remembered under (never reused, unlike handles).
export const identityOf = (key) => key[stateOf].id;
