// Keys out of the core: JWK (public or private, as the key is), SPKI and PKCS#8 PEM.
import { handleFor } from "./key.js";
import { ExportFormat } from "../abi.js";

function exportKey(runtime, key, format) {
  runtime.ready();
  return runtime.core.call("edgejwt_key_export", handleFor(runtime, key), format).output;
}

export const exportJWK = (runtime, key) =>
  JSON.parse(exportKey(runtime, key, key?.type === "public" ? ExportFormat.jwkPublic : ExportFormat.jwkPrivate));
export const exportSPKI = (runtime, key) => exportKey(runtime, key, ExportFormat.spkiPem);
export const exportPKCS8 = (runtime, key) => exportKey(runtime, key, ExportFormat.pkcs8Pem);

// The public JWK of a Key (for a host's own copy of it, host-crypto/host-keys.js).
export const publicJwkOf = (runtime, key) => JSON.parse(exportKey(runtime, key, ExportFormat.jwkPublic));
