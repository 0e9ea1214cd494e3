// Encrypted JWTs (jose's EncryptJWT) and nested ones (signed, then encrypted: RFC 7519 §5.2). The
// claims are made as sign makes them ("iat", "exp", "nbf", iss/sub/aud/jti from the options).
import { JOSEInvalidArgument, JWTInvalid } from "../errors.js";
import { optionsOf } from "../arguments.js";
import { isPlainObject, jsonOf } from "../util.js";
import { handleFor } from "../key/key.js";
import { keyOf } from "../key/resolve.js";
import { encryptWith, encryptionHeader } from "../jwe/encrypt.js";
import { withEncryptionKey } from "../jwe/keys.js";
import { signatureHeader } from "../jws/sign.js";
import { claimsFor } from "./sign.js";

function claimsJson(payload, options) {
  if (!isPlainObject(payload)) throw new JWTInvalid("JWT claims must be a plain object");
  return jsonOf(claimsFor(payload, options), JWTInvalid, "JWT claims");
}

// options: { alg, enc, kid, header } for the JWE, and sign's claim options.
export function encrypt(runtime, payload, key, options) {
  runtime.ready();
  options = optionsOf(options);
  return encryptWith(runtime, "edgejwt_encrypt", claimsJson(payload, options), key, options);
}

// options: { alg, enc, kid, header } for the JWE ("cty": "JWT" is added), `signing`: { alg, kid,
// typ, header } for the inner JWS (sign's), and sign's claim options.
export function signAndEncrypt(runtime, payload, signingKey, encryptionKey, options) {
  const core = runtime.ready();
  options = optionsOf(options);
  const signing = optionsOf(options.signing);
  const jwsHeader = jsonOf(signatureHeader(signing, "JWT"), JOSEInvalidArgument, "the protected header");
  const claims = claimsJson(payload, options);
  const jweHeader = encryptionHeader(options);
  const signingHandle = handleFor(runtime, keyOf(runtime, signingKey));
  return withEncryptionKey(runtime, encryptionKey, options,
    (handle) => core.call("edgejwt_sign_and_encrypt", signingHandle, jwsHeader, claims, handle, jweHeader).output);
}
