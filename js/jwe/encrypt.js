// Producing a compact JWE: the protected header from the options ("alg" and "enc" required; "kid"
// and other members as given), the plaintext as the caller's function has prepared it; the core
// checks both, that "alg" suits the key, and adds what the algorithm makes ("epk", "iv", "p2s", …).
import { JOSEInvalidArgument } from "../errors.js";
import { jsonOf } from "../util.js";
import { withEncryptionKey } from "./keys.js";

// The protected header of `options` ({ alg, enc, kid, header }).
export function encryptionHeader(options, defaults = {}) {
  if (typeof options.alg !== "string" || typeof options.enc !== "string") {
    throw new JOSEInvalidArgument('encrypting needs options.alg and options.enc, e.g. { alg: "ECDH-ES+A256KW", enc: "A256GCM" }');
  }
  const header = { ...defaults, ...options.header, alg: options.alg, enc: options.enc };
  if (options.kid !== undefined) header.kid = options.kid;
  return jsonOf(header, JOSEInvalidArgument, "the protected header");
}

// `abiFunction` is edgejwt_compact_encrypt (bytes) or edgejwt_encrypt (JSON claims).
export function encryptWith(runtime, abiFunction, plaintext, key, options) {
  const header = encryptionHeader(options);
  return withEncryptionKey(runtime, key, options, (handle) => runtime.core.call(abiFunction, handle, header, plaintext).output);
}
