// The claims of a JWT whose signature holds, against the caller's policy (RFC 7519 §4.1,
// RFC 8725 §3.8-3.11): registered claims must have their types, required ones must be present,
// expected values must match, and the times must hold at `now`.
#pragma once
#include <limits>
#include <string>

#include "../encoding/json.h"
#include "../jws/header.h"
#include "../status.h"
#include "policy.h"

namespace edgejwt {

// NumericDates edgejwt accepts: finite, not before the epoch, not after 9999-12-31T23:59:59Z.
constexpr double kMaxNumericDate = 253402300799;

// The instants `now` at which a token's time claims hold: from <= now < until.
struct TimeWindow {
  double from = -std::numeric_limits<double>::infinity();
  double until = std::numeric_limits<double>::infinity();
};

// JwtExpired when exp <= now - tolerance, or "iat" is older than maxTokenAge + tolerance;
// ClaimValidationFailed otherwise. `detail` becomes "<claim>:<reason>", with jose's reasons:
// "missing", "invalid" (wrong type or out of range), "check_failed" (wrong value or time).
// "typ" is checked here too, as jose does: it is a claim about the token's kind. On success
// `window` is when the time claims hold (every other check depends on the token and policy alone).
Status check_claims(const JsonValue &payload, const ProtectedHeader &header, const VerifyPolicy &policy, double now,
                    std::string &detail, TimeWindow &window);

}  // namespace edgejwt
