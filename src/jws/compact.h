// JWS compact serialization (RFC 7515 §7.1): BASE64URL(header) "." BASE64URL(payload) "." BASE64URL(sig).
// Splitting finds the two dots in place; every part is a view into the caller's token.
#pragma once
#include <string_view>

#include "../status.h"

namespace edgejwt {

struct CompactParts {
  std::string_view header;         // base64url text of the protected header
  std::string_view payload;        // base64url text of the payload
  std::string_view signature;      // base64url text of the signature
  std::string_view signing_input;  // header "." payload, exactly as received: what was signed
};

// JwsInvalid unless there are exactly three parts and the header is non-empty;
// TokenTooLarge when the token is longer than `max_length`.
Status split_compact(std::string_view token, size_t max_length, CompactParts &parts);

}  // namespace edgejwt
