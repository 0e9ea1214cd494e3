// Compact JWS with any payload bytes (jose's CompactSign and compactVerify): no claims are read.
import { JOSEInvalidArgument } from "../errors.js";
import { PayloadKind } from "../abi.js";
import { optionsOf } from "../arguments.js";
import { signWith } from "./sign.js";
import { Verification } from "./verification.js";

export function compactSign(runtime, payload, key, options) {
  runtime.ready();
  if (!(payload instanceof Uint8Array)) throw new JOSEInvalidArgument("compactSign takes the payload as a Uint8Array");
  return signWith(runtime, "edgejwt_compact_sign", payload, key, optionsOf(options));
}

export function compactVerify(runtime, token, key, options) {
  runtime.ready();
  return new Verification(runtime, token, key, optionsOf(options), PayloadKind.bytes).result();
}
