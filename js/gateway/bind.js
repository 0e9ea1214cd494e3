// createGateway on a runtime: the gateway is a layer over the API (gateway.js takes the functions
// it uses as an object), here those functions bound to the runtime, so it verifies on that
// runtime's Wasm build. Made once per runtime. The JWE entries bind it with decryption as well
// (bind-jwe.js), so a gateway that only verifies carries no JWE module.
import { createGatewayFactory } from "../gateway.js";
import { sign } from "../jwt/sign.js";
import { verifyAsync } from "../jwt/verify-async.js";
import { decode, decodeProtectedHeader } from "../jwt/decode.js";
import { importJWK, importPEM } from "../key/import.js";
import { createLocalJWKSet } from "../jwks/local.js";
import { createRemoteJWKSet } from "../jwks/remote.js";
import { createRevocationList } from "../revocation.js";

// The operations every gateway uses, bound to `runtime`.
export const gatewayOperations = (runtime) => ({
  sign: runtime.bind(sign), // cookie sessions mint tokens (gateway/sessions.js)
  verifyAsync: runtime.bind(verifyAsync),
  decode: runtime.bind(decode),
  decodeProtectedHeader: runtime.bind(decodeProtectedHeader),
  importJWK: runtime.bind(importJWK),
  importPEM: runtime.bind(importPEM),
  createLocalJWKSet: runtime.bind(createLocalJWKSet),
  createRemoteJWKSet: runtime.bind(createRemoteJWKSet),
  createRevocationList: runtime.bind(createRevocationList),
});

const gatewayFactoryOf = (runtime) => createGatewayFactory(gatewayOperations(runtime));

export const createGateway = (runtime, config) => runtime.layer(gatewayFactoryOf)(config);
