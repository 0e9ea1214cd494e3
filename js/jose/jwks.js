// jose's createLocalJWKSet: a resolver function `(protectedHeader, token) => key` with jwks(). To
// jwtVerify and compactVerify it is the LocalJWKSet it wraps (a key source, key/resolve.js), so the
// core picks the one key that fits each token, as for edgejwt's own set; called directly, it asks the
// core the same question with the header alone (edgejwt_key_select) and gives that key.
import { JOSEInvalidArgument, JWKSInvalid } from "../errors.js";
import { isPlainObject, jsonOf } from "../util.js";
import { handleFor } from "../key/key.js";
import { keySource } from "../key/resolve.js";
import { createLocalJWKSet as localSet } from "../jwks/local.js";
import { callChoosingKey } from "../jws/verification.js";

export function createLocalJWKSet(runtime, jwks) {
  const set = localSet(runtime, jwks);
  // jose refuses a private key as a set's member (JWKSInvalid): one published by mistake is never
  // used, here from the start, whatever token comes.
  if (set.jwks.keys.some((entry) => typeof entry?.d === "string")) {
    set.free?.();
    throw new JWKSInvalid("JSON Web Key Set members must be public keys");
  }
  const resolver = async (protectedHeader) => {
    if (!isPlainObject(protectedHeader)) throw new JOSEInvalidArgument("the protected header must be an object");
    const header = jsonOf(protectedHeader, JOSEInvalidArgument, "the protected header");
    runtime.ready();
    const { keyIndex } = callChoosingKey(runtime, set, "edgejwt_key_select", handleFor(runtime, set), header);
    return set.keyAt(keyIndex);
  };
  Object.defineProperties(resolver, {
    [keySource]: { value: () => set },
    jwks: { value: () => structuredClone(set.jwks) },
  });
  return resolver;
}
