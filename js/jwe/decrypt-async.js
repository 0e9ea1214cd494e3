// The async decryptions (compactDecryptAsync, decryptAsync, decryptAndVerifyAsync): the same results
// and errors as the sync ones, with ECDH-ES's key agreement on the host where it measured faster
// (node:crypto, WebCrypto; README, "Encrypted tokens"). The core stays the one authority:
//   1. edgejwt_decrypt_begin checks the token up to the agreement (parts, header, allowlists and
//      bounds, the key or the set's one key, an "epk" on that key's curve, every part's size);
//   2. the host computes Z from that key and the "epk", nothing else (host-crypto/key-agreement.js);
//   3. edgejwt_decrypt_agreed runs every step again with Z standing in for the core's agreement:
//      the Concat KDF, the unwrapping, the content's tag before any plaintext, the claims, a nested
//      token's inner signature.
// Anything else (another "alg", raw key bytes, X25519 and any curve or key the host does not take,
// a token the core refuses at step 1, a host that fails) is the sync operation, whose error is then
// the answer.
import { tokenText } from "../arguments.js";
import { DECRYPTION_FIELDS, decryptionPolicies } from "./policies.js";
import { JWE } from "./header.js";
import { handleFor, isKeyObject } from "../key/key.js";
import { privateJwkOf } from "../key/export.js";
import { AgreementKeys, agreementMaterial, hostAgreement } from "../host-crypto/key-agreement.js";

// The runtime's host keys for the agreement (made once per runtime), or null without a host.
function agreementKeys(runtime) {
  const agreement = hostAgreement(runtime.host);
  return agreement && new AgreementKeys(agreement, (owner, index) => privateJwkOf(runtime, owner, index));
}

// The token's text and the handle of the options' decryption policy, looked up now.
function policyCall(runtime, token, options) {
  const policies = decryptionPolicies(runtime);
  const policy = policies.policyFor(options, DECRYPTION_FIELDS);
  return { text: tokenText(token, policy.maxTokenLength, JWE), policyHandle: policies.handleOf(policy) };
}

// Z from the host for `token` and `key`, or null when the host does not agree on it (Wasm does).
async function agreeOnHost(runtime, keys, token, key, options) {
  let begun;
  try {
    const { text, policyHandle } = policyCall(runtime, token, options);
    begun = runtime.core.call("edgejwt_decrypt_begin", handleFor(runtime, key), policyHandle, text);
  } catch {
    return null; // refused before the agreement: the sync pass says why
  }
  const { epk } = JSON.parse(begun.header);
  if (epk === undefined) return null; // not ECDH-ES
  try {
    let prepared = keys.prepared(key, begun.keyIndex);
    if (typeof prepared?.then === "function") prepared = await prepared;
    return prepared ? await keys.agreement.agree(prepared, agreementMaterial(epk)) : null;
  } catch {
    return null; // the host refused: Wasm decides
  }
}

// The outputs of `payloadKind`'s decryption of `token` (those of edgejwt_decrypt_agreed), or
// undefined when the sync operation must answer. `verificationKey` is a nested token's (a Key or
// set of this runtime), `now` the claims' instant.
export async function decryptOnHost(runtime, payloadKind, token, key, verificationKey, options, now) {
  runtime.ready();
  if (options.hostCrypto === false) return undefined; // this call keeps every primitive in Wasm
  if (!isKeyObject(key)) return undefined; // raw bytes: AES keys and passwords, never agreed on
  const keys = runtime.layer(agreementKeys);
  if (!keys) return undefined;
  const z = await agreeOnHost(runtime, keys, token, key, options);
  if (!z) return undefined;
  // The instance may have been replaced and the options changed meanwhile: every handle is looked
  // up again, and the core checks everything again.
  const core = runtime.ready();
  try {
    const { text, policyHandle } = policyCall(runtime, token, options);
    const verifying = verificationKey === undefined ? 0 : handleFor(runtime, verificationKey);
    return core.call("edgejwt_decrypt_agreed", payloadKind, handleFor(runtime, key), verifying, policyHandle, text, now, z);
  } finally {
    z.fill(0);
  }
}
