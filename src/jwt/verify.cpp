#include "verify.h"

#include "../jws/compact.h"
#include "../jws/parts.h"
#include "../jws/signature.h"
#include "claims.h"

namespace edgejwt {
namespace {

// Step 3: the algorithm must be on the caller's allowlist (or, without one, usable with the key).
Status check_algorithm(Algorithm alg, const Key &key, const VerifyPolicy &policy) {
  const AlgorithmSet allowed = policy.has_algorithms ? policy.algorithms : key.usable_algorithms();
  if (!allowed.contains(alg)) return Status::AlgNotAllowed;
  if (!AlgorithmSet::of_family(key.family()).contains(alg)) return Status::AlgNotAllowed;
  return Status::Ok;
}

}  // namespace

Status verify_jwt(const Key &key, const VerifyPolicy &policy, std::string_view token, double now, DecodedToken &out) {
  const TokenLimits &limits = policy.limits;
  out.detail.clear();

  // 1. split: find the two dots in place, within the length cap.
  CompactParts parts;
  if (Status status = split_compact(token, limits.max_token_length, parts); status != Status::Ok) return status;

  // 2. header: strict base64url, strict JSON object, then the members we act on.
  if (Status status = decode_json_part(parts.header, limits.max_header_size, Status::HeaderTooLarge, limits.json,
                                       out.header_json, out.header_document);
      status != Status::Ok) {
    return fail_in("header", status, out);
  }
  if (Status status = read_protected_header(out.header_document, out.header); status != Status::Ok) {
    return fail_in("header", status, out);
  }

  // 3. policy, 4. key: one key is given; key sets select before this point.
  if (Status status = check_algorithm(out.header.alg, key, policy); status != Status::Ok) return status;

  // 5. signature: exact encoding and length, then the primitive, over the bytes as received.
  if (Status status = decode_part(parts.signature, limits.max_token_length, Status::TokenTooLarge, out.signature);
      status != Status::Ok) {
    return fail_in("signature", status, out);
  }
  if (Status status = check_signature(key, out.header.alg, parts.signing_input, out.signature); status != Status::Ok) {
    return status;
  }

  // 6. claims: the payload is looked at only once its signature holds.
  if (Status status = decode_json_part(parts.payload, limits.max_payload_size, Status::PayloadTooLarge, limits.json,
                                       out.payload, out.payload_document);
      status != Status::Ok) {
    return fail_in("payload", status, out);
  }
  return check_time_claims(out.payload_document, now, policy.clock_tolerance, out.detail);
}

}  // namespace edgejwt
