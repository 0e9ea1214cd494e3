// Decoding without verifying, for inspection only: nothing decoded here may be trusted.
#pragma once
#include <string_view>

#include "../jose/limits.h"
#include "../status.h"
#include "token.h"

namespace edgejwt {

// Ok when `token` is well-formed: three parts, canonical base64url, header and payload strict
// JSON objects. The parts are read by verify's steps in verify's order (token.h), so a malformed
// part fails with the same status and detail in both; a signature part that is not canonical
// base64url is Base64UrlInvalid ("signature") before the payload is looked at. The algorithm is
// not checked, so even an unsecured ("alg": "none") token decodes.
Status decode_jwt(std::string_view token, const TokenLimits &limits, DecodedToken &out);

// Only the protected header of any compact JWS or JWE (its first part), for choosing a key before
// verifying or decrypting (jose's decodeProtectedHeader); the other parts may be anything.
Status decode_protected_header(std::string_view token, const TokenLimits &limits, DecodedToken &out);

// Only the payload of a compact JWS, a strict JSON object: the claims of a JWT, whatever its header
// and signature parts hold (jose's decodeJwt).
Status decode_jwt_payload(std::string_view token, const TokenLimits &limits, DecodedToken &out);

}  // namespace edgejwt
