// Decoding without verifying, under the options' size limits: for inspecting a token or choosing
// its key, never for trusting it. The core decodes as verify does, and fails where verify would.
// The failures are jose's: decodeJwt's JWTInvalid whatever is wrong with the token, and
// decodeProtectedHeader's TypeError; the core's status, reason and detail stay on the error.
import { JOSEError, JOSEInvalidArgument, JWTInvalid, WasmTrap } from "../errors.js";
import { LIMIT_FIELDS } from "../policies.js";
import { optionsOf, tokenText } from "../arguments.js";

function decodeWith(runtime, abiFunction, token, options, ErrorClass) {
  const core = runtime.ready();
  const policy = runtime.policies.policyFor(optionsOf(options), LIMIT_FIELDS);
  try {
    const text = tokenText(token, policy.maxTokenLength);
    return core.call(abiFunction, runtime.policies.handleOf(policy), text);
  } catch (error) {
    if (!(error instanceof JOSEError) || error instanceof TypeError || error instanceof WasmTrap) throw error;
    const { message, reason, status, detail } = error;
    throw new ErrorClass(message, { reason, status, detail, cause: error });
  }
}

// The header of any compact JWS.
export const decodeProtectedHeader = (runtime, token, options) =>
  JSON.parse(decodeWith(runtime, "edgejwt_decode_header", token, options, JOSEInvalidArgument).header);

export function decode(runtime, token, options) {
  const { header, payload } = decodeWith(runtime, "edgejwt_decode", token, options, JWTInvalid);
  return { header: JSON.parse(header), payload: JSON.parse(payload), verified: false };
}
