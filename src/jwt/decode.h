// Decoding without verifying, for inspection only: nothing decoded here may be trusted.
#pragma once
#include <string_view>

#include "../jws/limits.h"
#include "../status.h"
#include "token.h"

namespace edgejwt {

// Ok when `token` is well-formed: three parts, canonical base64url, header and payload strict
// JSON objects. The parts are read by verify's steps in verify's order (token.h), so a malformed
// part fails with the same status and detail in both; a signature part that is not canonical
// base64url is Base64UrlInvalid ("signature") before the payload is looked at. The algorithm is
// not checked, so even an unsecured ("alg": "none") token decodes.
Status decode_jwt(std::string_view token, const TokenLimits &limits, DecodedToken &out);

// Only the protected header of any compact JWS, for choosing a key before verifying (jose's
// decodeProtectedHeader); the payload may be anything.
Status decode_protected_header(std::string_view token, const TokenLimits &limits, DecodedToken &out);

}  // namespace edgejwt
