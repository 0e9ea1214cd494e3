// decryptAndVerifyAsync with the inner JWS's signature on the host (node:crypto, WebCrypto), where
// the verification key takes one: the core stays the authority for both layers.
//   1. the outer layer: edgejwt_decrypt_nested_jws, or edgejwt_decrypt_agreed with the host's ECDH-ES
//      agreement (jwe/decrypt-async.js): every check of decryptAndVerify's outer layer ("cty" "JWT"
//      before any decryption, the policy's allowlists and bounds, the tag before any plaintext);
//   2. the inner JWS, as verifyAsync verifies a token (jws/verification.js): one call into the core
//      (edgejwt_verify_on_host) holds the verdict of every check but the signature primitive, the
//      host checks that, and a signature it refuses is a bad signature whatever was held.
// Together the same checks, in the same order, with the same statuses as edgejwt_decrypt_and_verify:
// the inner policy is made from the same options (a decryption policy's verify members are
// verify's: policies.js) and the claims are checked at the same instant. The options' cache is not
// consulted (decryptAndVerify never is). Measured faster than the inner verify in Wasm in Chromium
// and workerd (README, "Encrypted tokens").
import { PayloadKind } from "../abi.js";
import { Verification } from "../jws/verification.js";
import { keyOf } from "../key/resolve.js";
import { decryptWith } from "../jwe/decrypt.js";
import { decryptOnHost } from "../jwe/decrypt-async.js";
import { verified } from "./verify-async.js";

const innerText = new TextDecoder("utf-8", { fatal: true });

// Whether a host may check the inner signature: never with { hostCrypto: false }, nor for a key
// whose algorithms no host primitive takes (HMAC); a set's entries are decided per token.
export function innerTakesHost(runtime, verificationKey, options) {
  const { host } = runtime;
  return Boolean(host) && options.hostCrypto !== false && keyOf(runtime, verificationKey).mayUseHost(host);
}

// The outer layer in Wasm: the JWE decrypted as decryptAndVerify decrypts it, its inner JWS unverified.
function outerInWasm(runtime, token, key, options) {
  return decryptWith(runtime, token, key, options,
    (keyHandle, policyHandle, text) => runtime.core.call("edgejwt_decrypt_nested_jws", keyHandle, policyHandle, text));
}

// decryptAndVerify's result ({ payload, protectedHeader, signedHeader }) or error, with the inner
// signature checked by the host; undefined when the sync operation must answer (an inner JWS that
// is not UTF-8 text: the core reads its bytes as they are).
export async function decryptAndVerifyOnHost(runtime, token, decryptionKey, verificationKey, options, now) {
  const outer = (await decryptOnHost(runtime, PayloadKind.nestedJws, token, decryptionKey, undefined, options, now))
    ?? outerInWasm(runtime, token, decryptionKey, options);
  let inner;
  try {
    inner = innerText.decode(outer.payload);
  } catch {
    return undefined;
  }
  runtime.ready(); // the instance may have been replaced while the host agreed
  const verification = new Verification(runtime, inner, verificationKey, options, PayloadKind.jwt, false); // never the options' cache
  verification.now = now; // the instant the call began, as decryptAndVerify checks the claims at
  const { payload, protectedHeader } = await verified(verification, options, false);
  return { payload, protectedHeader: JSON.parse(outer.header), signedHeader: protectedHeader };
}
