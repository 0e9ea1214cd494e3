// The host's form of each key (a node:crypto KeyObject with its verify parameters, or a WebCrypto
// CryptoKey), made once per key and algorithm from the key's public JWK, never per call. The
// WeakMap is the key's private field: a host key lives exactly as long as its Key or LocalJWKSet,
// whose entries each have their own (by index in its "keys"). Only public material is exported.
import { publicMaterial } from "./algorithms.js";

export class HostKeys {
  // `publicJwkOf(key)` exports the public JWK of a Key (a set's entry: owner.keyAt(index)).
  constructor(host, publicJwkOf) {
    this.host = host;
    this.publicJwkOf = publicJwkOf;
    this.byOwner = new WeakMap(); // Key | LocalJWKSet -> Map("alg#index" -> prepared, or null)
  }

  // The prepared host key; null when the host does not check this one (Wasm does), undefined when
  // it is yet to be made. An asynchronous host's is a promise while it is being made.
  get(owner, index, alg) {
    if (!this.host.handles(alg)) return null;
    return this.byOwner.get(owner)?.get(`${alg}#${index}`);
  }

  // The prepared host key, made first when it is yet to be.
  prepared(owner, index, alg) {
    const prepared = this.get(owner, index, alg);
    return prepared === undefined ? this.make(owner, index, alg) : prepared;
  }

  // Makes and keeps it. This calls the core (to export the public key). A key the host refuses is
  // left to Wasm.
  make(owner, index, alg) {
    return keptHostKey(slotsOf(this.byOwner, owner), `${alg}#${index}`, () => {
      const jwk = publicMaterial(this.publicJwkOf(owner.keyAt(index)));
      return jwk ? this.host.prepare(jwk, alg) : null;
    });
  }
}

// The slots of `owner` (a Key or LocalJWKSet) in `byOwner`, a WeakMap: made at its first use.
export function slotsOf(byOwner, owner) {
  let slots = byOwner.get(owner);
  if (!slots) byOwner.set(owner, (slots = new Map()));
  return slots;
}

// The host key kept in `slots` under `slot`, made by `make()` the first time: null when `make`
// throws or the host refuses the key (Wasm then computes), on an asynchronous host a promise that
// is replaced by the key once made, so later calls need not wait for it.
export function keptHostKey(slots, slot, make) {
  if (slots.has(slot)) return slots.get(slot);
  let prepared = null;
  try {
    prepared = make();
  } catch {
    // The key could not be exported, or the host refused it.
  }
  if (typeof prepared?.then === "function") {
    prepared = prepared.catch(() => null).then((made) => {
      slots.set(slot, made);
      return made;
    });
  }
  slots.set(slot, prepared);
  return prepared;
}
