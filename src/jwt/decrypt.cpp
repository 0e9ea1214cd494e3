#include "decrypt.h"

#include "cty.h"

namespace edgejwt {
namespace {

Status fail(Status status, std::string_view detail, DecryptedJwt &out) {
  out.detail.assign(detail.data(), detail.size());
  return status;
}

// RFC 7519 §5.3: a claim the producer copied into the protected header must be the claim.
Status check_replicated_claims(const JsonValue &header, const JsonValue &claims, DecryptedJwt &out) {
  for (const char *name : {"iss", "sub", "aud"}) {
    const JsonValue *replicated = find_member(header, name);
    if (!replicated) continue;
    const JsonValue *claim = find_member(claims, name);
    if (!claim || *claim != *replicated) return fail(Status::ClaimValidationFailed, std::string(name) + ":mismatch", out);
  }
  return Status::Ok;
}

// The JWE decrypted, with `nested` saying whether its "cty" must be "JWT" or must not be: it is read
// from the header before anything is decrypted.
Status decrypt_expecting(const DecryptionKeys &keys, const DecryptionPolicy &decryption, std::string_view token,
                         bool nested, DecryptedJwt &out) {
  out.detail.clear();
  DecryptedJwe &jwe = out.jwe;
  if (Status status = decode_jwe_header(token, decryption.limits, jwe); status != Status::Ok) {
    return fail(status, jwe.detail, out);
  }
  if (names_nested_jwt(jwe.header_document.root()) != nested) return fail(Status::JweInvalid, "cty", out);
  const Status status = decrypt_jwe(keys, decryption, token, jwe);
  return status == Status::Ok ? Status::Ok : fail(status, jwe.detail, out);
}

}  // namespace

Status decrypt_jwt(const DecryptionKeys &keys, const DecryptionPolicy &decryption, const VerifyPolicy &claims_policy,
                   std::string_view token, double now, DecryptedJwt &out) {
  if (Status status = decrypt_expecting(keys, decryption, token, false, out); status != Status::Ok) return status;
  const DecryptedJwe &jwe = out.jwe;
  if (Status status = parse_json_object(jwe.plaintext, decryption.limits.json, out.claims); status != Status::Ok) {
    return fail(status, "payload", out);
  }
  ProtectedHeader typ;  // what check_claims reads of a header: its "typ"
  typ.typ = jwe.header.typ;
  typ.has_typ = jwe.header.has_typ;
  if (Status status = check_claims(out.claims.root(), typ, claims_policy, now, out.detail, out.window);
      status != Status::Ok) {
    return status;
  }
  return check_replicated_claims(jwe.header_document.root(), out.claims.root(), out);
}

Status decrypt_nested_jws(const DecryptionKeys &keys, const DecryptionPolicy &decryption, std::string_view token,
                          DecryptedJwt &out) {
  return decrypt_expecting(keys, decryption, token, true, out);
}

Status decrypt_and_verify(const DecryptionKeys &decryption_keys, const DecryptionPolicy &decryption,
                          const VerificationKeys &verification_keys, const VerifyPolicy &verification,
                          std::string_view token, double now, DecryptedJwt &out) {
  if (Status status = decrypt_nested_jws(decryption_keys, decryption, token, out); status != Status::Ok) {
    return status;
  }
  const Status status = verify_jws(verification_keys, verification, PayloadKind::JwtClaims, out.jwe.plaintext, now,
                                   out.inner);
  out.window = out.inner.window;
  return status == Status::Ok ? Status::Ok : fail(status, out.inner.detail, out);
}

}  // namespace edgejwt
