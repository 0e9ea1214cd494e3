// edgejwt as jose, on the Emscripten build: `import * as jose from "edgejwt/jose"` runs a jose
// program unchanged (issue 14): jose's names, signatures and key forms on edgejwt's core. It shares
// its runtime (one Wasm instance) with "edgejwt", so a key made through either works with both.
// jose needs no init(): the instance starts as this module loads (top-level await), so jose's
// synchronous decoders work from the first call.
//
// The export list, written once: scripts/entries.js makes js/wasi-jose.js (the WASI engine) and
// the Workers variants (the Wasm imported as a module) from this file.
import { loadEmscriptenEngine as loadEngine } from "./engines/emscripten.js";
import { sharedRuntime } from "./runtime.js";
import { signJwtClass, compactSignClass } from "./jose/sign.js";
import { jwtVerify as verifyJwt, compactVerify as verifyCompact, decodeJwt as payloadOf, decodeProtectedHeader as headerOf } from "./jose/verify.js";
import { importJWK as jwk, importSPKI as spki, importPKCS8 as pkcs8, importX509 as x509 } from "./jose/keys.js";
import { exportJWK as toJwk, exportSPKI as toSpki, exportPKCS8 as toPkcs8 } from "./jose/keys.js";
import { generateKeyPair as keyPair, generateSecret as secret, calculateJwkThumbprint as thumbprint } from "./jose/keys.js";
import { createLocalJWKSet as localSet } from "./jose/jwks.js";
import { createRemoteJWKSet as remoteSet } from "./jwks/remote.js";
import * as errors from "./errors.js";

export { errors };

const runtime = sharedRuntime(loadEngine);
await runtime.init();

export const SignJWT = signJwtClass(runtime);
export const CompactSign = compactSignClass(runtime);
export const jwtVerify = runtime.bind(verifyJwt);
export const compactVerify = runtime.bind(verifyCompact);
export const decodeJwt = runtime.bind(payloadOf);
export const decodeProtectedHeader = runtime.bind(headerOf);
export const importJWK = runtime.bind(jwk);
export const importSPKI = runtime.bind(spki);
export const importPKCS8 = runtime.bind(pkcs8);
export const importX509 = runtime.bind(x509);
export const exportJWK = runtime.bind(toJwk);
export const exportSPKI = runtime.bind(toSpki);
export const exportPKCS8 = runtime.bind(toPkcs8);
export const generateKeyPair = runtime.bind(keyPair);
export const generateSecret = runtime.bind(secret);
export const calculateJwkThumbprint = runtime.bind(thumbprint);
export const createLocalJWKSet = runtime.bind(localSet);
export const createRemoteJWKSet = runtime.bind(remoteSet);
