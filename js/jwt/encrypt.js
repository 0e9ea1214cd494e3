// Encrypted JWTs (jose's EncryptJWT) and nested ones (signed, then encrypted: RFC 7519 §5.2). The
// claims are made as sign makes them ("iat", "exp", "nbf", iss/sub/aud/jti from the options).
import { JOSEInvalidArgument, JWTInvalid } from "../errors.js";
import { optionsOf, optionsReadOnce } from "../arguments.js";
import { isPlainObject, jsonOf } from "../util.js";
import { handleFor } from "../key/key.js";
import { keyOf } from "../key/resolve.js";
import { encryptWith, encryptionHeader } from "../jwe/encrypt.js";
import { withEncryptionKey } from "../jwe/keys.js";
import { encryptOnHost } from "../jwe/encrypt-async.js";
import { signatureHeader } from "../jws/sign.js";
import { claimsFor } from "./sign.js";
import { PayloadKind } from "../abi.js";

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

// encrypt, with key management's costly step on the host where there is one (jwe/encrypt-async.js).
export async function encryptAsync(runtime, payload, key, options) {
  runtime.ready();
  options = optionsReadOnce(options);
  const claims = claimsJson(payload, options);
  const header = encryptionHeader(options);
  const token = await encryptOnHost(runtime, key, options, { payloadKind: PayloadKind.jwt, header, plaintext: claims });
  return token ?? encrypt(runtime, payload, key, options);
}

// What a nested token's core call takes: the inner JWS's header, the claims, the JWE's header and
// the signing Key, from the options as sign and encrypt read them.
function nestedParts(runtime, payload, signingKey, options) {
  const signing = optionsOf(options.signing);
  const jwsHeader = jsonOf(signatureHeader(signing, "JWT"), JOSEInvalidArgument, "the protected header");
  const claims = claimsJson(payload, options);
  const jweHeader = encryptionHeader(options);
  return { jwsHeader, claims, jweHeader, signer: keyOf(runtime, signingKey) };
}

// options: { alg, enc, kid, header } for the JWE ("cty": "JWT" is added), `signing`: { alg, kid,
// typ, header } for the inner JWS (sign's), and sign's claim options.
export function signAndEncrypt(runtime, payload, signingKey, encryptionKey, options) {
  const core = runtime.ready();
  options = optionsOf(options);
  const { jwsHeader, claims, jweHeader, signer } = nestedParts(runtime, payload, signingKey, options);
  const signingHandle = handleFor(runtime, signer);
  return withEncryptionKey(runtime, encryptionKey, options,
    (handle) => core.call("edgejwt_sign_and_encrypt", signingHandle, jwsHeader, claims, handle, jweHeader).output);
}

// signAndEncrypt, with key management's costly step on the host where there is one; the inner JWS
// is signed by the core, as signAndEncrypt signs it.
export async function signAndEncryptAsync(runtime, payload, signingKey, encryptionKey, options) {
  runtime.ready();
  options = optionsReadOnce(options);
  const { jwsHeader, claims, jweHeader, signer } = nestedParts(runtime, payload, signingKey, options);
  handleFor(runtime, signer); // another runtime's key is refused before the host works
  const token = await encryptOnHost(runtime, encryptionKey, options,
    { payloadKind: PayloadKind.nested, signer, jwsHeader, header: jweHeader, plaintext: claims });
  return token ?? signAndEncrypt(runtime, payload, signingKey, encryptionKey, options);
}
