// Decoding without verifying, under the options' size limits: for inspecting a token or choosing
// its key, never for trusting it. The core decodes as verify does, and fails where verify would.
// The failures are jose's: decodeJwt's JWTInvalid whatever is wrong with the token, and
// decodeProtectedHeader's TypeError; the core's status, reason and detail stay on the error.
import { JOSEError, JOSEInvalidArgument, JWTInvalid, WasmTrap } from "../errors.js";
import { LIMIT_FIELDS } from "../policies.js";
import { optionsOf, tokenText } from "../arguments.js";
import { jweHeader } from "../jwe/header.js";

// A compact JWE has five parts (four dots), a JWS three: a JWE shows its protected header only.
const isJwe = (token) => typeof token === "string" && token.split(".", 6).length === 5;

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

// The header of any compact JWS or JWE.
export function decodeProtectedHeader(runtime, token, options) {
  if (isJwe(token)) {
    runtime.ready();
    return jweHeader(runtime, token, optionsOf(options));
  }
  return JSON.parse(decodeWith(runtime, "edgejwt_decode_header", token, options, JOSEInvalidArgument).header);
}

// A JWT's header and claims (jose's decodeJwt): a JWE is refused as a JWS of five parts, since its
// claims are the key holder's; decodeProtectedHeader shows its header.
export function decode(runtime, token, options) {
  const { header, payload } = decodeWith(runtime, "edgejwt_decode", token, options, JWTInvalid);
  return { header: JSON.parse(header), payload: JSON.parse(payload), verified: false };
}
