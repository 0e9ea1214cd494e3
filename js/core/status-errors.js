// The error for a status of the core, from ONE table: for each status name (src/status.h) jose's
// class for the same condition (whose code the error carries) and edgejwt's finer distinction,
// `error.detail`, refined by what the core says it refused (its detail text, `error.where`) where
// one status covers several rules. docs/errors.md prints this table (tests/js/error-reasons.test.js checks it).
// Not exported by the entries: only the Core makes these.
import {
  JOSEError, JOSEInvalidArgument, JOSENotSupported, JOSEAlgNotAllowed, JWSInvalid, JWTInvalid, JWSSignatureVerificationFailed,
  KeyInvalid, JWKInvalid, JWKSInvalid, JWKSNoMatchingKey, JWKSMultipleMatchingKeys, JWTClaimValidationFailed, JWTExpired,
  JWEInvalid, JWEDecryptionFailed,
} from "../errors.js";

// status: { error: class, detail, byWhere: { [where]: { error?, detail } } }
export const STATUS_ERRORS = {
  ERR_INVALID_ARGUMENT: { error: JOSEInvalidArgument, detail: "invalid_argument" },
  ERR_INVALID_HANDLE: { error: JOSEInvalidArgument, detail: "released" },
  ERR_OUT_OF_MEMORY: { error: JOSEError, detail: "out_of_memory" },
  ERR_RANDOM_UNAVAILABLE: { error: JOSEError, detail: "random_unavailable" },
  ERR_JWS_INVALID: { error: JWSInvalid, detail: "compact_form" },
  ERR_TOKEN_TOO_LARGE: { error: JWSInvalid, detail: "too_large" },
  ERR_HEADER_TOO_LARGE: { error: JWSInvalid, detail: "too_large" },
  ERR_PAYLOAD_TOO_LARGE: { error: JWSInvalid, detail: "too_large" },
  ERR_BASE64URL_INVALID: { error: JWSInvalid, detail: "base64url" },
  ERR_JSON_INVALID: { error: JWSInvalid, detail: "json" },
  ERR_JSON_NOT_OBJECT: { error: JWSInvalid, detail: "not_an_object" },
  ERR_JSON_DUPLICATE_KEY: { error: JWSInvalid, detail: "duplicate_member" },
  ERR_JSON_TOO_DEEP: { error: JWSInvalid, detail: "json_limits" },
  ERR_JSON_TOO_MANY_MEMBERS: { error: JWSInvalid, detail: "json_limits" },
  ERR_JWS_HEADER_INVALID: {
    error: JWSInvalid, detail: "header_member_type",
    byWhere: { b64: { error: JOSENotSupported, detail: "b64_false" }, zip: { detail: "zip" } },
  },
  ERR_JWS_CRIT_INVALID: { error: JWSInvalid, detail: "crit" },
  ERR_JWS_CRIT_NOT_UNDERSTOOD: {
    error: JOSENotSupported, detail: "crit_not_understood",
    byWhere: { b64: { detail: "b64_false" } },
  },
  ERR_JOSE_NOT_SUPPORTED: { error: JOSENotSupported, detail: "alg_not_supported" },
  ERR_JOSE_ALG_NOT_ALLOWED: {
    error: JOSEAlgNotAllowed, detail: "alg_not_allowed", byWhere: { key: { error: KeyInvalid, detail: "key_algorithm" } },
  },
  ERR_JWS_SIGNATURE_LENGTH: { error: JWSSignatureVerificationFailed, detail: "signature_length" },
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: { error: JWSSignatureVerificationFailed, detail: "signature" },
  ERR_KEY_TOO_SHORT: { error: KeyInvalid, detail: "hmac_secret_too_short", byWhere: { n: { detail: "rsa_modulus_size" } } },
  ERR_KEY_INVALID: { error: KeyInvalid, detail: "key_material" },
  ERR_KEY_UNSUPPORTED: {
    error: JOSENotSupported, detail: "key_unsupported", byWhere: { n: { error: KeyInvalid, detail: "rsa_modulus_size" } },
  },
  ERR_KEY_USAGE: { error: KeyInvalid, detail: "key_usage", byWhere: { k: { detail: "hmac_secret_is_a_key" } } },
  ERR_DER_INVALID: { error: KeyInvalid, detail: "der" },
  ERR_PEM_INVALID: { error: KeyInvalid, detail: "pem" },
  ERR_JWK_INVALID: {
    error: JWKInvalid, detail: "jwk",
    byWhere: {
      ext: { error: KeyInvalid, detail: "jwk_member_type" }, key_ops: { error: KeyInvalid, detail: "jwk_member_type" },
      k: { error: KeyInvalid, detail: "jwk_member_type" }, alg: { error: JOSENotSupported, detail: "jwk_alg" },
    },
  },
  ERR_JWKS_INVALID: { error: JWKSInvalid, detail: "jwks", byWhere: { "length": { detail: "jwks_too_large" }, "keys.length": { detail: "jwks_too_large" } } },
  ERR_JWKS_NO_MATCHING_KEY: { error: JWKSNoMatchingKey, detail: "no_matching_key" },
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: { error: JWKSMultipleMatchingKeys, detail: "multiple_matching_keys" },
  ERR_JWT_EXPIRED: { error: JWTExpired },
  ERR_JWT_CLAIM_VALIDATION_FAILED: { error: JWTClaimValidationFailed },
  ERR_JWE_INVALID: { error: JWEInvalid, detail: "compact_form" },
  ERR_JWE_DECRYPTION_FAILED: { error: JWEDecryptionFailed, detail: "decryption" },
};

const decoder = new TextDecoder();

// The class and detail for a status and what the core says it refused (`where`).
export function errorKindOf(status, where) {
  const entry = STATUS_ERRORS[status] ?? { error: JOSEError, detail: "unknown" };
  const refined = entry.byWhere && Object.hasOwn(entry.byWhere, where) ? entry.byWhere[where] : {};
  return { error: refined.error ?? entry.error, detail: refined.detail ?? entry.detail };
}

// The error for a core status, given what the core says it refused (`where`) and the failed call's
// outputs. A problem in the payload is a JWT problem (jose's JWTInvalid); a claim that failed after
// the signature held is genuine, and jose reports the claims with it (where "claim:reason": the
// error's detail is jose's reason). `candidates`: the keys a JWKSMultipleMatchingKeys iterates over.
export function errorFromStatus(status, message, where, { payload, candidates } = {}) {
  let { error: ErrorClass, detail } = errorKindOf(status, where);
  if (ErrorClass === JWSInvalid && where === "payload") ErrorClass = JWTInvalid;
  if (ErrorClass === JWTClaimValidationFailed || ErrorClass === JWTExpired) {
    const [claim, claimReason] = (where ?? "").split(":");
    // (none when the call reports none: an empty string, or empty bytes)
    const claims = payload?.length ? JSON.parse(typeof payload === "string" ? payload : decoder.decode(payload)) : undefined;
    return new ErrorClass(message, claims, claim || undefined, claimReason || undefined, { status, detail: claimReason || undefined, where: claim || undefined });
  }
  return new ErrorClass(where ? `${message} (${where})` : message, { detail, status, where, candidates });
}
