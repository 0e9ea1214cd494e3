// Decoding one base64url part of a compact JWS or JWE, with its size bound checked before decoding.
#pragma once
#include <string>
#include <string_view>

#include "../encoding/base64url.h"
#include "../encoding/json.h"
#include "../status.h"
#include "limits.h"

namespace edgejwt {

// Decodes `text` into `out` (a std::string or a byte vector) unless its decoded size could exceed
// `max_size` (then `too_large`).
template <typename Bytes>
Status decode_part(std::string_view text, size_t max_size, Status too_large, Bytes &out) {
  if (base64url_decoded_size(text.size()) > max_size) return too_large;
  return base64url_decode(text, out);
}

// decode_part, then `out` must be a strict JSON object, parsed into `document`.
Status decode_json_part(std::string_view text, size_t max_size, Status too_large, const JsonLimits &limits,
                        std::string &out, JsonDocument &document);

// The protected header part: decode_json_part within the header's bound (HeaderTooLarge), with
// `detail` "header" on failure. The first step of reading a JWS and a JWE, once it is split.
Status decode_header_part(std::string_view text, const TokenLimits &limits, std::string &json, JsonDocument &document,
                          std::string &detail);

}  // namespace edgejwt
