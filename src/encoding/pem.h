// PEM (RFC 7468), strictly: one "-----BEGIN <label>-----" line and its matching END line around
// lines of standard base64 (RFC 4648 §4, the '+' '/' alphabet, padded; not base64url), and
// nothing but whitespace around the line breaks.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "../bytes.h"
#include "../status.h"

namespace edgejwt {

// Larger texts are refused before they are looked at: the biggest key we read is a few KiB.
constexpr size_t kMaxPemTextSize = 64 * 1024;

// Decodes the one PEM block in `text` into `der` (replaced); `label` views into `text`. Text
// before and after the block is ignored, a second block is not. PemInvalid for a text larger
// than kMaxPemTextSize, a missing, mismatched or malformed BEGIN/END line, a character outside
// the alphabet, missing or misplaced padding, non-zero unused bits or an empty body;
// KeyUnsupported for RFC 1421 headers ("Proc-Type: 4,ENCRYPTED"), which only encrypted keys have.
Status pem_decode(std::string_view text, std::string_view &label, std::vector<uint8_t> &der);

// One value in standard padded base64, as a JWK's "x5c" certificates are (RFC 7517 §4.7);
// PemInvalid for anything but its one canonical encoding of at least one byte.
Status base64_decode(std::string_view text, std::vector<uint8_t> &out);

// Replaces `out` with "-----BEGIN <label>-----\n", `der` in base64 lines of 64 characters, and
// "-----END <label>-----\n".
void pem_encode(std::string_view label, ByteView der, std::string &out);

}  // namespace edgejwt
