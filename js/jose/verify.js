// jose's verifiers and decoders: jwtVerify and compactVerify (asynchronous, as jose's: the key may
// be a CryptoKey, a key set, or a resolver function, js/key/resolve.js), decodeJwt (the payload
// only) and decodeProtectedHeader (a JWS's or a JWE's, synchronous, as jose's). The core checks everything.
import { PayloadKind } from "../abi.js";
import { JWTInvalid } from "../errors.js";
import { optionsOf } from "../arguments.js";
import { keyForToken } from "../key/resolve.js";
import { Verification } from "../jws/verification.js";
import { verifyAsync } from "../jwt/verify-async.js";
import { decodePayload, decodeProtectedHeader as decodeHeader } from "../jwt/decode.js";

// A JWT with b64: false is jose's JWTInvalid (no JWT may use it); edgejwt refuses it whatever the
// payload (strictness table: b64_false), and names the rule as ever.
export async function jwtVerify(runtime, jwt, key, options) {
  try {
    return await verifyAsync(runtime, jwt, key, options);
  } catch (error) {
    if (error?.detail !== "b64_false" || error.status !== "ERR_JWS_HEADER_INVALID") throw error; // not a crit naming b64
    throw new JWTInvalid("JWTs MUST NOT use unencoded payload", { detail: error.detail, status: error.status, where: error.where, cause: error });
  }
}

export async function compactVerify(runtime, jws, key, options) {
  runtime.ready();
  options = optionsOf(options);
  key = await keyForToken(runtime, key, () => decodeHeader(runtime, jws, options), jws);
  runtime.ready(); // the instance may have been replaced while a key was resolved
  return new Verification(runtime, jws, key, options, PayloadKind.bytes).result();
}

export const decodeJwt = (runtime, jwt) => decodePayload(runtime, jwt);

export const decodeProtectedHeader = (runtime, token) => decodeHeader(runtime, token);
