// jose's createLocalJWKSet: a resolver function `(protectedHeader, token) => key` with jwks(). To
// jwtVerify and compactVerify it is the LocalJWKSet it wraps (a key source, key/resolve.js), so the
// core picks the one key that fits each token, as for edgejwt's own set.
import { JOSENotSupported } from "../errors.js";
import { keySource } from "../key/resolve.js";
import { createLocalJWKSet as localSet } from "../jwks/local.js";

export function createLocalJWKSet(runtime, jwks) {
  const set = localSet(runtime, jwks);
  const resolver = async () => {
    throw new JOSENotSupported("this key set chooses its key inside jwtVerify and compactVerify: pass it to them");
  };
  Object.defineProperties(resolver, {
    [keySource]: { value: () => set },
    jwks: { value: () => structuredClone(set.jwks) },
  });
  return resolver;
}
