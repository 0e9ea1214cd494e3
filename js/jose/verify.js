// jose's verifiers and decoders: jwtVerify and compactVerify (asynchronous, as jose's: the key may
// be a CryptoKey, a key set, or a resolver function, js/key/resolve.js), decodeJwt and
// decodeProtectedHeader (synchronous, as jose's). The core checks everything.
import { PayloadKind } from "../abi.js";
import { optionsOf } from "../arguments.js";
import { keyForToken } from "../key/resolve.js";
import { Verification } from "../jws/verification.js";
import { verifyAsync } from "../jwt/verify-async.js";
import { decode, decodeProtectedHeader as decodeHeader } from "../jwt/decode.js";

export const jwtVerify = async (runtime, jwt, key, options) => verifyAsync(runtime, jwt, key, options);

export async function compactVerify(runtime, jws, key, options) {
  runtime.ready();
  options = optionsOf(options);
  key = await keyForToken(runtime, key, () => decodeHeader(runtime, jws, options), jws);
  runtime.ready(); // the instance may have been replaced while a key was resolved
  return new Verification(runtime, jws, key, options, PayloadKind.bytes).result();
}

export const decodeJwt = (runtime, jwt) => decode(runtime, jwt).payload;

export const decodeProtectedHeader = (runtime, token) => decodeHeader(runtime, token);
