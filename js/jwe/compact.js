// Compact JWE with any plaintext bytes (jose's CompactEncrypt and compactDecrypt): no claims are read.
import { JOSEInvalidArgument } from "../errors.js";
import { optionsOf } from "../arguments.js";
import { encryptWith } from "./encrypt.js";
import { decryptWith } from "./decrypt.js";
import { decryptOnHost } from "./decrypt-async.js";
import { PayloadKind } from "../abi.js";

export function compactEncrypt(runtime, plaintext, key, options) {
  runtime.ready();
  if (!(plaintext instanceof Uint8Array)) throw new JOSEInvalidArgument("compactEncrypt takes the plaintext as a Uint8Array");
  return encryptWith(runtime, "edgejwt_compact_encrypt", plaintext, key, optionsOf(options));
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
  options = optionsOf(options);
  const out = await decryptOnHost(runtime, PayloadKind.bytes, jwe, key, undefined, options, 0);
  if (out === undefined) return compactDecrypt(runtime, jwe, key, options);
  return { plaintext: out.payload, protectedHeader: JSON.parse(out.header) };
}
