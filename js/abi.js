// The C ABI's numbers (bindings/edgejwt.h), written here once for the JS layer; tests/js/abi.test.js
// reads the header and checks every one of them, and every signature in js/core/signatures.js,
// against it.

export const ABI_VERSION = 3; // EDGEJWT_ABI_VERSION: init() refuses a Wasm module that speaks another

// EDGEJWT_SIGNATURE_INVALID: the status of a signature the host's primitive refused.
export const SIGNATURE_INVALID = 22;

// EDGEJWT_KEY_*: formats of edgejwt_key_import.
export const KeyFormat = Object.freeze({ secret: 1, jwk: 2, pem: 3, spkiDer: 4, pkcs8Der: 5, certificateDer: 6 });
// EDGEJWT_EXPORT_*: formats of edgejwt_key_export.
export const ExportFormat = Object.freeze({ jwkPublic: 1, jwkPrivate: 2, spkiPem: 3, pkcs8Pem: 4 });
// EDGEJWT_USE_*: what edgejwt_key_import_for and edgejwt_key_import_jwks_for bind a key to.
export const KeyUse = Object.freeze({ signature: 0, encryption: 1 });
// EDGEJWT_PAYLOAD_*: payload kinds of edgejwt_verify_finish and edgejwt_decrypt_agreed (nested, nestedJws: that only).
export const PayloadKind = Object.freeze({ jwt: 0, bytes: 1, nested: 2, nestedJws: 3 });

// Limits the header states for hosts (the core applies them again).
export const DEFAULT_MAX_TOKEN_LENGTH = 65536; // EDGEJWT_DEFAULT_MAX_TOKEN_LENGTH
export const MAX_JSON_DEPTH = 64; // EDGEJWT_MAX_JSON_DEPTH

// edgejwt_result in wasm32: each field's byte offset. A pointer and its length are one field here
// (the length 4 bytes after the pointer), as are valid_from and valid_until ("validity").
export const RESULT_OFFSETS = Object.freeze({
  header: 0, payload: 8, output: 16, detail: 24, handle: 32, keyIndex: 36, signingInput: 40, signature: 48, validity: 56,
});
export const RESULT_SIZE = 72;
