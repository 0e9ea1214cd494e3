// New keys, made in the core: key pairs for the asymmetric algorithms, secrets for HMAC. A
// generated key is its exported private JWK imported for the algorithm, and its public half retains
// the public JWK, to be made again in a replaced instance (key.js).
import { JOSEInvalidArgument, JOSENotSupported } from "../errors.js";
import { ExportFormat, KeyFormat } from "../abi.js";
import { optionsOf } from "../arguments.js";
import { handleFor, importedKey, keyOfHandle } from "./key.js";

export function generateKeyPair(runtime, alg, options) {
  const core = runtime.ready();
  const modulusLength = optionsOf(options).modulusLength ?? 0;
  if (typeof alg !== "string") throw new JOSEInvalidArgument("alg must be a string, e.g. \"ES256\"");
  if (!Number.isInteger(modulusLength) || modulusLength < 0 || modulusLength > 0xffffffff) {
    throw new JOSEInvalidArgument("options.modulusLength must be a whole number of bits (2048 to 4096)");
  }
  const privateKey = generated(runtime, alg, modulusLength);
  if (privateKey.type === "secret") {
    privateKey.free();
    throw new JOSENotSupported(`${alg} uses a secret, not a key pair: use generateSecret`);
  }
  const { handle } = core.call("edgejwt_key_public", handleFor(runtime, privateKey));
  return { publicKey: keyOfHandle(runtime, handle, exportedSource(runtime, handle, ExportFormat.jwkPublic, alg)), privateKey };
}

export function generateSecret(runtime, alg) {
  runtime.ready();
  if (typeof alg !== "string" || !/^HS(256|384|512)$/.test(alg)) {
    throw new JOSENotSupported(`generateSecret makes HMAC secrets (HS256/384/512), not ${String(alg)} keys`);
  }
  return generated(runtime, alg, 0);
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

// What a key made in the core is made again from: its JWK without "alg", bound to the algorithm.
function exportedSource(runtime, handle, format, alg) {
  const { alg: generatedFor, ...jwk } = JSON.parse(runtime.core.call("edgejwt_key_export", handle, format).output);
  return { format: KeyFormat.jwk, data: JSON.stringify(jwk), alg: alg ?? generatedFor ?? "" };
}
