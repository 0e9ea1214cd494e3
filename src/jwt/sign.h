// Signing a JWT: the caller supplies the header and claims as JSON; the core checks both strictly,
// checks the header's "alg" against the key, and produces the compact token.
#pragma once
#include <string>
#include <string_view>

#include "../jws/limits.h"
#include "../keys/key.h"
#include "../status.h"
#include "token.h"

namespace edgejwt {

// On success `token` holds the compact JWS; on failure `scratch.detail` names the bad part.
Status sign_jwt(const Key &key, std::string_view header_json, std::string_view payload_json, const TokenLimits &limits,
                DecodedToken &scratch, std::string &token);

}  // namespace edgejwt
