// A key set fetched from an identity provider's JWKS endpoint, for verifying at the edge: a
// RemoteDocument (../remote-document.js: cached within Cache-Control bounds, stale-while-revalidate,
// stale-if-error within maxStale, one request at a time, seedable) whose body is imported into the
// core once per fetch, and refetched when a token names a kid the set does not have (at most once
// per cooldown).
import { JWKSFetchFailed, JWKSInvalid, JWKSTimeout } from "../errors.js";
import { RemoteDocument } from "../remote-document.js";
import { keySource } from "../key/resolve.js";
import { createLocalJWKSet } from "./local.js";

// The core imports a JWK Set of at most 512 KiB and 100 keys (src/keys/key_set.h: kMaxSetSize,
// kMaxKeys; tests/js/remote-jwks.test.js checks the two agree): a larger body could never be used,
// so it is the default and the most maxResponseSize may be.
const CORE_MAX_SET_SIZE = 512 * 1024;

const JWKS = {
  name: "JWKS",
  describes: "a usable JWK Set",
  accept: "application/jwk-set+json, application/json",
  field: "jwks",
  defaults: { maxResponseSize: CORE_MAX_SET_SIZE },
  largestResponse: { bytes: CORE_MAX_SET_SIZE, why: "the core imports JWK Sets of at most 512 KiB" },
  joseRanges: true,
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

// Each fetched set is made a LocalJWKSet of `runtime` (and so of its Wasm instance).
export function createRemoteJWKSet(runtime, url, options = {}) {
  return new RemoteJWKSet((jwks) => createLocalJWKSet(runtime, jwks), url, options);
}

export class RemoteJWKSet {
  #document;

  constructor(createLocalJWKSet, url, options) {
    // kids counts every entry's kid, also those the set skips (encryption keys): a token naming
    // one is no reason to refetch.
    const parse = (jwks) => ({ set: createLocalJWKSet(jwks), kids: kidsOf(jwks) });
    this.#document = new RemoteDocument(url, options, { ...JWKS, parse });
  }

  // The key set to verify a token with this protected header, at once whenever one may be served
  // (an expired one while it is refreshed); only an unknown kid waits for a refetch. Never throws
  // for a kid that is simply unknown: verify then reports ERR_JWKS_NO_MATCHING_KEY.
  async keySetFor(protectedHeader) {
    return (await this.#document.get(protectedHeader)).set;
  }

  // What verifyAsync asks a key source (key/resolve.js).
  [keySource](protectedHeader) {
    return this.keySetFor(protectedHeader);
  }

  // The key set keySetFor answers every token whose kid it has, when that takes no fetch and starts
  // none; undefined otherwise. A token already verified with it has such a kid: the verified-token
  // cache can answer for it without its header being decoded to choose the set.
  keySetAtOnce() {
    return this.#document.valueAtOnce()?.set;
  }

  // Fetches now, or joins the fetch in flight, whatever the cooldown (it holds back only the
  // refetches unknown kids start), as jose's reload() does. Rejects with the fetch's error; stale
  // keys stay in use for keySetFor.
  async reload() {
    return (await this.#document.reload()).set;
  }

  // jose's: whether an unknown kid would wait for the cooldown before a refetch, whether the keys
  // on hand are within their max-age, whether a fetch is in flight, and the JWK Set on hand (a
  // copy; undefined before the first fetch or seed).
  get coolingDown() {
    return this.#document.coolingDown;
  }

  get fresh() {
    return this.#document.fresh;
  }

  get reloading() {
    return this.#document.reloading;
  }

  jwks() {
    return this.#document.document();
  }

  // The fetch in flight (a promise that never rejects) or null, for a runtime's waitUntil.
  refreshing() {
    return this.#document.refreshing();
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
