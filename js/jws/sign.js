// Signing a compact JWS: the protected header from the options ("alg" required; "typ", "kid" and
// other members as given), the payload as the caller's function has prepared it; the core checks
// both, that "alg" suits the key, and that a "crit" names only extensions the signer understands
// (options.crit, jose's sign option: { "extension": true } or an array of names).
import { JOSEInvalidArgument } from "../errors.js";
import { jsonOf } from "../util.js";
import { handleFor } from "../key/key.js";
import { keyOf } from "../key/resolve.js";
import { SIGN_FIELDS } from "../policies.js";

// The protected header of `options` ({ alg, typ, kid, header }); "typ" is `defaultTyp` unless given.
export function signatureHeader(options, defaultTyp) {
  if (typeof options.alg !== "string") throw new JOSEInvalidArgument('signing needs options.alg, e.g. { alg: "ES256" }');
  const header = { ...options.header, alg: options.alg };
  const typ = options.typ ?? options.header?.typ ?? defaultTyp;
  if (typ !== undefined) header.typ = typ;
  if (options.kid !== undefined) header.kid = options.kid;
  return header;
}

// `abiFunction` is edgejwt_sign (JSON claims; "typ" defaults to "JWT") or edgejwt_compact_sign (bytes).
export function signWith(runtime, abiFunction, payload, key, options) {
  return signHeader(runtime, abiFunction, signatureHeader(options, abiFunction === "edgejwt_sign" ? "JWT" : undefined), payload, key, options);
}

// Signing with the protected header as the caller wrote it (jose's builders: no member added).
export function signHeader(runtime, abiFunction, header, payload, key, options) {
  const headerJson = jsonOf(header, JOSEInvalidArgument, "the protected header");
  const { policies } = runtime;
  const keyHandle = handleFor(runtime, keyOf(runtime, key));
  return runtime.core.call(abiFunction, keyHandle, policies.handleOf(policies.policyFor(options, SIGN_FIELDS)), headerJson, payload).output;
}
