// Keys into the core: a JWK, PEM text (SPKI, PKCS#8, PKCS#1, SEC1, a certificate) or DER bytes,
// optionally bound to one algorithm. Every check is the core's; a Key retains what it was made
// from (key.js).
import { JOSEInvalidArgument, JWKInvalid } from "../errors.js";
import { KeyFormat, KeyUse } from "../abi.js";
import { jsonOf } from "../util.js";
import { importedKey } from "./key.js";
import { encryptionNames, namingJweEntry } from "./encryption-names.js";

const PEM_LABEL = /^\s*-----BEGIN ([A-Z0-9 ]+)-----/;

// A Key of `source` ({ format, data, alg }). A key for a JWE "alg" (or, for "dir", an "enc"),
// named by the argument or by a JWK's own "alg", serves encryption only; any other key serves
// signatures only (the core binds the use at import, and refuses a JWK whose "use" or "key_ops"
// disagree). As in jose, the algorithm says what a key is for: "use": "enc" alone does not.
export function importKey(runtime, source, jwk) {
  runtime.ready();
  if (source.alg !== undefined && typeof source.alg !== "string") {
    throw new JOSEInvalidArgument('alg must be a string, e.g. "ES256"');
  }
  const names = encryptionNames(runtime);
  const forEncryption = names.has(source.alg) || names.has(jwk?.alg);
  return namingJweEntry(runtime, () => importedKey(runtime, forEncryption ? { ...source, use: KeyUse.encryption } : source));
}

export function importJWK(runtime, jwk, alg) {
  runtime.ready();
  if (typeof jwk !== "string" && (typeof jwk !== "object" || jwk === null || Array.isArray(jwk))) {
    throw new JOSEInvalidArgument("a JWK must be an object (or its JSON text)");
  }
  const json = typeof jwk === "string" ? jwk : jsonOf(jwk, JWKInvalid, "a JWK");
  return importKey(runtime, { format: KeyFormat.jwk, data: json, alg }, typeof jwk === "string" ? parsed(jwk) : jwk);
}

// PEM text of the kind `label` names (any kind when null), or DER bytes in `derFormat` (copied:
// the key keeps what it was made from, and the caller's array may change).
function importPem(runtime, source, label, derFormat, alg) {
  runtime.ready();
  if (source instanceof Uint8Array && derFormat) return importKey(runtime, { format: derFormat, data: source.slice(), alg });
  if (typeof source !== "string") throw new JOSEInvalidArgument("the key must be PEM text (or DER bytes)");
  const found = PEM_LABEL.exec(source)?.[1];
  if (label && found !== label) {
    throw new JOSEInvalidArgument(`expected a "-----BEGIN ${label}-----" PEM, found ${found ? `"${found}"` : "none"}`);
  }
  return importKey(runtime, { format: KeyFormat.pem, data: source, alg });
}

// A JWK's text read only for its "alg" (the core reads it again, strictly).
function parsed(json) {
  try {
    const value = JSON.parse(json);
    return typeof value === "object" && value !== null ? value : undefined;
  } catch {
    return undefined; // the core says what is wrong with it
  }
}

export const importSPKI = (runtime, spki, alg) => importPem(runtime, spki, "PUBLIC KEY", KeyFormat.spkiDer, alg);
export const importPKCS8 = (runtime, pkcs8, alg) => importPem(runtime, pkcs8, "PRIVATE KEY", KeyFormat.pkcs8Der, alg);
export const importX509 = (runtime, certificate, alg) =>
  importPem(runtime, certificate, "CERTIFICATE", KeyFormat.certificateDer, alg);
export const importPEM = (runtime, pem, alg) => importPem(runtime, pem, null, null, alg);
