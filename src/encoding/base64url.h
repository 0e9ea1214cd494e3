// Strict base64url (RFC 4648 §5) as JWS requires (RFC 7515 §2): alphabet A-Z a-z 0-9 - _ only,
// no padding, no whitespace, length mod 4 never 1, and the unused low bits of the last character
// zero, so every byte string has exactly one accepted encoding.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "../bytes.h"
#include "../status.h"

namespace edgejwt {

size_t base64url_encoded_size(size_t byte_count);
// The size `text_length` characters decode to (when they decode at all).
size_t base64url_decoded_size(size_t text_length);
// Appends the encoding of `bytes` to `out`.
void base64url_encode(ByteView bytes, std::string &out);

// Replaces `out` with the decoding of `text`; Base64UrlInvalid on any non-canonical input.
Status base64url_decode(std::string_view text, std::vector<uint8_t> &out);
Status base64url_decode(std::string_view text, std::string &out);

}  // namespace edgejwt
