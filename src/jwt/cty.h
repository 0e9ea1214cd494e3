// "cty": "JWT", the mark of a nested JWT (RFC 7519 §5.2): a JWE (or JWS) whose payload is itself a
// JWT. Producers of nested tokens write it, producers of plain encrypted JWTs must not, and a
// recipient verifies the inner token only when it is there.
#pragma once
#include <string>
#include <string_view>

#include "../encoding/json.h"
#include "../status.h"

namespace edgejwt {

// Whether the header's "cty" is "JWT" (compared without case, as media types are).
bool names_nested_jwt(const JsonValue &header);

// `header_json` (a JSON object) with "cty": "JWT" added when it has no "cty": the JSON statuses
// ("header") for a header that is not an object, InvalidArgument ("cty") for another "cty".
Status with_nested_cty(std::string_view header_json, const JsonLimits &limits, std::string &out, std::string &detail);

}  // namespace edgejwt
