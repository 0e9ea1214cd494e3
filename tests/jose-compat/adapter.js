// jose's API on edgejwt, for the side-by-side suite and the example program: the issue's
// `edgejwt/jose` entry (issue 14, item 4), one per build, imported as a jose program imports it;
// nothing is added. (Until the entries existed, a shim mapped jose's names onto edgejwt's API.)

// The builds and each one's jose entry (resolved from this package, as "edgejwt/...").
export const BUILDS = [
  { name: "emscripten", joseEntry: "edgejwt/jose" },
  { name: "wasi", joseEntry: "edgejwt/wasi/jose" },
];

// The jose names item 4 of the issue lists: what a jose program written against them needs.
export const JOSE_NAMES = [
  "SignJWT", "jwtVerify", "decodeJwt", "decodeProtectedHeader", "CompactSign", "compactVerify", "importJWK",
  "importSPKI", "importPKCS8", "importX509", "exportJWK", "exportSPKI", "exportPKCS8", "createLocalJWKSet",
  "createRemoteJWKSet", "calculateJwkThumbprint", "generateKeyPair", "generateSecret", "errors",
];

// What provides `build`'s jose API.
export const sourceOf = (build) => build.joseEntry;

// `build`'s jose API.
export const joseApiOf = (build) => import(build.joseEntry);
