// Keys out of the core: JWK (public or private, as the key is), SPKI and PKCS#8 PEM. The key may be
// in any form keyOf takes (a Key, a KeyObject, a JWK object, secret bytes); a key imported as not
// extractable (jose's extractable: false, a JWK's ext: false) is not exported.
import { JOSEInvalidArgument } from "../errors.js";
import { LocalJWKSet, handleFor } from "./key.js";
import { keyOf } from "./resolve.js";
import { ExportFormat } from "../abi.js";

const unextractable = new WeakSet(); // Keys that may not be exported (their public half may be)

// `key`, marked as not extractable.
export function sealed(key) {
  unextractable.add(key);
  return key;
}

function exportKey(runtime, key, format) {
  runtime.ready();
  key = keyOf(runtime, key);
  if (unextractable.has(key)) throw new JOSEInvalidArgument("a key that is not extractable cannot be exported");
  return runtime.core.call("edgejwt_key_export", handleFor(runtime, key), format).output;
}

export function exportJWK(runtime, key) {
  runtime.ready();
  key = keyOf(runtime, key);
  return JSON.parse(exportKey(runtime, key, key.type === "public" ? ExportFormat.jwkPublic : ExportFormat.jwkPrivate));
}
export const exportSPKI = (runtime, key) => exportKey(runtime, key, ExportFormat.spkiPem);
export const exportPKCS8 = (runtime, key) => exportKey(runtime, key, ExportFormat.pkcs8Pem);

// The public JWK of a Key (for a host's own copy of it, host-crypto/host-keys.js).
export const publicJwkOf = (runtime, key) =>
  JSON.parse(runtime.core.call("edgejwt_key_export", handleFor(runtime, key), ExportFormat.jwkPublic).output);

// The private JWK of a Key, or of a set's entry `index` as the caller gave it (the core checked it),
// for a host's own copy of a decryption key (host-crypto/key-management.js). Not an export to the
// caller: a key that is not extractable is still one the host may agree with.
export const privateJwkOf = (runtime, owner, index) => (owner instanceof LocalJWKSet ? owner.jwks.keys[index]
  : JSON.parse(runtime.core.call("edgejwt_key_export", handleFor(runtime, owner), ExportFormat.jwkPrivate).output));
