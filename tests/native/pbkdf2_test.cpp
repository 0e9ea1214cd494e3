// PBKDF2-HMAC-SHA2 (src/crypto/pbkdf2.h): RFC 7914 §11's PBKDF2-HMAC-SHA256 vectors, the RFC 6070
// inputs for SHA-256 (values as published for them and confirmed with OpenSSL), SHA-384 and
// SHA-512, RFC 7517 Appendix C's PBES2-HS256+A128KW derived key and wrapped CEK, and the bounds
// a token's p2c must not get past.
#include "crypto/pbkdf2.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/aes_key_wrap.h"
#include "test_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

using namespace std::string_view_literals;

std::string derive_hex(Hash hash, std::string_view password, std::string_view salt, uint32_t iterations, size_t size) {
  std::vector<uint8_t> key(size);
  EXPECT_EQ(pbkdf2(hash, password, salt, iterations, key.data(), size), Status::Ok);
  return to_hex(key.data(), size);
}

}  // namespace

TEST(Pbkdf2, Rfc7914Section11) {
  EXPECT_EQ(derive_hex(Hash::Sha256, "passwd", "salt", 1, 64),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
            "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
  EXPECT_EQ(derive_hex(Hash::Sha256, "Password", "NaCl", 80000, 64),
            "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
            "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
}

TEST(Pbkdf2, Rfc6070InputsWithSha2) {
  EXPECT_EQ(derive_hex(Hash::Sha256, "password", "salt", 1, 32),
            "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
  EXPECT_EQ(derive_hex(Hash::Sha256, "password", "salt", 2, 32),
            "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43");
  EXPECT_EQ(derive_hex(Hash::Sha256, "password", "salt", 4096, 32),
            "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
  EXPECT_EQ(derive_hex(Hash::Sha384, "password", "salt", 1, 48),
            "c0e14f06e49e32d73f9f52ddf1d0c5c7191609233631dadd76a567db42b78676b38fc800cc53ddb642f5c74442e62be4");
  EXPECT_EQ(derive_hex(Hash::Sha384, "password", "salt", 4096, 48),
            "559726be38db125bc85ed7895f6e3cf574c7a01c080c3447db1e8a76764deb3c307b94853fbe424f6488c5f4f1289626");
  EXPECT_EQ(derive_hex(Hash::Sha512, "password", "salt", 1, 64),
            "867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252"
            "c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce");
  EXPECT_EQ(derive_hex(Hash::Sha512, "password", "salt", 4096, 64),
            "d197b1b33db0143e018b12f3d1d1479e6cdebdcc97c5c0f87f6902e072f457b5"
            "143f30602641b3d55cd335988cb36b84376060ecd532e039b742a239434af2d5");
}

// A key longer than the hash takes a second block (T_2, with INT(2)); a shorter one is T_1 cut.
TEST(Pbkdf2, KeysShorterAndLongerThanOneBlock) {
  const std::string full = derive_hex(Hash::Sha256, "passwd", "salt", 1, 64);
  EXPECT_EQ(derive_hex(Hash::Sha256, "passwd", "salt", 1, 16), full.substr(0, 32));
  EXPECT_EQ(derive_hex(Hash::Sha256, "passwd", "salt", 1, 40), full.substr(0, 80));
}

// RFC 7517 Appendix C: PBES2-HS256+A128KW with p2c 4096. The salt is UTF8(alg) || 0x00 || p2s
// (RFC 7518 §4.8.1.1); the derived key wraps the published CEK into the published encrypted key.
TEST(Pbkdf2, Rfc7517AppendixCPbes2) {
  std::string salt("PBES2-HS256+A128KW");
  salt.push_back('\0');
  const auto p2s = from_base64url("2WCTcJZ1Rvd_CJuJripQ1w");
  salt.append(p2s.begin(), p2s.end());
  uint8_t derived[16];
  ASSERT_EQ(pbkdf2(Hash::Sha256, "Thus from my lips, by yours, my sin is purged."sv, salt, 4096, derived, 16), Status::Ok);
  EXPECT_EQ(std::vector<uint8_t>(derived, derived + 16),
            (std::vector<uint8_t>{110, 171, 169, 92, 129, 92, 109, 117, 233, 242, 116, 233, 170, 14, 24, 75}));
  const auto cek = from_base64url("bxsZNEIdFE5csDjwQdBScKGDJDfK7LmsgReZwsMw_bY");
  std::vector<uint8_t> wrapped(cek.size() + kKeyWrapOverhead);
  ASSERT_EQ(aes_key_wrap(ByteView(derived, 16), cek, wrapped.data()), Status::Ok);
  EXPECT_EQ(wrapped, from_base64url("TrqXOwuNUfDV9VPTNbyGvEJ9JMjefAVn-TR1uIxR9p6hsRQh9Tk7BA"));
}

// p2c comes from the token: zero and anything past the ceiling are refused before any work.
TEST(Pbkdf2, RefusesIterationCountsAndSizesOutsideItsBounds) {
  uint8_t key[kPbkdf2MaxKeySize + 1];
  EXPECT_EQ(pbkdf2(Hash::Sha256, "pw"sv, "salt"sv, 0, key, 16), Status::InvalidArgument);
  EXPECT_EQ(pbkdf2(Hash::Sha256, "pw"sv, "salt"sv, kPbkdf2MaxIterations + 1, key, 16), Status::InvalidArgument);
  EXPECT_EQ(pbkdf2(Hash::Sha256, "pw"sv, "salt"sv, 0xFFFFFFFF, key, 16), Status::InvalidArgument);
  EXPECT_EQ(pbkdf2(Hash::Sha256, "pw"sv, "salt"sv, 1, key, 0), Status::InvalidArgument);
  EXPECT_EQ(pbkdf2(Hash::Sha256, "pw"sv, "salt"sv, 1, key, kPbkdf2MaxKeySize + 1), Status::InvalidArgument);
  EXPECT_EQ(pbkdf2(Hash::Sha512, ""sv, ""sv, 1, key, kPbkdf2MaxKeySize), Status::Ok);
}
