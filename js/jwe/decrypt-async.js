// The async decryptions (compactDecryptAsync, decryptAsync, decryptAndVerifyAsync): the same results
// and errors as the sync ones, with the costly step of key management on the host where it measured
// faster (node:crypto, WebCrypto; README, "Encrypted tokens"): ECDH-ES's agreement, RSA-OAEP's
// private-key decryption, PBES2's PBKDF2. The core stays the one authority:
//   1. edgejwt_decrypt_begin checks the token up to that step (parts, header, allowlists and
//      bounds, "p2c" and "p2s", the key or the set's one key, an "epk" on that key's curve, every
//      part's size);
//   2. the host computes that step's secret from that key and the token, nothing else (Z, the CEK,
//      the KEK: host-crypto/key-management.js);
//   3. edgejwt_decrypt_agreed runs every step again with that secret standing in for the core's
//      own: the Concat KDF, the unwrapping, the sizes, the content's tag before any plaintext, the
//      claims, a nested token's inner signature.
// Anything else (another "alg", raw AES key bytes, X25519 and any curve or key the host does not
// take, a token the core refuses at step 1, a host that fails where failing says nothing about the
// token) is the sync operation, whose error is then the answer. RSA-OAEP's host failing is the
// token's doing: a random CEK stands in (key-management.js), so it fails as a wrong key does.
import { tokenText } from "../arguments.js";
import { DECRYPTION_FIELDS, decryptionPolicies } from "./policies.js";
import { JWE } from "./header.js";
import { handleFor, isKeyObject } from "../key/key.js";
import { privateJwkOf } from "../key/export.js";
import { HostKeyManagement, hostSteps } from "../host-crypto/key-management.js";
import { algorithmsForBytes } from "./decrypt.js";
import { encryptionKey } from "./keys.js";

// The runtime's host key management (made once per runtime), or null without a host.
function hostKeyManagement(runtime) {
  const steps = hostSteps(runtime.host);
  return steps && new HostKeyManagement(steps, JSON.parse(runtime.core.call("edgejwt_encryption_algorithms").output),
    (owner, index) => privateJwkOf(runtime, owner, index));
}

// The token's text and the handle of the options' decryption policy, looked up now.
function policyCall(runtime, token, options) {
  const policies = decryptionPolicies(runtime);
  const policy = policies.policyFor(options, DECRYPTION_FIELDS);
  return { text: tokenText(token, policy.maxTokenLength, JWE), policyHandle: policies.handleOf(policy) };
}

// The host's secret for `token` and `key` (`password` the raw bytes `key` was imported from), or
// null when the host does not compute it (Wasm does).
async function secretFromHost(runtime, management, token, key, password, options) {
  let begun, text;
  try {
    let policyHandle;
    ({ text, policyHandle } = policyCall(runtime, token, options));
    begun = runtime.core.call("edgejwt_decrypt_begin", handleFor(runtime, key), policyHandle, text);
  } catch {
    return null; // refused before key management: the sync pass says why
  }
  try {
    const secret = await management.secret({ owner: key, index: begun.keyIndex, password }, JSON.parse(begun.header), text);
    // A host that answers no bytes has failed (the core would take an empty secret for the
    // caller's mistake, ERR_INVALID_ARGUMENT): Wasm decides. Bytes of a wrong size or value are
    // the core's to refuse, as any wrong key.
    return secret instanceof Uint8Array && secret.length > 0 ? secret : null;
  } catch {
    return null; // the host refused: Wasm decides
  }
}

// The Key to decrypt with and its password: `key` itself, or raw bytes that are a PBES2 password
// for this token (imported for the call, as the sync operation imports them; released by the
// caller), or null for raw bytes that are an AES key (Wasm unwraps with those).
function keyForHost(runtime, token, key, options) {
  if (isKeyObject(key)) return { usable: encryptionKey(runtime, key, {}), password: undefined };
  if (!(key instanceof Uint8Array)) return null;
  let algorithms;
  try {
    algorithms = algorithmsForBytes(runtime, policyCall(runtime, token, options).text, options);
  } catch {
    return null; // the sync pass says why
  }
  if (!algorithms.alg?.startsWith("PBES2")) return null;
  return { usable: encryptionKey(runtime, key, algorithms), password: key };
}

// The outputs of `payloadKind`'s decryption of `token` (those of edgejwt_decrypt_agreed), or
// undefined when the sync operation must answer. `verificationKey` is a nested token's (a Key or
// set of this runtime), `now` the claims' instant.
export async function decryptOnHost(runtime, payloadKind, token, key, verificationKey, options, now) {
  runtime.ready();
  if (options.hostCrypto === false) return undefined; // this call keeps every primitive in Wasm
  const management = runtime.layer(hostKeyManagement);
  if (!management) return undefined;
  const forHost = keyForHost(runtime, token, key, options);
  if (!forHost) return undefined;
  const { usable, password } = forHost;
  try {
    const secret = await secretFromHost(runtime, management, token, usable.key, password, options);
    if (!secret) return undefined;
    // The instance may have been replaced and the options changed meanwhile: every handle is looked
    // up again, and the core checks everything again.
    const core = runtime.ready();
    try {
      const { text, policyHandle } = policyCall(runtime, token, options);
      const verifying = verificationKey === undefined ? 0 : handleFor(runtime, verificationKey);
      return core.call("edgejwt_decrypt_agreed", payloadKind, handleFor(runtime, usable.key), verifying, policyHandle, text, now, secret);
    } finally {
      secret.fill(0);
    }
  } finally {
    usable.release();
  }
}
