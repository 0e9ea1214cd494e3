// A key set fetched from an identity provider's JWKS endpoint, for verifying at the edge: a
// RemoteDocument (remote-document.js: cached within Cache-Control bounds, stale-if-error within
// maxStale, one request at a time, seedable) whose body is imported into the core once per fetch,
// and refetched when a token names a kid the set does not have (at most once per cooldown).
import { JWKSFetchFailed, JWKSInvalid, JWKSTimeout } from "./errors.js";
import { RemoteDocument } from "./remote-document.js";

const JWKS = {
  name: "JWKS",
  describes: "a usable JWK Set",
  accept: "application/jwk-set+json, application/json",
  field: "jwks",
  isDocument: (jwks) => typeof jwks === "object" && jwks !== null && Array.isArray(jwks.keys),
  // An unknown kid may be a key the provider has just added.
  misses: ({ kids }, protectedHeader) => {
    const kid = protectedHeader?.kid;
    return typeof kid === "string" && !kids.has(kid);
  },
  Timeout: JWKSTimeout,
  FetchFailed: JWKSFetchFailed,
  Invalid: JWKSInvalid,
};

// Bound by each entry point to its own createLocalJWKSet (and so to its own Wasm instance).
export function createRemoteJWKSetFactory({ createLocalJWKSet }) {
  return function createRemoteJWKSet(url, options = {}) {
    return new RemoteJWKSet(createLocalJWKSet, url, options);
  };
}

export class RemoteJWKSet {
  #document;

  constructor(createLocalJWKSet, url, options) {
    // kids counts every entry's kid, also those the set skips (encryption keys): a token naming
    // one is no reason to refetch.
    const parse = (jwks) => ({ set: createLocalJWKSet(jwks), kids: kidsOf(jwks) });
    this.#document = new RemoteDocument(url, options, { ...JWKS, parse });
  }

  // The key set to verify a token with this protected header. Never throws for a kid that is
  // simply unknown: verify then reports ERR_JWKS_NO_MATCHING_KEY.
  async keySetFor(protectedHeader) {
    return (await this.#document.get(protectedHeader)).set;
  }

  // Fetches now (or joins the fetch in flight) unless the cooldown has not passed, keys are on hand
  // and `force` is not set. Rejects with the fetch's error; stale keys stay in use for keySetFor.
  async reload(options) {
    return (await this.#document.reload(options)).set;
  }

  // The last good fetch, JSON-serialisable, to persist and pass back as `seed` in a new isolate.
  snapshot() {
    return this.#document.snapshot();
  }

  stats() {
    return this.#document.stats();
  }
}

function kidsOf(jwks) {
  return new Set(jwks.keys.map((jwk) => jwk?.kid).filter((kid) => typeof kid === "string"));
}
