// Decrypting encrypted JWTs (jose's jwtDecrypt) and nested ones: the claims checked by the core as
// verify checks them, under the same options (and the JWE's own: decryption policies).
import { JOSEInvalidArgument } from "../errors.js";
import { currentSeconds, optionsOf } from "../arguments.js";
import { handleFor } from "../key/key.js";
import { keyOf } from "../key/resolve.js";
import { decryptWith } from "../jwe/decrypt.js";

// { payload, protectedHeader }, as jose's jwtDecrypt answers.
export function decrypt(runtime, token, key, options) {
  const core = runtime.ready();
  options = optionsOf(options);
  const now = currentSeconds(options);
  const { header, payload } = decryptWith(runtime, token, key, options,
    (keyHandle, policyHandle, text) => core.call("edgejwt_decrypt", keyHandle, policyHandle, text, now));
  return { payload: JSON.parse(payload), protectedHeader: JSON.parse(header) };
}

// A nested JWT: decrypted with `decryptionKey`, its inner JWS verified with `verificationKey` (a
// Key, LocalJWKSet or HMAC secret bytes) under the options ("algorithms" for the inner JWS).
// { payload, protectedHeader: the JWE's, signedHeader: the inner JWS's }.
export function decryptAndVerify(runtime, token, decryptionKey, verificationKey, options) {
  const core = runtime.ready();
  options = optionsOf(options);
  const now = currentSeconds(options);
  if (verificationKey === undefined || verificationKey === null) {
    throw new JOSEInvalidArgument("decryptAndVerify needs the key that verifies the inner JWS");
  }
  const verifying = handleFor(runtime, keyOf(runtime, verificationKey));
  const { header, output, payload } = decryptWith(runtime, token, decryptionKey, options,
    (keyHandle, policyHandle, text) => core.call("edgejwt_decrypt_and_verify", keyHandle, verifying, policyHandle, text, now));
  return { payload: JSON.parse(payload), protectedHeader: JSON.parse(header), signedHeader: JSON.parse(output) };
}
