// Decoding without verifying, under the options' size limits: for inspecting a token or choosing
// its key, never for trusting it. The core decodes as verify does, and fails where verify would.
import { LIMIT_FIELDS } from "../policies.js";
import { optionsOf, tokenText } from "../arguments.js";

function decodeWith(runtime, abiFunction, token, options) {
  const core = runtime.ready();
  const policy = runtime.policies.policyFor(optionsOf(options), LIMIT_FIELDS);
  const text = tokenText(token, policy.maxTokenLength);
  return core.call(abiFunction, runtime.policies.handleOf(policy), text);
}

// The header of any compact JWS.
export const decodeProtectedHeader = (runtime, token, options) =>
  JSON.parse(decodeWith(runtime, "edgejwt_decode_header", token, options).header);

export function decode(runtime, token, options) {
  const { header, payload } = decodeWith(runtime, "edgejwt_decode", token, options);
  return { header: JSON.parse(header), payload: JSON.parse(payload), verified: false };
}
