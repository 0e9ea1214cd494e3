// JWE compact serialization (RFC 7516 §7.1): BASE64URL(protected header) "." BASE64URL(encrypted
// key) "." BASE64URL(IV) "." BASE64URL(ciphertext) "." BASE64URL(tag). Splitting finds the four
// dots in place; every part is a view into the caller's token.
#pragma once
#include <cstddef>
#include <string_view>

#include "../status.h"

namespace edgejwt {

struct JweParts {
  std::string_view header;  // base64url text of the protected header, also the AAD (RFC 7516 §5.1 step 14)
  std::string_view encrypted_key;
  std::string_view iv;
  std::string_view ciphertext;
  std::string_view tag;
};

// JweInvalid unless there are exactly five parts and the header is not empty (a compact JWE has no
// unprotected header to carry "alg" and "enc"); TokenTooLarge when the token is longer than
// `max_length`, before anything else is looked at.
Status split_jwe(std::string_view token, size_t max_length, JweParts &parts);

}  // namespace edgejwt
