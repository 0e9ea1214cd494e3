// Small helpers shared by the native tests.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "encoding/base64url.h"

namespace edgejwt::test {

inline std::vector<uint8_t> from_hex(std::string_view hex) {
  std::vector<uint8_t> bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) bytes.push_back(static_cast<uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return bytes;
}

inline std::string to_hex(const uint8_t *bytes, size_t size) {
  static const char digits[] = "0123456789abcdef";
  std::string hex;
  for (size_t i = 0; i < size; ++i) {
    hex.push_back(digits[bytes[i] >> 4]);
    hex.push_back(digits[bytes[i] & 15]);
  }
  return hex;
}

inline std::string base64url_of_hex(std::string_view hex) {
  std::string out;
  base64url_encode(from_hex(hex), out);
  return out;
}

inline std::vector<uint8_t> from_base64url(std::string_view text) {
  std::vector<uint8_t> bytes;
  base64url_decode(text, bytes);
  return bytes;
}

// RFC 7515 Appendix A.1: an HS256 JWS and its key.
constexpr std::string_view kRfc7515A1Key =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
constexpr std::string_view kRfc7515A1Token =
    "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
    ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
    ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr double kRfc7515A1Exp = 1300819380;

}  // namespace edgejwt::test
