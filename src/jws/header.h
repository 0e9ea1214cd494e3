// The protected header members the verifier acts on (RFC 7515 §4.1, RFC 7797, RFC 8725), read and
// checked once.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "../encoding/json.h"
#include "../status.h"
#include "../jwa/algorithm.h"

namespace edgejwt {

struct ProtectedHeader {
  Algorithm alg = Algorithm::HS256;
  std::string_view kid;  // empty when absent; views into the parsed header document
  std::string_view typ;
  bool has_kid = false;
  bool has_typ = false;
};

// What a caller accepts in a header beyond the standard members.
struct HeaderRules {
  // Extension names the caller understands; "crit" may only list these (RFC 7515 §4.1.11).
  // Null: every well-formed "crit" is accepted (the signer's own header).
  const std::vector<std::string> *understood = nullptr;
  size_t max_kid_length = 256;
};

// HeaderInvalid when "alg" is missing or not a string, "kid"/"typ" are not strings, "b64" is not
// true (unencoded payloads are not supported), or "zip"
// is present (JWE only); AlgNotSupported for an unknown "alg" (including "none"); CritInvalid for a
// malformed "crit", CritNotUnderstood for an extension outside the rules; HeaderTooLarge when "kid"
// is longer than the rules allow. `detail` names the member.
Status read_protected_header(const JsonValue &header, const HeaderRules &rules, ProtectedHeader &out,
                             std::string &detail);

}  // namespace edgejwt
