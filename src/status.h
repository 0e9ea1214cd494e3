// One status enum for the whole library (errors are values; nothing throws).
// Each code has a stable string name, which is also the JS error's `code`: the names follow jose's
// where the meaning is the same. Numbers are stable too: append, never renumber.
#pragma once
#include <cstdint>

namespace edgejwt {

#define EDGEJWT_STATUS_LIST(X)                                                                \
  X(Ok, 0, "OK", "success")                                                                   \
  X(InvalidArgument, 1, "ERR_INVALID_ARGUMENT", "an argument to the call is malformed")      \
  X(OutOfMemory, 2, "ERR_OUT_OF_MEMORY", "memory could not be allocated")                    \
  X(InvalidHandle, 3, "ERR_INVALID_HANDLE", "the key or policy handle is unknown or released") \
  X(JwsInvalid, 10, "ERR_JWS_INVALID", "not a compact JWS: it must have exactly three parts")  \
  X(TokenTooLarge, 11, "ERR_TOKEN_TOO_LARGE", "the token is longer than the configured limit") \
  X(Base64UrlInvalid, 12, "ERR_BASE64URL_INVALID", "a part is not canonical unpadded base64url") \
  X(JsonInvalid, 13, "ERR_JSON_INVALID", "a part is not valid UTF-8 JSON")                    \
  X(JsonNotObject, 14, "ERR_JSON_NOT_OBJECT", "a part's JSON is not an object")               \
  X(JsonDuplicateKey, 15, "ERR_JSON_DUPLICATE_KEY", "a JSON object has a member name twice")  \
  X(JsonTooDeep, 16, "ERR_JSON_TOO_DEEP", "JSON nesting is deeper than the configured limit")  \
  X(JsonTooManyMembers, 17, "ERR_JSON_TOO_MANY_MEMBERS",                                      \
    "a JSON object or array has more entries than the configured limit")                      \
  X(HeaderInvalid, 18, "ERR_JWS_HEADER_INVALID",                                              \
    "a protected header member is missing or has the wrong type")                             \
  X(AlgNotSupported, 19, "ERR_JOSE_NOT_SUPPORTED", "the algorithm is unknown or unsupported")  \
  X(AlgNotAllowed, 20, "ERR_JOSE_ALG_NOT_ALLOWED",                                            \
    "the algorithm is not allowed by the policy or for the key")                              \
  X(SignatureLength, 21, "ERR_JWS_SIGNATURE_LENGTH",                                          \
    "the signature does not have the algorithm's exact length")                               \
  X(SignatureInvalid, 22, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED", "signature verification failed") \
  X(KeyTooShort, 23, "ERR_KEY_TOO_SHORT", "the key is shorter than the algorithm requires")    \
  X(KeyInvalid, 24, "ERR_KEY_INVALID", "the key material is malformed or unusable")          \
  X(PayloadTooLarge, 25, "ERR_PAYLOAD_TOO_LARGE", "the payload is larger than the configured limit") \
  X(HeaderTooLarge, 26, "ERR_HEADER_TOO_LARGE", "the header is larger than the configured limit") \
  X(KeyUnsupported, 27, "ERR_KEY_UNSUPPORTED", "the key type or curve is not supported")        \
  X(KeyUsageRefused, 28, "ERR_KEY_USAGE",                                                       \
    "the key may not be used for this operation (use, key_ops, alg, or a public key to sign)")  \
  X(JwtExpired, 30, "ERR_JWT_EXPIRED", "the token has expired (\"exp\")")                        \
  X(ClaimValidationFailed, 31, "ERR_JWT_CLAIM_VALIDATION_FAILED", "a claim failed validation") \
  X(DerInvalid, 32, "ERR_DER_INVALID", "the DER structure is malformed or not a supported key")  \
  X(PemInvalid, 33, "ERR_PEM_INVALID", "the PEM text is malformed or of an unsupported kind")  \
  X(JwkInvalid, 34, "ERR_JWK_INVALID", "the JWK is malformed or inconsistent")                \
  X(JwksInvalid, 35, "ERR_JWKS_INVALID", "the JWK Set is malformed")                         \
  X(JwksNoMatchingKey, 36, "ERR_JWKS_NO_MATCHING_KEY", "no key in the set matches the token") \
  X(JwksMultipleMatchingKeys, 37, "ERR_JWKS_MULTIPLE_MATCHING_KEYS",                          \
    "several keys in the set match the token and none is singled out")                       \
  X(RandomUnavailable, 38, "ERR_RANDOM_UNAVAILABLE", "the platform gave no secure randomness")   \
  X(CritInvalid, 39, "ERR_JWS_CRIT_INVALID",                                                    \
    "\"crit\" must be a non-empty array of unique extension names present in the header")      \
  X(CritNotUnderstood, 40, "ERR_JWS_CRIT_NOT_UNDERSTOOD",                                       \
    "\"crit\" names an extension the caller does not understand") \
  X(JweDecryptionFailed, 41, "ERR_JWE_DECRYPTION_FAILED",                                       \
    "decryption operation failed")

enum class Status : int32_t {
#define EDGEJWT_STATUS_ENUM(name, value, code, message) name = value,
  EDGEJWT_STATUS_LIST(EDGEJWT_STATUS_ENUM)
#undef EDGEJWT_STATUS_ENUM
};

// The stable code name ("ERR_…", or "OK"); "ERR_UNKNOWN" for a value outside the enum.
const char *status_name(Status status);
// One line saying what the code means, for error messages.
const char *status_message(Status status);

}  // namespace edgejwt
