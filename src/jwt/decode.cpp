#include "decode.h"

#include "../jose/compact.h"
#include "../jose/parts.h"

namespace edgejwt {

// The first part of three (a JWS) or five (a JWE) is the protected header in both.
Status decode_protected_header(std::string_view token, const TokenLimits &limits, DecodedToken &out) {
  out.detail.clear();
  if (token.size() > limits.max_token_length) return Status::TokenTooLarge;
  std::string_view parts[5];
  if (!split_parts(token, parts, 3) && !split_parts(token, parts, 5)) return Status::JwsInvalid;
  return decode_header_part(parts[0], limits, out.header_json, out.header_document, out.detail);
}

// Verify's steps and order, less what needs a key or a policy: header, signature, payload.
Status decode_jwt(std::string_view token, const TokenLimits &limits, DecodedToken &out) {
  CompactParts parts;
  if (Status status = read_header_part(token, limits, parts, out); status != Status::Ok) return status;
  if (Status status = read_signature_part(parts, limits, out); status != Status::Ok) return status;
  return read_payload_part(parts, limits, PayloadKind::JwtClaims, out);
}

Status decode_jwt_payload(std::string_view token, const TokenLimits &limits, DecodedToken &out) {
  out.detail.clear();
  CompactParts parts;
  if (Status status = split_compact(token, limits.max_token_length, parts); status != Status::Ok) return status;
  return read_payload_part(parts, limits, PayloadKind::JwtClaims, out);
}

}  // namespace edgejwt
