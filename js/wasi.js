// edgejwt on its WASI build: for edge runtimes (workerd), other WASI hosts, and Node.
import { createApi } from "./api.js";
import { loadWasiEngine } from "./engines/wasi.js";

export * from "./errors.js";
export { Key, LocalJWKSet } from "./keys.js";
export const {
  init, memoryUsage, sign, verify, decode, decodeProtectedHeader, compactSign, compactVerify, generateTokenPair,
  importJWK, exportJWK, importSPKI, importPKCS8, importX509, importPEM, exportSPKI, exportPKCS8,
  createLocalJWKSet, generateKeyPair, generateSecret, calculateJwkThumbprint,
} = createApi(loadWasiEngine);
