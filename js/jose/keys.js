// jose's key functions on the core, asynchronous as jose's: imports that are not extractable unless
// asked (jose's default for private keys and secrets, and a JWK's "ext"), exports of any key form
// (a CryptoKey is read through WebCrypto first), generation with jose's options, and RFC 7638
// thumbprints of a JWK's members (jose hashes them without importing the key).
import { JOSEInvalidArgument, JOSENotSupported, JWKInvalid } from "../errors.js";
import { base64url, isPlainObject } from "../util.js";
import { importJWK as importJwk, importSPKI as importSpki, importPKCS8 as importPkcs8, importX509 as importCertificate } from "../key/import.js";
import { exportJWK as exportJwk, exportSPKI as exportSpki, exportPKCS8 as exportPkcs8, sealed } from "../key/export.js";
import { generateKeyPair as generatePair, generateSecret as generateHmacSecret } from "../key/generate.js";
import { calculateJwkThumbprint as thumbprintOfKey } from "../key/thumbprint.js";
import { keyForUse } from "../key/resolve.js";
import { optionsOf } from "../arguments.js";

// `key` as jose makes it: extractable when `extractable` is, or by default when it is public.
const extractableAs = (key, extractable) => ((extractable ?? key.type === "public") ? key : sealed(key));

export async function importJWK(runtime, jwk, alg, options) {
  if (!isPlainObject(jwk)) throw new JOSEInvalidArgument("JWK must be an object");
  alg ??= jwk.alg;
  if (jwk.kty !== "oct" && typeof alg !== "string") {
    throw new JOSEInvalidArgument('"alg" argument is required when "jwk.alg" is not present');
  }
  // A secret is bytes in jose, always extractable; a JWK's "ext" says the rest unless asked.
  const key = importJwk(runtime, jwk, alg);
  return key.type === "secret" ? key : extractableAs(key, optionsOf(options).extractable ?? jwk.ext);
}

export const importSPKI = async (runtime, spki, alg, options) =>
  extractableAs(importSpki(runtime, spki, alg), optionsOf(options).extractable);
export const importX509 = async (runtime, certificate, alg, options) =>
  extractableAs(importCertificate(runtime, certificate, alg), optionsOf(options).extractable);
export const importPKCS8 = async (runtime, pkcs8, alg, options) =>
  extractableAs(importPkcs8(runtime, pkcs8, alg), optionsOf(options).extractable);

// jose's exportJWK writes the key and nothing about it: no kid, alg, use, key_ops or ext, which
// edgejwt's own exportJWK keeps from the JWK the key came with. A round trip through this entry
// cannot widen what a key may do unnoticed: importJWK here needs the algorithm again (an "alg"
// argument for any asymmetric key), and a key is bound to it at import.
const KEY_MEMBERS = {
  RSA: ["kty", "n", "e", "d", "p", "q", "dp", "dq", "qi"],
  EC: ["kty", "crv", "x", "y", "d"],
  OKP: ["kty", "crv", "x", "d"],
  oct: ["kty", "k"],
};

export async function exportJWK(runtime, key) {
  const jwk = exportJwk(runtime, await keyForUse(runtime, key));
  return Object.fromEntries((KEY_MEMBERS[jwk.kty] ?? []).filter((name) => jwk[name] !== undefined).map((name) => [name, jwk[name]]));
}
export const exportSPKI = async (runtime, key) => exportSpki(runtime, await keyForUse(runtime, key));
export const exportPKCS8 = async (runtime, key) => exportPkcs8(runtime, await keyForUse(runtime, key));

export async function generateKeyPair(runtime, alg, options) {
  const { extractable, crv, modulusLength } = optionsOf(options);
  if (typeof alg !== "string") throw new JOSENotSupported('Invalid or unsupported JWK "alg" (Algorithm) Parameter value');
  const pair = generatePair(runtime, alg, { modulusLength });
  if (crv !== undefined && exportJwk(runtime, pair.publicKey).crv !== crv) {
    pair.privateKey.free();
    pair.publicKey.free();
    throw new JOSENotSupported(`Invalid or unsupported crv option provided: ${alg} keys are not on ${String(crv)}`);
  }
  return { publicKey: pair.publicKey, privateKey: extractableAs(pair.privateKey, extractable) };
}

export const generateSecret = async (runtime, alg, options) =>
  extractableAs(generateHmacSecret(runtime, alg), optionsOf(options).extractable ?? false);

// The members RFC 7638 hashes, per key type (jose's table).
const THUMBPRINT_MEMBERS = { EC: ["crv", "kty", "x", "y"], OKP: ["crv", "kty", "x"], RSA: ["e", "kty", "n"], oct: ["k", "kty"] };
const DIGESTS = { sha256: "SHA-256", sha384: "SHA-384", sha512: "SHA-512" };

// A JWK's thumbprint is its members' (whether or not edgejwt would import the key); any other key
// form's is the core's, of the key it imports.
export async function calculateJwkThumbprint(runtime, key, digestAlgorithm = "sha256") {
  if (!Object.hasOwn(DIGESTS, digestAlgorithm)) {
    throw new JOSEInvalidArgument('digestAlgorithm must one of "sha256", "sha384", or "sha512"');
  }
  if (!isPlainObject(key)) return thumbprintOfKey(runtime, await keyForUse(runtime, key), digestAlgorithm);
  const names = Object.hasOwn(THUMBPRINT_MEMBERS, key.kty) ? THUMBPRINT_MEMBERS[key.kty] : undefined;
  if (!names) throw new JOSENotSupported('"kty" (Key Type) Parameter missing or unsupported');
  const members = {};
  for (const name of names) {
    if (typeof key[name] !== "string" || key[name] === "") throw new JWKInvalid(`"${name}" Parameter missing or invalid`);
    members[name] = key[name];
  }
  const digest = await crypto.subtle.digest(DIGESTS[digestAlgorithm], new TextEncoder().encode(JSON.stringify(members)));
  return base64url(new Uint8Array(digest));
}
