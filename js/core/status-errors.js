// The error for a status of the core, from ONE table: for each status name (src/status.h) jose's
// class for the same condition (whose code the error carries) and edgejwt's finer distinction,
// `error.reason`, refined by what the core says it refused (`detail`) where one status covers
// several rules. docs/errors.md prints this table (tests/js/error-reasons.test.js checks it).
// Not exported by the entries: only the Core makes these.
import {
  JOSEError, JOSEInvalidArgument, JOSENotSupported, JOSEAlgNotAllowed, JWSInvalid, JWTInvalid, JWSSignatureVerificationFailed,
  KeyInvalid, JWKInvalid, JWKSInvalid, JWKSNoMatchingKey, JWKSMultipleMatchingKeys, JWTClaimValidationFailed, JWTExpired,
  JWEInvalid, JWEDecryptionFailed,
} from "../errors.js";

// status: { error: class, reason, byDetail: { [detail]: { error?, reason } } }
export const STATUS_ERRORS = {
  ERR_INVALID_ARGUMENT: { error: JOSEInvalidArgument, reason: "invalid_argument" },
  ERR_INVALID_HANDLE: { error: JOSEInvalidArgument, reason: "released" },
  ERR_OUT_OF_MEMORY: { error: JOSEError, reason: "out_of_memory" },
  ERR_RANDOM_UNAVAILABLE: { error: JOSEError, reason: "random_unavailable" },
  ERR_JWS_INVALID: { error: JWSInvalid, reason: "compact_form" },
  ERR_TOKEN_TOO_LARGE: { error: JWSInvalid, reason: "too_large" },
  ERR_HEADER_TOO_LARGE: { error: JWSInvalid, reason: "too_large" },
  ERR_PAYLOAD_TOO_LARGE: { error: JWSInvalid, reason: "too_large" },
  ERR_BASE64URL_INVALID: { error: JWSInvalid, reason: "base64url" },
  ERR_JSON_INVALID: { error: JWSInvalid, reason: "json" },
  ERR_JSON_NOT_OBJECT: { error: JWSInvalid, reason: "not_an_object" },
  ERR_JSON_DUPLICATE_KEY: { error: JWSInvalid, reason: "duplicate_member" },
  ERR_JSON_TOO_DEEP: { error: JWSInvalid, reason: "json_limits" },
  ERR_JSON_TOO_MANY_MEMBERS: { error: JWSInvalid, reason: "json_limits" },
  ERR_JWS_HEADER_INVALID: {
    error: JWSInvalid, reason: "header_member_type",
    byDetail: { b64: { error: JOSENotSupported, reason: "b64_false" }, zip: { reason: "zip" } },
  },
  ERR_JWS_CRIT_INVALID: { error: JWSInvalid, reason: "crit" },
  ERR_JWS_CRIT_NOT_UNDERSTOOD: {
    error: JOSENotSupported, reason: "crit_not_understood",
    byDetail: { b64: { reason: "b64_false" } },
  },
  ERR_JOSE_NOT_SUPPORTED: { error: JOSENotSupported, reason: "alg_not_supported" },
  ERR_JOSE_ALG_NOT_ALLOWED: {
    error: JOSEAlgNotAllowed, reason: "alg_not_allowed", byDetail: { key: { error: KeyInvalid, reason: "key_algorithm" } },
  },
  ERR_JWS_SIGNATURE_LENGTH: { error: JWSSignatureVerificationFailed, reason: "signature_length" },
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: { error: JWSSignatureVerificationFailed, reason: "signature" },
  ERR_KEY_TOO_SHORT: { error: KeyInvalid, reason: "hmac_secret_too_short", byDetail: { n: { reason: "rsa_modulus_size" } } },
  ERR_KEY_INVALID: { error: KeyInvalid, reason: "key_material" },
  ERR_KEY_UNSUPPORTED: {
    error: JOSENotSupported, reason: "key_unsupported", byDetail: { n: { error: KeyInvalid, reason: "rsa_modulus_size" } },
  },
  ERR_KEY_USAGE: { error: KeyInvalid, reason: "key_usage", byDetail: { k: { reason: "hmac_secret_is_a_key" } } },
  ERR_DER_INVALID: { error: KeyInvalid, reason: "der" },
  ERR_PEM_INVALID: { error: KeyInvalid, reason: "pem" },
  ERR_JWK_INVALID: { error: JWKInvalid, reason: "jwk" },
  ERR_JWKS_INVALID: { error: JWKSInvalid, reason: "jwks" },
  ERR_JWKS_NO_MATCHING_KEY: { error: JWKSNoMatchingKey, reason: "no_matching_key" },
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: { error: JWKSMultipleMatchingKeys, reason: "multiple_matching_keys" },
  ERR_JWT_EXPIRED: { error: JWTExpired },
  ERR_JWT_CLAIM_VALIDATION_FAILED: { error: JWTClaimValidationFailed },
  ERR_JWE_INVALID: { error: JWEInvalid, reason: "compact_form" },
  ERR_JWE_DECRYPTION_FAILED: { error: JWEDecryptionFailed, reason: "decryption" },
};

const decoder = new TextDecoder();

// The class and reason for a status and the core's detail.
export function errorKindOf(status, detail) {
  const entry = STATUS_ERRORS[status] ?? { error: JOSEError, reason: "unknown" };
  const refined = entry.byDetail && Object.hasOwn(entry.byDetail, detail) ? entry.byDetail[detail] : {};
  return { error: refined.error ?? entry.error, reason: refined.reason ?? entry.reason };
}

// The error for a core status, given the failed call's outputs. A problem in the payload is a JWT
// problem (jose's JWTInvalid); a claim that failed after the signature held is genuine, and jose
// reports the claims with it (detail "claim:reason"). `candidates`: the keys a
// JWKSMultipleMatchingKeys iterates over.
export function errorFromStatus(status, message, detail, { payload, candidates } = {}) {
  let { error: ErrorClass, reason } = errorKindOf(status, detail);
  if (ErrorClass === JWSInvalid && detail === "payload") ErrorClass = JWTInvalid;
  if (ErrorClass === JWTClaimValidationFailed || ErrorClass === JWTExpired) {
    const [claim, claimReason] = (detail ?? "").split(":");
    // (none when the call reports none: an empty string, or empty bytes)
    const claims = payload?.length ? JSON.parse(typeof payload === "string" ? payload : decoder.decode(payload)) : undefined;
    return new ErrorClass(message, claims, claim || undefined, claimReason || undefined, { status, detail });
  }
  const options = { reason, status, detail, candidates };
  return new ErrorClass(detail ? `${message} (${detail})` : message, options);
}
