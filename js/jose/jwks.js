// jose's createLocalJWKSet: a resolver function `(protectedHeader, token) => key` with jwks(). To
// jwtVerify and compactVerify it is the LocalJWKSet it wraps (a key source, key/resolve.js), so the
// core picks the one key that fits each token, as for edgejwt's own set.
import { JOSENotSupported, JWKSInvalid } from "../errors.js";
import { keySource } from "../key/resolve.js";
import { createLocalJWKSet as localSet } from "../jwks/local.js";

export function createLocalJWKSet(runtime, jwks) {
  const set = localSet(runtime, jwks);
  // jose refuses a private key as a set's member (JWKSInvalid): one published by mistake is never
  // used, here from the start, whatever token comes.
  if (set.jwks.keys.some((entry) => typeof entry?.d === "string")) {
    set.free?.();
    throw new JWKSInvalid("JSON Web Key Set members must be public keys");
  }
  const resolver = async () => {
    throw new JOSENotSupported("this key set chooses its key inside jwtVerify and compactVerify: pass it to them");
  };
  Object.defineProperties(resolver, {
    [keySource]: { value: () => set },
    jwks: { value: () => structuredClone(set.jwks) },
  });
  return resolver;
}
