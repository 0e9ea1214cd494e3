// The protected header members the verifier acts on (RFC 7515 §4.1), read and type-checked once.
#pragma once
#include <string_view>

#include "../encoding/json.h"
#include "../status.h"
#include "algorithm.h"

namespace edgejwt {

struct ProtectedHeader {
  Algorithm alg = Algorithm::HS256;
  std::string_view kid;  // empty when absent; views into the parsed header document
  std::string_view typ;
  bool has_kid = false;
};

// HeaderInvalid when "alg" is missing or not a string, a known member has the wrong type, or the
// header asks for something edgejwt does not do ("crit" extensions, "b64": false, "zip");
// AlgNotSupported for an unknown "alg" (including "none").
Status read_protected_header(const JsonValue &header, ProtectedHeader &out);

}  // namespace edgejwt
