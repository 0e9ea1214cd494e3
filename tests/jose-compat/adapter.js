// jose's API on edgejwt, for the side-by-side suite and the example program: the issue's
// `edgejwt/jose` entry (issue 14, item 4), one per build. Once a build's entry exists this module
// is a plain re-export of it: joseApiOf() imports it as a jose program would and adds nothing.
//
// Until then it maps jose's names and signatures onto today's edgejwt API: the SHIM below. The shim
// adds no behaviour of its own: what edgejwt does not do (a key form, an option, an error class)
// stays undone, so the suite sees it. Each mapping is marked, and a call with no counterpart at all
// throws ShimGap, which the suite reports like any other disagreement.

import { errors as joseErrors } from "jose";

// The builds: the entry each one has today, and the jose entry it is to have. Change `joseEntry`
// here if the entry gets another name (it is resolved from this package, as "edgejwt/...").
export const BUILDS = [
  { name: "emscripten", entry: "../../js/index.js", joseEntry: "edgejwt/jose" },
  { name: "wasi", entry: "../../js/wasi.js", joseEntry: "edgejwt/wasi/jose" },
];

// The jose names item 4 of the issue lists: what a jose program written against them needs.
export const JOSE_NAMES = [
  "SignJWT", "jwtVerify", "decodeJwt", "decodeProtectedHeader", "CompactSign", "compactVerify", "importJWK",
  "importSPKI", "importPKCS8", "importX509", "exportJWK", "exportSPKI", "exportPKCS8", "createLocalJWKSet",
  "createRemoteJWKSet", "calculateJwkThumbprint", "generateKeyPair", "generateSecret", "errors",
];

// What provides `build`'s jose API: its jose entry once it exists, the shim until then.
export const sourceOf = (build) => (resolves(build.joseEntry) ? build.joseEntry : `shim over ${build.entry.replace("../../", "")}`);

// `build`'s jose API.
export async function joseApiOf(build) {
  if (resolves(build.joseEntry)) return import(build.joseEntry);
  const edgejwt = await import(build.entry);
  await edgejwt.init();
  return shim(edgejwt);
}

// Whether `specifier` resolves from here. Only "not exported" and "not found" mean absent.
function resolves(specifier) {
  try {
    import.meta.resolve(specifier);
    return true;
  } catch (error) {
    if (["ERR_PACKAGE_PATH_NOT_EXPORTED", "ERR_MODULE_NOT_FOUND"].includes(error.code)) return false;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// SHIM: delete from here (and the jose import) once both builds have their jose entry.

// A jose call the shim cannot express with today's API.
class ShimGap extends Error {}

function shim(edgejwt) {
  // jose's header members that edgejwt takes as options; the rest go in options.header.
  function headerOptions(protectedHeader = {}) {
    const { alg, typ, kid, ...rest } = protectedHeader;
    const options = { alg };
    if (typ !== undefined) options.typ = typ;
    if (kid !== undefined) options.kid = kid;
    if (Object.keys(rest).length > 0) options.header = rest;
    return options;
  }

  // jose's NumericDate setters take a number (seconds), a Date, or a span from now. SHIM: numbers
  // and Dates become the claim itself (edgejwt's sign has no option for an absolute time); a span
  // becomes edgejwt's `expiresIn`/`notBefore`, which count from "iat" (from now when iat is left out).
  function setTime(builder, claim, option, value) {
    if (typeof value === "string") builder.options[option] = value;
    else builder.times[claim] = value instanceof Date ? Math.floor(value.getTime() / 1000) : value;
    return builder;
  }

  class SignJWT {
    constructor(payload = {}) {
      this.payload = payload;
      this.times = {};
      this.options = { iat: false }; // jose writes "iat" only when setIssuedAt is called
    }

    setProtectedHeader(protectedHeader) { this.protectedHeader = protectedHeader; return this; }
    setIssuer(value) { this.options.issuer = value; return this; }
    setSubject(value) { this.options.subject = value; return this; }
    setAudience(value) { this.options.audience = value; return this; }
    setJti(value) { this.options.jwtId = value; return this; }
    setExpirationTime(value) { return setTime(this, "exp", "expiresIn", value); }
    setNotBefore(value) { return setTime(this, "nbf", "notBefore", value); }

    setIssuedAt(value) {
      if (typeof value === "string") throw new ShimGap("edgejwt's sign has no iat relative to now (setIssuedAt(span))");
      this.options.iat = value === undefined ? new Date() : value;
      return this;
    }

    // SHIM: jose's sign options ({ crit }) are passed on as they are.
    async sign(key, options = {}) {
      return edgejwt.sign({ ...this.payload, ...this.times }, key, { ...headerOptions(this.protectedHeader), ...this.options, ...options });
    }
  }

  class CompactSign {
    constructor(payload) { this.payload = payload; }
    setProtectedHeader(protectedHeader) { this.protectedHeader = protectedHeader; return this; }
    async sign(key, options = {}) {
      return edgejwt.compactSign(this.payload, key, { ...headerOptions(this.protectedHeader), ...options });
    }
  }

  // jose's error class names that edgejwt exports.
  const errors = Object.fromEntries(Object.keys(joseErrors).filter((name) => typeof edgejwt[name] === "function")
    .map((name) => [name, edgejwt[name]]));

  return {
    SignJWT,
    CompactSign,
    // SHIM: verifyAsync is edgejwt's verify for every key source, remote sets included.
    jwtVerify: async (jwt, key, options) => edgejwt.verifyAsync(jwt, key, options),
    compactVerify: async (jws, key, options) => edgejwt.compactVerify(jws, key, options),
    // SHIM: jose's decodeJwt is edgejwt's decode(…).payload; both decoders are synchronous.
    decodeJwt: (jwt) => edgejwt.decode(jwt).payload,
    decodeProtectedHeader: (token) => edgejwt.decodeProtectedHeader(token),
    // SHIM: jose's third argument ({ extractable }) has no counterpart and is dropped.
    importJWK: async (jwk, alg) => edgejwt.importJWK(jwk, alg),
    importSPKI: async (spki, alg) => edgejwt.importSPKI(spki, alg),
    importPKCS8: async (pkcs8, alg) => edgejwt.importPKCS8(pkcs8, alg),
    importX509: async (x509, alg) => edgejwt.importX509(x509, alg),
    exportJWK: async (key) => edgejwt.exportJWK(key),
    exportSPKI: async (key) => edgejwt.exportSPKI(key),
    exportPKCS8: async (key) => edgejwt.exportPKCS8(key),
    createLocalJWKSet: (jwks) => edgejwt.createLocalJWKSet(jwks),
    createRemoteJWKSet: (url, options) => edgejwt.createRemoteJWKSet(url, options),
    calculateJwkThumbprint: async (key, digestAlgorithm) => edgejwt.calculateJwkThumbprint(key, digestAlgorithm),
    generateKeyPair: async (alg, options) => edgejwt.generateKeyPair(alg, options),
    generateSecret: async (alg) => edgejwt.generateSecret(alg),
    errors,
  };
}
