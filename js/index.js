// edgejwt on its Emscripten build: for browsers, bundlers, Node, Deno and Bun (Workers: workerd.js).
//
// The export list, written once: js/wasi.js is this file on the WASI engine, made from it by
// scripts/entries.js (at bootstrap, and checked by tests/js/entries.test.js), and the JWE entries
// (js/jwe.js, js/wasi-jwe.js) are this file on the JWE Wasm with the encryption operations added.
// Encryption is not here: its core would be in the Wasm of every page (docs/design.md). Every
// function is an operation of its own module bound to this entry's runtime (one Wasm instance), so
// a bundler keeps only what a program imports: a page importing `verify` gets no gateway, remote
// key set, revocation or session code.
import { loadEmscriptenEngine as loadEngine } from "./engines/emscripten.js";
import { sharedRuntime, init as initRuntime, memoryUsage as memoryUsageOf } from "./runtime.js";
import { sign as signJwt } from "./jwt/sign.js";
import { verify as verifyJwt } from "./jwt/verify.js";
import { verifyAsync as verifyJwtAsync } from "./jwt/verify-async.js";
import { decode as decodeJwt, decodeProtectedHeader as decodeHeader } from "./jwt/decode.js";
import { generateTokenPair as tokenPair } from "./jwt/token-pair.js";
import { compactSign as signCompact, compactVerify as verifyCompact } from "./jws/compact.js";
import { importJWK as jwk, importSPKI as spki, importPKCS8 as pkcs8, importX509 as x509, importPEM as pem } from "./key/import.js";
import { exportJWK as toJwk, exportSPKI as toSpki, exportPKCS8 as toPkcs8 } from "./key/export.js";
import { generateKeyPair as keyPair, generateSecret as secret } from "./key/generate.js";
import { calculateJwkThumbprint as thumbprint } from "./key/thumbprint.js";
import { createLocalJWKSet as localSet } from "./jwks/local.js";
import { createRemoteJWKSet as remoteSet } from "./jwks/remote.js";
import { createRevocationList as revocationList } from "./revocation.js";
import { createGateway as gateway } from "./gateway/bind.js";
import { startSession as start, rotateRefreshToken as rotate } from "./sessions/bind.js";

export * from "./errors.js";
export { Key, LocalJWKSet } from "./key/key.js";
export { RemoteJWKSet } from "./jwks/remote.js";
export { VerifiedTokenCache } from "./cache/verified-tokens.js";
export { GatewayTokenMissing, GatewayForbidden, JWTRevoked } from "./gateway.js";
export { RevocationUnavailable } from "./revocation.js";
export { CacheSnapshotStore } from "./gateway/snapshot-store.js";
export * from "./sessions/index.js";

const runtime = /* @__PURE__ */ sharedRuntime(loadEngine);

export const init = /* @__PURE__ */ runtime.bind(initRuntime);
export const memoryUsage = /* @__PURE__ */ runtime.bind(memoryUsageOf);
export const sign = /* @__PURE__ */ runtime.bind(signJwt);
export const verify = /* @__PURE__ */ runtime.bind(verifyJwt);
export const verifyAsync = /* @__PURE__ */ runtime.bind(verifyJwtAsync);
export const decode = /* @__PURE__ */ runtime.bind(decodeJwt);
export const decodeProtectedHeader = /* @__PURE__ */ runtime.bind(decodeHeader);
export const generateTokenPair = /* @__PURE__ */ runtime.bind(tokenPair);
export const compactSign = /* @__PURE__ */ runtime.bind(signCompact);
export const compactVerify = /* @__PURE__ */ runtime.bind(verifyCompact);
export const importJWK = /* @__PURE__ */ runtime.bind(jwk);
export const importSPKI = /* @__PURE__ */ runtime.bind(spki);
export const importPKCS8 = /* @__PURE__ */ runtime.bind(pkcs8);
export const importX509 = /* @__PURE__ */ runtime.bind(x509);
export const importPEM = /* @__PURE__ */ runtime.bind(pem);
export const exportJWK = /* @__PURE__ */ runtime.bind(toJwk);
export const exportSPKI = /* @__PURE__ */ runtime.bind(toSpki);
export const exportPKCS8 = /* @__PURE__ */ runtime.bind(toPkcs8);
export const generateKeyPair = /* @__PURE__ */ runtime.bind(keyPair);
export const generateSecret = /* @__PURE__ */ runtime.bind(secret);
export const calculateJwkThumbprint = /* @__PURE__ */ runtime.bind(thumbprint);
export const createLocalJWKSet = /* @__PURE__ */ runtime.bind(localSet);
export const createRemoteJWKSet = /* @__PURE__ */ runtime.bind(remoteSet);
export const createRevocationList = /* @__PURE__ */ runtime.bind(revocationList);
export const createGateway = /* @__PURE__ */ runtime.bind(gateway);
export const startSession = /* @__PURE__ */ runtime.bind(start);
export const rotateRefreshToken = /* @__PURE__ */ runtime.bind(rotate);
