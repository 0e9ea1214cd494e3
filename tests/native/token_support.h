// Keys and tokens for the native tests of keys, JWS and JWT: keys imported as a caller imports
// them, and tokens signed correctly or over parts given as they are.
#pragma once
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "encoding/base64url.h"
#include "jwt/sign.h"
#include "keys/formats.h"

namespace edgejwt::test {

// A key imported from `data` in `format`, bound to `alg` when one is given; the import must succeed.
inline Key imported(KeyImportFormat format, ByteView data, std::string_view alg = {}) {
  Key key;
  std::string detail;
  EXPECT_EQ(import_key(format, data, alg, key, detail), Status::Ok) << detail;
  return key;
}

// An HMAC secret of `size` bytes, each `fill`.
inline Key secret_key(size_t size, uint8_t fill = 7) {
  return imported(KeyImportFormat::Secret, std::vector<uint8_t>(size, fill));
}

inline std::string b64(std::string_view text) {
  std::string out;
  base64url_encode(text, out);
  return out;
}

// A token with the given header and payload JSON, correctly signed with `key`.
inline std::string signed_token(const Key &key, std::string_view header, std::string_view payload) {
  DecodedToken scratch;
  std::string token;
  EXPECT_EQ(sign_jws(key, header, payload, PayloadKind::JwtClaims, TokenLimits{}, scratch, token), Status::Ok)
      << scratch.detail;
  return token;
}

// A token whose parts are given as is, with an HS256 signature by `key` over them.
inline std::string token_over(const Key &key, std::string_view header_b64, std::string_view payload_b64) {
  const std::string signing_input = std::string(header_b64) + "." + std::string(payload_b64);
  std::vector<uint8_t> signature(32);
  key.as<HmacSecret>()->pads.mac(Hash::Sha256, signing_input, signature.data());
  std::string token = signing_input + ".";
  base64url_encode(signature, token);
  return token;
}

}  // namespace edgejwt::test
