// Reading a protected header's optional members as JWS and JWE both do: typed, or refused.
#pragma once
#include <string>
#include <string_view>

#include "../encoding/json.h"
#include "../status.h"

namespace edgejwt {

// An optional string member: absent is fine (`present` false), present must be a string, else
// `invalid` with `detail` the member's name.
Status read_optional_string(const JsonValue &header, const char *name, Status invalid, std::string_view &out,
                            bool &present, std::string &detail);

}  // namespace edgejwt
