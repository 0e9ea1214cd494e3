// Verifying a JWT, synchronously: the core checks everything (a host such as node:crypto may check
// the signature primitive in its place: jws/verification.js), the verified-token cache answers for
// a token it holds under the same key and policy.
import { PayloadKind } from "../abi.js";
import { optionsOf } from "../arguments.js";
import { Verification } from "../jws/verification.js";

export function verify(runtime, token, key, options) {
  runtime.ready();
  return new Verification(runtime, token, key, optionsOf(options), PayloadKind.jwt).result();
}
