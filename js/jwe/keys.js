// The key a JWE operation uses: an imported Key or LocalJWKSet (handleFor checks it is this
// runtime's), or raw bytes, jose's form for "dir" content keys, AES key-wrapping keys and PBES2
// passwords. Bytes are imported for encryption for the one call, bound to the algorithm the call
// names (a token's own header when decrypting, as jose does: the caller's allowlists still apply),
// and released with their copy wiped when it returns.
import { JOSEInvalidArgument } from "../errors.js";
import { KeyFormat, KeyUse } from "../abi.js";
import { handleFor, importedKey, isKeyObject } from "../key/key.js";

// { key, release() }: the Key (or set) for `key`, and what frees it once the call is done (nothing
// for a Key the caller holds). `alg` is the JWE "alg" (for "dir": `enc`) bytes are bound to.
export function encryptionKey(runtime, key, { alg, enc }) {
  if (isKeyObject(key)) return { key, release() {} };
  if (!(key instanceof Uint8Array)) {
    throw new JOSEInvalidArgument(
      "the key must be an imported Key, a LocalJWKSet, or a Uint8Array secret (an AES key or a PBES2 password)",
    );
  }
  if (typeof alg !== "string") throw new JOSEInvalidArgument('the key management algorithm must be named, e.g. "A256KW"');
  const data = key.slice();
  let secret;
  try {
    secret = importedKey(runtime, { format: KeyFormat.secret, data, alg: alg === "dir" ? String(enc) : alg, use: KeyUse.encryption });
  } catch (error) {
    data.fill(0);
    throw error;
  }
  return {
    key: secret,
    release() {
      secret.free();
      data.fill(0);
    },
  };
}

// `use(handle)` with the key's handle, the key released when it returns.
export function withEncryptionKey(runtime, key, algorithms, use) {
  const usable = encryptionKey(runtime, key, algorithms);
  try {
    return use(handleFor(runtime, usable.key));
  } finally {
    usable.release();
  }
}
