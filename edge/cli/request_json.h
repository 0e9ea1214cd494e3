// The JSON the command hands the C ABI, built from its arguments with RapidJSON's Writer (so every
// string is escaped properly): the verify policy, the protected header, and the claims to sign.
#pragma once
#include <string>
#include <string_view>

#include "arguments.h"

namespace edgejwt::cli {

// edgejwt_policy_create's options, under jose's names, holding only what was given.
std::string policy_json(const Arguments &arguments);

// {"alg": the one --alg, "typ": --typ or "JWT", "kid": --kid when given}.
std::string header_json(const Arguments &arguments);

// The claims object with "iat" set to `issued_at` and, with --expires-in, "exp" to issued_at plus
// it; members of those names are replaced, everything else is copied (numbers as written).
// False when `claims` is not a JSON object RapidJSON reads: the caller then hands the claims to the
// core unchanged, whose strict parser names the fault.
bool stamp_claims(std::string_view claims, double issued_at, const Arguments &arguments, std::string &out);

}  // namespace edgejwt::cli
