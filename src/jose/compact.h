// The compact serializations' shape (RFC 7515 §7.1, RFC 7516 §7.1): base64url parts separated by
// dots, three for a JWS and five for a JWE. Splitting finds the dots in place; every part is a view
// into the caller's token.
#pragma once
#include <cstddef>
#include <string_view>

namespace edgejwt {

// True when `token` has exactly `count` dot-separated parts and the first (the protected header,
// which every compact JWS and JWE has) is not empty; `parts` then receives them.
bool split_parts(std::string_view token, std::string_view *parts, size_t count);

}  // namespace edgejwt
