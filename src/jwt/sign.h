// Signing a JWS or JWT: the caller supplies the header as JSON and the payload (claims JSON for a
// JWT); the core checks them strictly, checks the header's "alg" against the key, and produces the
// compact token.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "../jose/limits.h"
#include "../keys/key.h"
#include "../status.h"
#include "token.h"

namespace edgejwt {

// On success `token` holds the compact JWS; on failure `scratch.detail` names the bad part.
// The header is held to what a verifier requires of it (RFC 7515 §4.1.11): a "crit" names unique,
// non-standard members present in the header (CritInvalid), and, when `understood` is given (the
// extensions the signer declares it understands: jose's sign option `crit`), only those
// (CritNotUnderstood). Null `understood` checks the form alone (a header the library writes itself);
// the C ABI's edgejwt_sign and edgejwt_compact_sign pass their policy's "crit".
Status sign_jws(const Key &key, std::string_view header_json, ByteView payload, PayloadKind kind,
                const TokenLimits &limits, DecodedToken &scratch, std::string &token,
                const std::vector<std::string> *understood = nullptr);

}  // namespace edgejwt
