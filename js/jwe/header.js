// The protected header of a compact JWE, decrypting nothing (under the options' size limits): what
// decodeProtectedHeader shows of a JWE, and what raw key bytes are bound to before decrypting. Its
// own module, so that decoding (js/jwt/decode.js) reaches no decryption code.
import { JWE, tokenText } from "../arguments.js";
import { LIMIT_FIELDS } from "../policies.js";

export function jweHeader(runtime, token, options) {
  const policy = runtime.decryptionPolicies.policyFor(options, LIMIT_FIELDS);
  const text = tokenText(token, policy.maxTokenLength, JWE);
  return JSON.parse(runtime.core.call("edgejwt_decode_jwe_header", runtime.decryptionPolicies.handleOf(policy), text).header);
}
