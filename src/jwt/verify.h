// Verifying a JWT (the product's hot path), one named step after another; see verify.cpp.
#pragma once
#include <string_view>

#include "../keys/key.h"
#include "../status.h"
#include "policy.h"
#include "token.h"

namespace edgejwt {

// Ok when `token` is a compact JWS signed by `key` with an allowed algorithm, whose payload is a
// JSON object whose time claims hold at `now` (seconds since the epoch). `out` holds the decoded
// header and payload either way, as far as verification got.
Status verify_jwt(const Key &key, const VerifyPolicy &policy, std::string_view token, double now, DecodedToken &out);

}  // namespace edgejwt
