// Size bounds a token (JWS or JWE) must stay within before any work is spent on it; every one
// configurable.
#pragma once
#include <cstddef>

#include "../encoding/json.h"

namespace edgejwt {

struct TokenLimits {
  size_t max_token_length = 64 * 1024;  // characters of the compact token
  size_t max_header_size = 4 * 1024;    // bytes of decoded header JSON
  size_t max_payload_size = 48 * 1024;  // bytes of decoded payload (a JWE's plaintext)
  JsonLimits json;
};

}  // namespace edgejwt
