// Compact JWE with any plaintext bytes (jose's CompactEncrypt and compactDecrypt): no claims are read.
import { JOSEInvalidArgument } from "../errors.js";
import { optionsOf, optionsReadOnce } from "../arguments.js";
import { decryptWith } from "./decrypt.js";
import { encryptionHeader, encryptWith } from "./encrypt.js";
import { decryptOnHost } from "./decrypt-async.js";
import { encryptOnHost } from "./encrypt-async.js";
import { PayloadKind } from "../abi.js";

function plaintextOf(plaintext) {
  if (!(plaintext instanceof Uint8Array)) throw new JOSEInvalidArgument("compactEncrypt takes the plaintext as a Uint8Array");
  return plaintext;
}

export function compactEncrypt(runtime, plaintext, key, options) {
  runtime.ready();
  return encryptWith(runtime, "edgejwt_compact_encrypt", plaintextOf(plaintext), key, optionsOf(options));
}

// compactEncrypt, with key management's costly step on the host where there is one
// (encrypt-async.js).
export async function compactEncryptAsync(runtime, plaintext, key, options) {
  runtime.ready();
  plaintextOf(plaintext);
  options = optionsReadOnce(options);
  const header = encryptionHeader(options);
  const token = await encryptOnHost(runtime, key, options, { payloadKind: PayloadKind.bytes, header, plaintext });
  return token ?? compactEncrypt(runtime, plaintext, key, options);
}

// { plaintext, protectedHeader }, as jose's compactDecrypt answers.
export function compactDecrypt(runtime, jwe, key, options) {
  const core = runtime.ready();
  const { header, payload } = decryptWith(runtime, jwe, key, optionsOf(options),
    (keyHandle, policyHandle, text) => core.call("edgejwt_compact_decrypt", keyHandle, policyHandle, text));
  return { plaintext: payload, protectedHeader: JSON.parse(header) };
}

// compactDecrypt, with ECDH-ES's agreement on the host where there is one (decrypt-async.js).
export async function compactDecryptAsync(runtime, jwe, key, options) {
  runtime.ready();
  options = optionsReadOnce(options);
  const out = await decryptOnHost(runtime, PayloadKind.bytes, jwe, key, undefined, options, 0);
  if (out === undefined) return compactDecrypt(runtime, jwe, key, options);
  return { plaintext: out.payload, protectedHeader: JSON.parse(out.header) };
}
