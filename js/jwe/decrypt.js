// Decrypting a compact JWE under the caller's options (jose's keyManagementAlgorithms,
// contentEncryptionAlgorithms, maxPBES2Count, verify's claim options and the size limits), made
// into a decryption policy once (policies.js). Every check is the core's.
import { JOSEAlgNotAllowed } from "../errors.js";
import { tokenText } from "../arguments.js";
import { DECRYPTION_FIELDS, decryptionPolicies } from "./policies.js";
import { withEncryptionKey } from "./keys.js";
import { JWE, jweHeader } from "./header.js";

// The token's algorithms, to bind raw key bytes to. The token chooses them, so PBES2 (which makes
// the recipient run PBKDF2 on the bytes as a password) is taken only when the caller's
// keyManagementAlgorithms lists it, as jose does: bytes meant as an AES key are never a password.
export function algorithmsForBytes(runtime, text, options) {
  const { alg, enc } = jweHeader(runtime, text, options);
  if (typeof alg === "string" && alg.startsWith("PBES2") && !options.keyManagementAlgorithms?.includes(alg)) {
    throw new JOSEAlgNotAllowed(`a key given as bytes decrypts ${alg} only when options.keyManagementAlgorithms lists it`);
  }
  return { alg, enc };
}

// `call(keyHandle, policyHandle, text)` with the decryption key, under the options' policy. Raw
// key bytes are bound to the token's own "alg" (or "enc" for "dir").
export function decryptWith(runtime, token, key, options, call) {
  const policies = decryptionPolicies(runtime);
  const policy = policies.policyFor(options, DECRYPTION_FIELDS);
  const text = tokenText(token, policy.maxTokenLength, JWE);
  const algorithms = key instanceof Uint8Array ? algorithmsForBytes(runtime, text, options) : {};
  return withEncryptionKey(runtime, key, algorithms, (handle) => call(handle, policies.handleOf(policy), text));
}
