#include "decode.h"

#include "../jws/compact.h"
#include "../jws/parts.h"

namespace edgejwt {
namespace {

Status decode_header_part(std::string_view token, const TokenLimits &limits, DecodedToken &out, CompactParts &parts) {
  out.detail.clear();
  if (Status status = split_compact(token, limits.max_token_length, parts); status != Status::Ok) return status;
  const Status status = decode_json_part(parts.header, limits.max_header_size, Status::HeaderTooLarge, limits.json,
                                         out.header_json, out.header_document);
  return status == Status::Ok ? Status::Ok : fail_in("header", status, out);
}

}  // namespace

Status decode_protected_header(std::string_view token, const TokenLimits &limits, DecodedToken &out) {
  CompactParts parts;
  return decode_header_part(token, limits, out, parts);
}

Status decode_jwt(std::string_view token, const TokenLimits &limits, DecodedToken &out) {
  CompactParts parts;
  if (Status status = decode_header_part(token, limits, out, parts); status != Status::Ok) return status;
  if (Status status = decode_json_part(parts.payload, limits.max_payload_size, Status::PayloadTooLarge, limits.json,
                                       out.payload, out.payload_document);
      status != Status::Ok) {
    return fail_in("payload", status, out);
  }
  if (Status status = decode_part(parts.signature, limits.max_token_length, Status::TokenTooLarge, out.signature);
      status != Status::Ok) {
    return fail_in("signature", status, out);
  }
  return Status::Ok;
}

}  // namespace edgejwt
