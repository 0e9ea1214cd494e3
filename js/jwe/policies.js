// Decryption options become the core's decryption policies: policies.js's LRU over the decryption
// ABI, one per runtime, made by the first JWE operation on it (runtime.layer), so that a runtime
// that never decrypts (every page of the edgejwt entry) makes and carries none of it.
import { Policies, VERIFY_FIELDS } from "../policies.js";

// Decryption options: verify's (the claims', or a nested token's inner JWS's) and the JWE's own.
export const DECRYPTION_FIELDS = [...VERIFY_FIELDS, "keyManagementAlgorithms", "contentEncryptionAlgorithms", "maxPBES2Count"];

const DECRYPTION_POLICY_ABI = Object.freeze({
  create: "edgejwt_decryption_policy_create", release: "edgejwt_decryption_policy_release",
});

const makePolicies = (runtime) => new Policies(runtime.core, DECRYPTION_POLICY_ABI);

// The runtime's decryption policies (after runtime.ready()).
export const decryptionPolicies = (runtime) => runtime.layer(makePolicies);
