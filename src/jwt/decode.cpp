#include "decode.h"

namespace edgejwt {

Status decode_protected_header(std::string_view token, const TokenLimits &limits, DecodedToken &out) {
  CompactParts parts;
  return read_header_part(token, limits, parts, out);
}

// Verify's steps and order, less what needs a key or a policy: header, signature, payload.
Status decode_jwt(std::string_view token, const TokenLimits &limits, DecodedToken &out) {
  CompactParts parts;
  if (Status status = read_header_part(token, limits, parts, out); status != Status::Ok) return status;
  if (Status status = read_signature_part(parts, limits, out); status != Status::Ok) return status;
  return read_payload_part(parts, limits, PayloadKind::JwtClaims, out);
}

}  // namespace edgejwt
