// RFC 7638 thumbprints, of a Key or of a JWK (imported for the call only).
import { JOSENotSupported } from "../errors.js";
import { handleFor } from "./key.js";
import { importJWK } from "./import.js";
import { isKey } from "./resolve.js";

const HASH_BITS = { sha256: 256, sha384: 384, sha512: 512 };

export function calculateJwkThumbprint(runtime, jwkOrKey, digestAlgorithm = "sha256") {
  const core = runtime.ready();
  const bits = Object.hasOwn(HASH_BITS, digestAlgorithm) ? HASH_BITS[digestAlgorithm] : undefined;
  if (!bits) throw new JOSENotSupported('digestAlgorithm must be "sha256", "sha384" or "sha512"');
  const key = isKey(jwkOrKey) ? jwkOrKey : importJWK(runtime, jwkOrKey);
  try {
    return core.call("edgejwt_key_thumbprint", handleFor(runtime, key), bits).output;
  } finally {
    if (key !== jwkOrKey) key.free();
  }
}
