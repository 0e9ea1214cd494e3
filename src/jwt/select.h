// Which key of a set a token would be verified with, asked with its protected header alone: jose's
// key resolver (createLocalJWKSet's function) answers this before any token is verified, and must
// answer as verification will (the same KeySet::select, by "alg" and "kid").
#pragma once
#include <cstddef>
#include <string_view>

#include "../jose/limits.h"
#include "../status.h"
#include "token.h"
#include "verify.h"

namespace edgejwt {

// Ok with `index` the chosen key's position in the set (0 for a single key). The header is held to
// verify's rules short of a policy (its "crit" is the verifier's to judge): HeaderTooLarge over the
// limits' header size, a strict JSON object, "alg" known; then JwksNoMatchingKey or
// JwksMultipleMatchingKeys (`out.detail` the candidates' positions) as verify reports them.
Status select_key(const VerificationKeys &keys, std::string_view header_json, const TokenLimits &limits,
                  DecodedToken &out, size_t &index);

}  // namespace edgejwt
