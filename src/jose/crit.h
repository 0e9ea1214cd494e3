// "crit" (RFC 7515 §4.1.11, RFC 7516 §4.1.13): the header extensions a recipient must understand
// before it may act on a JWS or JWE, read the same way for both.
#pragma once
#include <string>
#include <vector>

#include "../encoding/json.h"
#include "../status.h"

namespace edgejwt {

// Ok when `header` has no "crit", or a "crit" that is a non-empty array of unique non-empty names,
// none of them a header parameter RFC 7515, 7516 or 7518 defines, each present in the header
// (else CritInvalid) and each in `understood` (else CritNotUnderstood, `detail` the name). Null
// `understood`: every well-formed "crit" is accepted (the producer's own header). The form is
// checked whole before any name is looked up, so a malformed "crit" is always reported as such.
Status check_crit(const JsonValue &header, const std::vector<std::string> *understood, std::string &detail);

}  // namespace edgejwt
