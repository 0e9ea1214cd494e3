// The key a JWE operation uses: an imported Key or LocalJWKSet (handleFor checks it is this
// runtime's), or raw bytes, jose's form for "dir" content keys, AES key-wrapping keys and PBES2
// passwords. Bytes are imported for encryption for the one call, bound to the algorithm the call
// names (a token's own header when decrypting, as jose does: the caller's allowlists still apply),
// and released with their copy wiped when it returns.
import { JOSEInvalidArgument } from "../errors.js";
import { KeyFormat, KeyUse } from "../abi.js";
import { handleFor, importedKey, isKeyObject } from "../key/key.js";

// `use(handle)` with the key's handle; `alg` is the JWE "alg" (for "dir": `enc`) bytes are bound to.
export function withEncryptionKey(runtime, key, { alg, enc }, use) {
  if (isKeyObject(key)) return use(handleFor(runtime, key));
  if (!(key instanceof Uint8Array)) {
    throw new JOSEInvalidArgument(
      "the key must be an imported Key, a LocalJWKSet, or a Uint8Array secret (an AES key or a PBES2 password)",
    );
  }
  if (typeof alg !== "string") throw new JOSEInvalidArgument('the key management algorithm must be named, e.g. "A256KW"');
  const data = key.slice();
  const secret = importedKey(runtime, { format: KeyFormat.secret, data, alg: alg === "dir" ? String(enc) : alg, use: KeyUse.encryption });
  try {
    return use(handleFor(runtime, secret));
  } finally {
    secret.free();
    data.fill(0);
  }
}
