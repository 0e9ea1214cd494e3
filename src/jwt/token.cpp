#include "token.h"

#include "../jws/parts.h"

namespace edgejwt {

Status read_header_part(std::string_view token, const TokenLimits &limits, CompactParts &parts, DecodedToken &out) {
  out.detail.clear();
  if (Status status = split_compact(token, limits.max_token_length, parts); status != Status::Ok) return status;
  const Status status = decode_json_part(parts.header, limits.max_header_size, Status::HeaderTooLarge, limits.json,
                                         out.header_json, out.header_document);
  return status == Status::Ok ? Status::Ok : fail_in("header", status, out);
}

// The part is no longer than the token, which is within max_token_length: only its encoding can fail.
Status read_signature_part(const CompactParts &parts, const TokenLimits &limits, DecodedToken &out) {
  return decode_part(parts.signature, limits.max_token_length, Status::TokenTooLarge, out.signature) == Status::Ok
             ? Status::Ok
             : fail_in("signature", Status::Base64UrlInvalid, out);
}

Status read_payload_part(const CompactParts &parts, const TokenLimits &limits, PayloadKind kind, DecodedToken &out) {
  const Status status =
      kind == PayloadKind::Bytes
          ? decode_part(parts.payload, limits.max_payload_size, Status::PayloadTooLarge, out.payload)
          : decode_json_part(parts.payload, limits.max_payload_size, Status::PayloadTooLarge, limits.json, out.payload,
                             out.payload_document);
  return status == Status::Ok ? Status::Ok : fail_in("payload", status, out);
}

}  // namespace edgejwt
