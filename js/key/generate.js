// New keys, made in the core: key pairs for the asymmetric algorithms, secrets for HMAC. A
// generated key is its exported private JWK imported for the algorithm, and its public half retains
// the public JWK, to be made again in a replaced instance (key.js).
import { JOSEInvalidArgument, JOSENotSupported } from "../errors.js";
import { ExportFormat, KeyFormat, KeyUse } from "../abi.js";
import { optionsOf } from "../arguments.js";
import { handleFor, importedKey, keyOfHandle } from "./key.js";
import { encryptionNames, jweEntryHint, namingJweEntry } from "./encryption-names.js";

export function generateKeyPair(runtime, alg, options) {
  const core = runtime.ready();
  options = optionsOf(options);
  const modulusLength = options.modulusLength ?? 0;
  if (typeof alg !== "string") throw new JOSEInvalidArgument("alg must be a string, e.g. \"ES256\"");
  if (!Number.isInteger(modulusLength) || modulusLength < 0 || modulusLength > 0xffffffff) {
    throw new JOSEInvalidArgument("options.modulusLength must be a whole number of bits (2048 to 4096)");
  }
  if (options.crv !== undefined && typeof options.crv !== "string") {
    throw new JOSEInvalidArgument('options.crv must be a curve name, e.g. "P-256" or "X25519"');
  }
  const forEncryption = encryptionNames(runtime).has(alg);
  const privateKey = forEncryption
    ? generatedForEncryption(runtime, alg, options.crv ?? "", modulusLength)
    : namingJweEntry(runtime, () => generated(runtime, alg, modulusLength));
  if (privateKey.type === "secret") {
    privateKey.free();
    throw new JOSENotSupported(`${alg} uses a secret, not a key pair: use generateSecret`);
  }
  const { handle } = core.call("edgejwt_key_public", handleFor(runtime, privateKey));
  const use = forEncryption ? KeyUse.encryption : undefined;
  return { publicKey: keyOfHandle(runtime, handle, exportedSource(runtime, handle, ExportFormat.jwkPublic, alg, use)), privateKey };
}

// HMAC secrets (HS256/384/512), and for encryption AES keys (AxxxKW, AxxxGCMKW), content keys for
// "dir" (named by their "enc") and PBES2 passwords.
export function generateSecret(runtime, alg) {
  runtime.ready();
  if (typeof alg === "string" && encryptionNames(runtime).has(alg)) {
    const key = generatedForEncryption(runtime, alg, "", 0);
    if (key.type !== "secret") {
      key.free();
      throw new JOSENotSupported(`${alg} uses a key pair, not a secret: use generateKeyPair`);
    }
    return key;
  }
  if (typeof alg !== "string" || !/^HS(256|384|512)$/.test(alg)) {
    throw new JOSENotSupported(`generateSecret makes HMAC secrets (HS256/384/512) and JWE keys, not ${String(alg)} keys` +
      jweEntryHint(runtime));
  }
  return generated(runtime, alg, 0);
}

function generatedForEncryption(runtime, alg, crv, modulusLength) {
  const { handle } = runtime.core.call("edgejwt_key_generate_for_encryption", alg, crv, modulusLength);
  return keyOfHandle(runtime, handle, exportedSource(runtime, handle, ExportFormat.jwkPrivate, alg, KeyUse.encryption));
}

// A key made in the core, made again from its private JWK bound to `alg`: the JWK has no "alg"
// member (the algorithm is a binding, as an importer's alg is, so exportJWK writes none, as jose).
function generated(runtime, alg, modulusLength) {
  const { handle } = runtime.core.call("edgejwt_key_generate", alg, modulusLength);
  try {
    return importedKey(runtime, exportedSource(runtime, handle, ExportFormat.jwkPrivate, alg));
  } finally {
    runtime.core.call("edgejwt_key_release", handle);
  }
}

// What a key made in the core is made again from. A signing key: its JWK without "alg", bound to
// the algorithm. An encryption key: its JWK as exported, bound to the use (its alg follows the JWK).
function exportedSource(runtime, handle, format, alg, use) {
  const data = runtime.core.call("edgejwt_key_export", handle, format).output;
  if (use !== undefined) return { format: KeyFormat.jwk, data, alg: "", use };
  const { alg: generatedFor, ...jwk } = JSON.parse(data);
  return { format: KeyFormat.jwk, data: JSON.stringify(jwk), alg: alg ?? generatedFor ?? "" };
}
