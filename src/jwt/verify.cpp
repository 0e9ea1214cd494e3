#include "verify.h"

#include "../jws/signature.h"
#include "claims.h"

namespace edgejwt {
namespace {

// Step 3: the algorithm must be on the caller's allowlist (or, without one, usable with the key).
// A key that cannot serve it says why (another family, a secret too short for it, bound to another
// alg or use), with the detail "key": the key's fault, not the allowlist's.
Status check_algorithm(Algorithm alg, const Key &key, const VerifyPolicy &policy, std::string &detail) {
  if (policy.has_algorithms) return policy.algorithms.contains(alg) ? Status::Ok : Status::AlgNotAllowed;
  if (key.usable_algorithms().contains(alg)) return Status::Ok;
  detail = "key";
  const Status status = key.check_operation(KeyOperation::Verify, alg);
  return status == Status::Ok ? Status::AlgNotAllowed : status;
}

// Step 4: the given key, or the set's one key for this header.
Status choose_key(const VerificationKeys &keys, const VerifyPolicy &policy, DecodedToken &out, const Key *&key) {
  if (keys.key) {
    key = keys.key;
    return Status::Ok;
  }
  // A set has no single key to derive an allowlist from: the caller's, or each family's own.
  if (policy.has_algorithms && !policy.algorithms.contains(out.header.alg)) return Status::AlgNotAllowed;
  const std::optional<std::string_view> kid = out.header.has_kid ? std::optional(out.header.kid) : std::nullopt;
  if (Status status = keys.set->select(out.header.alg, kid, out.key_index, out.detail); status != Status::Ok) return status;
  key = &keys.set->key(out.key_index);
  return Status::Ok;
}

// Steps 1 to 5a: the token read as far as its signature, and the key it must verify under.
Status read_up_to_signature(const VerificationKeys &keys, const VerifyPolicy &policy, std::string_view token,
                            CompactParts &parts, DecodedToken &out, const Key *&key) {
  const TokenLimits &limits = policy.limits;
  out.key_index = 0;

  // 1. split: find the two dots in place, within the length cap; 2. header: strict base64url,
  // strict JSON object, then the members we act on.
  if (Status status = read_header_part(token, limits, parts, out); status != Status::Ok) return status;
  if (Status status = read_protected_header(out.header_document.root(), policy.header_rules(), out.header, out.detail);
      status != Status::Ok) {
    return status;
  }

  // 3. policy and 4. key.
  if (Status status = choose_key(keys, policy, out, key); status != Status::Ok) return status;
  if (Status status = check_algorithm(out.header.alg, *key, policy, out.detail); status != Status::Ok) return status;

  // 5a. signature encoding: canonical base64url.
  return read_signature_part(parts, limits, out);
}

}  // namespace

Status prepare_verification(const VerificationKeys &keys, const VerifyPolicy &policy, std::string_view token,
                            CompactParts &parts, DecodedToken &out, const Key *&key) {
  if (Status status = read_up_to_signature(keys, policy, token, parts, out, key); status != Status::Ok) return status;
  // 5b, short of the primitive, which is the host's.
  return check_signature_encoding(*key, out.header.alg, out.signature);
}

Status finish_verification(const VerifyPolicy &policy, PayloadKind kind, const CompactParts &parts, double now,
                           DecodedToken &out) {
  // 6. payload and claims: looked at only once the signature holds.
  if (Status status = read_payload_part(parts, policy.limits, kind, out); status != Status::Ok) return status;
  if (kind == PayloadKind::Bytes) return Status::Ok;
  return check_claims(out.payload_document.root(), out.header, policy, now, out.detail, out.window);
}

Status verify_jws(const VerificationKeys &keys, const VerifyPolicy &policy, PayloadKind kind, std::string_view token,
                  double now, DecodedToken &out) {
  CompactParts parts;
  const Key *key = nullptr;
  if (Status status = read_up_to_signature(keys, policy, token, parts, out, key); status != Status::Ok) return status;
  // 5b. signature: its encoding, then the primitive, over the signing input exactly as received.
  if (Status status = check_signature(*key, out.header.alg, parts.signing_input, out.signature); status != Status::Ok) {
    return status;
  }
  return finish_verification(policy, kind, parts, now, out);
}

}  // namespace edgejwt
