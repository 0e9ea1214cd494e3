// What the JWE tests share: keys for any "alg" (and "enc", and curve), a token encrypted as a
// producer makes it, a decryption's status and outputs, and tokens rebuilt from changed parts.
#pragma once
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "encoding/base64url.h"
#include "jwe/decrypt.h"
#include "jwe/encrypt.h"
#include "keys/formats.h"
#include "keys/generate.h"
#include "keys/jwk.h"
#include "pkix_fixtures.h"
#include "rfc7520_jwe.h"

namespace edgejwt::test {

// `material` as a key for encryption bound to `alg` (may be empty), which must succeed.
inline Key encryption_key_of(KeyMaterial material, std::string_view alg = {}) {
  Key key;
  KeyUsage usage;
  usage.alg = alg;
  std::string detail;
  EXPECT_EQ(Key::create(KeyUse::Encryption, std::move(material), std::move(usage), key, detail), Status::Ok) << detail;
  return key;
}

// A private key for `alg` (for "dir", a content key for `enc`; for ECDH-ES, on `curve`): a new one,
// but for RSA-OAEP the 2048-bit fixture (generating RSA keys would dominate the tests' time).
inline Key encryption_key(KeyManagement alg, ContentEncryption enc, KeyFamily curve = KeyFamily::EcP256) {
  if (key_management_mode(alg) == KeyManagementMode::RsaOaep) {
    Key key;
    std::string detail;
    EXPECT_EQ(import_key(KeyImportFormat::Pem, kRsa2048.pkcs8_pem, KeyUse::Encryption, key_management_name(alg), key,
                         detail),
              Status::Ok);
    return key;
  }
  Key key;
  const Status status = alg == KeyManagement::Dir
                            ? generate_content_key(enc, key)
                            : generate_encryption_key(alg, {is_key_agreement(alg) ? std::optional(curve) : std::nullopt, 0}, key);
  EXPECT_EQ(status, Status::Ok);
  return key;
}

// Another private key of the same kind: a new one, or for RSA-OAEP RFC 7520's 4096-bit key.
inline Key another_encryption_key(KeyManagement alg, ContentEncryption enc, KeyFamily curve = KeyFamily::EcP256) {
  if (key_management_mode(alg) == KeyManagementMode::RsaOaep) {
    return encryption_key_of(private_key(kSamwiseKey), key_management_name(alg));
  }
  return encryption_key(alg, enc, curve);
}

// The key that encrypts to `key`: its public half (made in `public_key`), or a secret itself.
inline const Key &encrypting_key(const Key &key, Key &public_key) {
  if (key.is_secret()) return key;
  EXPECT_EQ(key.public_key(public_key), Status::Ok);
  return public_key;
}

inline std::string jwe_header(KeyManagement alg, ContentEncryption enc, std::string_view extra = "") {
  return R"({"alg":")" + std::string(key_management_name(alg)) + R"(","enc":")" +
         std::string(content_encryption_name(enc)) + "\"" + std::string(extra) + "}";
}

// A token encrypted to `key`, which must succeed.
inline std::string encrypted(const Key &key, std::string_view header, std::string_view plaintext,
                             const TokenLimits &limits = TokenLimits{}) {
  std::string token, detail;
  EXPECT_EQ(encrypt_jwe(key, header, plaintext, limits, token, detail), Status::Ok) << header << " " << detail;
  return token;
}

struct Decrypted {
  Status status;
  std::string detail;
  std::string plaintext;
};

inline Decrypted decrypted(const Key &key, std::string_view token, const DecryptionPolicy &policy = DecryptionPolicy{}) {
  DecryptedJwe out;
  const Status status = decrypt_jwe(DecryptionKeys{&key, nullptr}, policy, token, out);
  // Nothing of a plaintext is ever released by a failure.
  EXPECT_TRUE(status == Status::Ok || out.plaintext.empty()) << status_name(status);
  return Decrypted{status, out.detail, out.plaintext};
}

// The five parts of a compact JWE, to change one and join them again.
inline std::vector<std::string> jwe_parts(std::string_view token) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot = token.find('.'); dot != std::string_view::npos; dot = token.find('.', start)) {
    parts.emplace_back(token.substr(start, dot - start));
    start = dot + 1;
  }
  parts.emplace_back(token.substr(start));
  return parts;
}

inline std::string joined(const std::vector<std::string> &parts) {
  std::string token;
  for (size_t i = 0; i < parts.size(); ++i) token += (i ? "." : "") + parts[i];
  return token;
}

// A base64url part with one bit of its decoded bytes flipped (bit 0 of byte 0 unless told).
inline std::string with_bit_flipped(std::string_view part, size_t bit = 0) {
  std::vector<uint8_t> bytes;
  EXPECT_EQ(base64url_decode(part, bytes), Status::Ok);
  bytes[bit / 8 % bytes.size()] ^= static_cast<uint8_t>(1u << (bit % 8));
  std::string out;
  base64url_encode(bytes, out);
  return out;
}

inline std::string b64url(ByteView bytes) {
  std::string out;
  base64url_encode(bytes, out);
  return out;
}

}  // namespace edgejwt::test
