// Decrypting encrypted JWTs (jose's jwtDecrypt) and nested ones: the claims checked by the core as
// verify checks them, under the same options (and the JWE's own: decryption policies).
import { JOSEInvalidArgument } from "../errors.js";
import { currentSeconds, optionsOf, optionsReadOnce } from "../arguments.js";
import { handleFor } from "../key/key.js";
import { keyOf } from "../key/resolve.js";
import { decryptWith } from "../jwe/decrypt.js";
import { decryptOnHost } from "../jwe/decrypt-async.js";
import { PayloadKind } from "../abi.js";
import { decryptAndVerifyOnHost, innerTakesHost } from "./nested-async.js";

const decoder = new TextDecoder();

// { payload, protectedHeader }, as jose's jwtDecrypt answers.
export function decrypt(runtime, token, key, options) {
  const core = runtime.ready();
  options = optionsOf(options);
  const now = currentSeconds(options);
  const { header, payload } = decryptWith(runtime, token, key, options,
    (keyHandle, policyHandle, text) => core.call("edgejwt_decrypt", keyHandle, policyHandle, text, now));
  return { payload: JSON.parse(payload), protectedHeader: JSON.parse(header) };
}

// The Key or set that verifies a nested token's inner JWS.
function verificationKeyOf(runtime, verificationKey) {
  if (verificationKey === undefined || verificationKey === null) {
    throw new JOSEInvalidArgument("decryptAndVerify needs the key that verifies the inner JWS");
  }
  return keyOf(runtime, verificationKey);
}

// A nested JWT: decrypted with `decryptionKey`, its inner JWS verified with `verificationKey` (a
// Key, LocalJWKSet or HMAC secret bytes) under the options ("algorithms" for the inner JWS).
// { payload, protectedHeader: the JWE's, signedHeader: the inner JWS's }.
export function decryptAndVerify(runtime, token, decryptionKey, verificationKey, options) {
  const core = runtime.ready();
  options = optionsOf(options);
  const now = currentSeconds(options);
  const verifying = handleFor(runtime, verificationKeyOf(runtime, verificationKey));
  const { header, output, payload } = decryptWith(runtime, token, decryptionKey, options,
    (keyHandle, policyHandle, text) => core.call("edgejwt_decrypt_and_verify", keyHandle, verifying, policyHandle, text, now));
  return { payload: JSON.parse(payload), protectedHeader: JSON.parse(header), signedHeader: JSON.parse(output) };
}

// decrypt and decryptAndVerify, with ECDH-ES's agreement on the host where there is one
// (jwe/decrypt-async.js), and a nested token's inner signature too where the verification key
// takes the host (jwt/nested-async.js): the same results and the same errors.
export async function decryptAsync(runtime, token, key, options) {
  runtime.ready();
  options = optionsReadOnce(options);
  const out = await decryptOnHost(runtime, PayloadKind.jwt, token, key, undefined, options, currentSeconds(options));
  if (out === undefined) return decrypt(runtime, token, key, options);
  return { payload: JSON.parse(decoder.decode(out.payload)), protectedHeader: JSON.parse(out.header) };
}

export async function decryptAndVerifyAsync(runtime, token, decryptionKey, verificationKey, options) {
  runtime.ready();
  options = optionsReadOnce(options);
  const now = currentSeconds(options);
  const verifying = verificationKeyOf(runtime, verificationKey);
  if (innerTakesHost(runtime, verifying, options)) {
    return (await decryptAndVerifyOnHost(runtime, token, decryptionKey, verifying, options, now))
      ?? decryptAndVerify(runtime, token, decryptionKey, verificationKey, options);
  }
  const out = await decryptOnHost(runtime, PayloadKind.nested, token, decryptionKey, verifying, options, now);
  if (out === undefined) return decryptAndVerify(runtime, token, decryptionKey, verificationKey, options);
  return { payload: JSON.parse(decoder.decode(out.payload)), protectedHeader: JSON.parse(out.header), signedHeader: JSON.parse(out.output) };
}
