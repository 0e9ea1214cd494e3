// RFC 7638 thumbprints, of a key in any form keyOf takes, or of a JWK (imported for the call only).
import { JOSENotSupported } from "../errors.js";
import { handleFor } from "./key.js";
import { importJWK } from "./import.js";
import { keyOf } from "./resolve.js";
import { isPlainObject } from "../util.js";

const HASH_BITS = { sha256: 256, sha384: 384, sha512: 512 };

export function calculateJwkThumbprint(runtime, jwkOrKey, digestAlgorithm = "sha256") {
  const core = runtime.ready();
  const bits = Object.hasOwn(HASH_BITS, digestAlgorithm) ? HASH_BITS[digestAlgorithm] : undefined;
  if (!bits) throw new JOSENotSupported('digestAlgorithm must be "sha256", "sha384" or "sha512"');
  const isJwk = isPlainObject(jwkOrKey) || typeof jwkOrKey === "string";
  const key = isJwk ? importJWK(runtime, jwkOrKey) : keyOf(runtime, jwkOrKey);
  try {
    return core.call("edgejwt_key_thumbprint", handleFor(runtime, key), bits).output;
  } finally {
    if (isJwk) key.free();
  }
}
