// The protected header of a compact JWE, decrypting nothing (under the options' size limits): what
// decodeProtectedHeader shows of a JWE, and what raw key bytes are bound to before decrypting. Its
// own module, so that decoding (js/jwt/decode.js) reaches no decryption code.
import { JWEInvalid } from "../errors.js";
import { tokenText } from "../arguments.js";
import { LIMIT_FIELDS } from "../policies.js";
import { decryptionPolicies } from "./policies.js";

// A token argument that is a compact JWE: what arguments.js's tokenText refuses it as.
export const JWE = Object.freeze({ name: "JWE", ErrorClass: JWEInvalid });

export function jweHeader(runtime, token, options) {
  const policies = decryptionPolicies(runtime);
  const policy = policies.policyFor(options, LIMIT_FIELDS);
  const text = tokenText(token, policy.maxTokenLength, JWE);
  return JSON.parse(runtime.core.call("edgejwt_decode_jwe_header", policies.handleOf(policy), text).header);
}
