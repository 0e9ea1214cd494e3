// Well-formed UTF-8 (RFC 3629; Unicode table 3-7): no overlong forms, no encoded surrogates
// (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequence.
#pragma once
#include <string_view>

namespace edgejwt {

bool is_well_formed_utf8(std::string_view text);

}  // namespace edgejwt
