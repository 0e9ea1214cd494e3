// Registered time claims (RFC 7519 §4.1.4-4.1.5), checked only after the signature holds.
#pragma once
#include <string>

#include "../encoding/json.h"
#include "../status.h"

namespace edgejwt {

// JwtExpired when exp <= now - tolerance; ClaimValidationFailed when nbf > now + tolerance or a
// time claim is not a JSON number. `detail` becomes "<claim>:<reason>" (jose's reason words).
Status check_time_claims(const JsonValue &payload, double now, double tolerance, std::string &detail);

}  // namespace edgejwt
