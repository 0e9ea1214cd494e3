// createGateway on a runtime over a JWE module (the edgejwt/jwe entries): bind.js's operations and
// the decryptions encrypted access tokens need (gateway/decryption.js).
import { createGatewayFactory } from "../gateway.js";
import { compactDecrypt } from "../jwe/compact.js";
import { decrypt } from "../jwt/decrypt.js";
import { gatewayOperations } from "./bind.js";

const gatewayFactoryOf = (runtime) => createGatewayFactory({
  ...gatewayOperations(runtime),
  compactDecrypt: runtime.bind(compactDecrypt),
  decrypt: runtime.bind(decrypt),
});

export const createGateway = (runtime, config) => runtime.layer(gatewayFactoryOf)(config);
