// Decoding without verifying, under the options' size limits: for inspecting a token or choosing
// its key, never for trusting it. The core decodes as verify does, and fails where verify would.
// The failures are jose's: decodeJwt's JWTInvalid whatever is wrong with the token, and
// decodeProtectedHeader's TypeError; the core's status, detail and where stay on the error.
import { JOSEError, JOSEInvalidArgument, JWTInvalid, WasmTrap } from "../errors.js";
import { LIMIT_FIELDS } from "../policies.js";
import { optionsOf, tokenText } from "../arguments.js";
import { isPlainObject } from "../util.js";

function decodeWith(runtime, abiFunction, token, options, ErrorClass) {
  const core = runtime.ready();
  const policy = runtime.policies.policyFor(optionsOf(options), LIMIT_FIELDS);
  try {
    const text = tokenText(token, policy.maxTokenLength);
    return core.call(abiFunction, runtime.policies.handleOf(policy), text);
  } catch (error) {
    if (!(error instanceof JOSEError) || error instanceof TypeError || error instanceof WasmTrap) throw error;
    const { message, detail, status, where } = error;
    throw new ErrorClass(message, { detail, status, where, cause: error });
  }
}

// The header of any compact JWS or JWE, or of a flattened JWS object (its "protected" member, which
// the core reads as the header part of a compact JWS).
export const decodeProtectedHeader = (runtime, token, options) =>
  JSON.parse(decodeWith(runtime, "edgejwt_decode_header", isPlainObject(token) ? headerPartOf(token) : token, options, JOSEInvalidArgument).header);

function headerPartOf(jws) {
  if (!("protected" in jws)) throw new JOSEInvalidArgument("Token does not contain a Protected Header");
  if (typeof jws.protected !== "string") throw new JOSEInvalidArgument("Invalid Token or Protected Header formatting");
  return `${jws.protected}..`;
}

// The claims of a compact JWS, whatever its header and signature parts hold (jose's decodeJwt).
export const decodePayload = (runtime, token, options) =>
  JSON.parse(decodeWith(runtime, "edgejwt_decode_payload", token, options, JWTInvalid).payload);

// A JWT's header and claims (jose's decodeJwt): a JWE is refused as a JWS of five parts, since its
// claims are the key holder's; decodeProtectedHeader shows its header.
export function decode(runtime, token, options) {
  const { header, payload } = decodeWith(runtime, "edgejwt_decode", token, options, JWTInvalid);
  return { header: JSON.parse(header), payload: JSON.parse(payload), verified: false };
}
