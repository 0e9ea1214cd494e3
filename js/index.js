// edgejwt on its Emscripten build: for browsers, Node and bundlers.
import { createApi } from "./api.js";
import { loadEmscriptenEngine } from "./engines/emscripten.js";

export * from "./errors.js";
export { Key, LocalJWKSet } from "./keys.js";
export const {
  init, memoryUsage, sign, verify, decode, decodeProtectedHeader, compactSign, compactVerify, generateTokenPair,
  importJWK, exportJWK, importSPKI, importPKCS8, importX509, importPEM, exportSPKI, exportPKCS8,
  createLocalJWKSet, generateKeyPair, generateSecret, calculateJwkThumbprint,
} = createApi(loadEmscriptenEngine);
