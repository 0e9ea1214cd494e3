// The error for a status of the core: its stable name is the code, and the class groups codes as
// jose's classes do (errors.js). Not exported by the entries: only the Core makes these.
import {
  JOSEError, JOSEInvalidArgument, JOSENotSupported, JOSEAlgNotAllowed, JWSInvalid, JWTInvalid, JWSSignatureVerificationFailed,
  KeyInvalid, JWKInvalid, JWKSInvalid, JWEInvalid, JWEDecryptionFailed, JWKSNoMatchingKey, JWKSMultipleMatchingKeys, JWTClaimValidationFailed, JWTExpired,
} from "../errors.js";

const classByCode = {
  ERR_INVALID_ARGUMENT: JOSEInvalidArgument,
  ERR_INVALID_HANDLE: JOSEInvalidArgument,
  ERR_JWS_INVALID: JWSInvalid,
  ERR_TOKEN_TOO_LARGE: JWSInvalid,
  ERR_BASE64URL_INVALID: JWSInvalid,
  ERR_JSON_INVALID: JWSInvalid,
  ERR_JSON_NOT_OBJECT: JWSInvalid,
  ERR_JSON_DUPLICATE_KEY: JWSInvalid,
  ERR_JSON_TOO_DEEP: JWSInvalid,
  ERR_JSON_TOO_MANY_MEMBERS: JWSInvalid,
  ERR_JWS_HEADER_INVALID: JWSInvalid,
  ERR_JWS_CRIT_INVALID: JWSInvalid,
  ERR_JWS_CRIT_NOT_UNDERSTOOD: JOSENotSupported,
  ERR_HEADER_TOO_LARGE: JWSInvalid,
  ERR_PAYLOAD_TOO_LARGE: JWSInvalid,
  ERR_JOSE_NOT_SUPPORTED: JOSENotSupported,
  ERR_JOSE_ALG_NOT_ALLOWED: JOSEAlgNotAllowed,
  ERR_JWS_SIGNATURE_LENGTH: JWSSignatureVerificationFailed,
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: JWSSignatureVerificationFailed,
  ERR_KEY_TOO_SHORT: KeyInvalid,
  ERR_KEY_INVALID: KeyInvalid,
  ERR_KEY_UNSUPPORTED: JOSENotSupported,
  ERR_KEY_USAGE: KeyInvalid,
  ERR_DER_INVALID: KeyInvalid,
  ERR_PEM_INVALID: KeyInvalid,
  ERR_JWK_INVALID: JWKInvalid,
  ERR_JWKS_INVALID: JWKSInvalid,
  ERR_JWKS_NO_MATCHING_KEY: JWKSNoMatchingKey,
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: JWKSMultipleMatchingKeys,
  ERR_JWT_EXPIRED: JWTExpired,
  ERR_JWT_CLAIM_VALIDATION_FAILED: JWTClaimValidationFailed,
  ERR_JWE_INVALID: JWEInvalid,
  ERR_JWE_DECRYPTION_FAILED: JWEDecryptionFailed,
};

const decoder = new TextDecoder();

// The error for a core status, given the failed call's outputs. A JSON problem in the payload is a
// JWT problem (jose's JWTInvalid); a claim that failed after the signature held is genuine, and
// jose reports the claims with it.
export function errorFromStatus(code, message, detail, { payload } = {}) {
  let ErrorClass = classByCode[code] ?? JOSEError;
  if (ErrorClass === JWSInvalid && detail === "payload") ErrorClass = JWTInvalid;
  const isClaim = ErrorClass === JWTClaimValidationFailed || ErrorClass.prototype instanceof JWTClaimValidationFailed;
  const where = detail && !isClaim ? ` (${detail})` : "";
  const error = new ErrorClass(`${message}${where}`, { code, detail });
  if (isClaim && payload) error.payload = JSON.parse(typeof payload === "string" ? payload : decoder.decode(payload));
  return error;
}

