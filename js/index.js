// edgejwt on its Emscripten build: for browsers, bundlers, Node, Deno and Bun (Workers: workerd.js).
import { createApi } from "./api.js";
import { createGatewayFactory } from "./gateway.js";
import { createSessionApi } from "./sessions/session-tokens.js";
import { loadEmscriptenEngine } from "./engines/emscripten.js";

export * from "./errors.js";
export { Key, LocalJWKSet } from "./keys.js";
export { RemoteJWKSet } from "./remote-jwks.js";
export { VerifiedTokenCache } from "./token-cache.js";
export { GatewayTokenMissing, GatewayForbidden, JWTRevoked } from "./gateway.js";
export { RevocationUnavailable } from "./revocation.js";
export { CacheSnapshotStore } from "./gateway/snapshot-store.js";
export * from "./sessions/index.js";
const api = /* @__PURE__ */ createApi(loadEmscriptenEngine);
export const {
  init, memoryUsage, sign, verify, decode, decodeProtectedHeader, compactSign, compactVerify, generateTokenPair,
  importJWK, exportJWK, importSPKI, importPKCS8, importX509, importPEM, exportSPKI, exportPKCS8,
  createLocalJWKSet, generateKeyPair, generateSecret, calculateJwkThumbprint,
  createRemoteJWKSet, verifyAsync, createRevocationList,
} = api;
// The gateway is a layer over the API (it verifies through it), bound here to this build's.
export const createGateway = /* @__PURE__ */ createGatewayFactory(api);
export const { startSession, rotateRefreshToken } = createSessionApi({ sign, verify: verifyAsync });
