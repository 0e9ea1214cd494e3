// Decoding one base64url part of a compact JWS, with its size bound checked before decoding.
#pragma once
#include <string>
#include <string_view>

#include "../encoding/json.h"
#include "../status.h"

namespace edgejwt {

// Decodes `text` into `out` unless its decoded size could exceed `max_size` (then `too_large`).
Status decode_part(std::string_view text, size_t max_size, Status too_large, std::string &out);

// decode_part, then `out` must be a strict JSON object, parsed into `document`.
Status decode_json_part(std::string_view text, size_t max_size, Status too_large, const JsonLimits &limits,
                        std::string &out, JsonDocument &document);

}  // namespace edgejwt
