// Concat KDF (src/crypto/concat_kdf.h): RFC 7518 Appendix C, the two keys of RFC 7520 §5.4 and
// §5.5 from their examples' shared secrets, a key of two SHA-256 rounds against its definition
// spelled out byte by byte, and the bounds.
#include "crypto/concat_kdf.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/hash.h"
#include "test_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

std::vector<uint8_t> derive(ByteView z, std::string_view algorithm, ByteView apu, ByteView apv, size_t size) {
  std::vector<uint8_t> key(size);
  EXPECT_EQ(concat_kdf(z, algorithm, apu, apv, size, key.data()), Status::Ok);
  return key;
}

// RFC 7518 Appendix C: ECDH-ES with A128GCM between Alice (apu "Alice") and Bob (apv "Bob").
const std::vector<uint8_t> kAppendixCZ = {158, 86,  217, 29,  129, 113, 53,  211, 114, 131, 66,
                                          131, 191, 132, 38,  156, 251, 49,  110, 163, 218, 128,
                                          106, 72,  246, 218, 167, 121, 140, 254, 144, 196};

}  // namespace

TEST(ConcatKdf, Rfc7518AppendixC) {
  const auto key = derive(kAppendixCZ, "A128GCM", std::string_view("Alice"), std::string_view("Bob"), 16);
  EXPECT_EQ(key, (std::vector<uint8_t>{86, 170, 141, 234, 248, 35, 109, 32, 92, 34, 40, 205, 113, 167, 16, 26}));
}

// Two rounds: a 64-byte key is SHA-256(00000001 || Z || OtherInfo) || SHA-256(00000002 || Z ||
// OtherInfo), OtherInfo being each length-prefixed field and the key's 512 bits.
TEST(ConcatKdf, TwoRoundsAsSp800_56aDefinesThem) {
  const std::string other_info = std::string("\0\0\0\x0d" "A256CBC-HS512", 17) + std::string("\0\0\0\x02" "Mu", 6) +
                                 std::string("\0\0\0\x00", 4) + std::string("\0\0\x02\x00", 4);
  std::vector<uint8_t> expected;
  for (char counter : {1, 2}) {
    std::string input = std::string("\0\0\0", 3) + counter;
    input.append(kAppendixCZ.begin(), kAppendixCZ.end());
    input += other_info;
    uint8_t round[32];
    hash_bytes(Hash::Sha256, input, round);
    expected.insert(expected.end(), round, round + 32);
  }
  EXPECT_EQ(derive(kAppendixCZ, "A256CBC-HS512", std::string_view("Mu"), {}, 64), expected);
  // The key's length is part of OtherInfo: a 40-byte key is not the 64-byte one cut short.
  const auto forty = derive(kAppendixCZ, "A256CBC-HS512", std::string_view("Mu"), {}, 40);
  EXPECT_NE(std::vector<uint8_t>(forty.begin(), forty.begin() + 32), std::vector<uint8_t>(expected.begin(), expected.begin() + 32));
}

// Each field is length-prefixed, so moving bytes between PartyUInfo and PartyVInfo (or into the
// algorithm ID) gives another key.
TEST(ConcatKdf, FieldsAreBoundToTheirPlace) {
  const auto split_a = derive(kAppendixCZ, "A128GCM", std::string_view("AliceB"), std::string_view("ob"), 16);
  const auto split_b = derive(kAppendixCZ, "A128GCM", std::string_view("Alice"), std::string_view("Bob"), 16);
  const auto split_c = derive(kAppendixCZ, "A128GCMAlice", {}, std::string_view("Bob"), 16);
  EXPECT_NE(split_a, split_b);
  EXPECT_NE(split_b, split_c);
}

TEST(ConcatKdf, RefusesKeySizesOutsideItsBounds) {
  uint8_t key[kConcatKdfMaxKeySize + 1];
  EXPECT_EQ(concat_kdf(kAppendixCZ, std::string_view("A128GCM"), {}, {}, 0, key), Status::InvalidArgument);
  EXPECT_EQ(concat_kdf(kAppendixCZ, std::string_view("A128GCM"), {}, {}, kConcatKdfMaxKeySize + 1, key),
            Status::InvalidArgument);
  EXPECT_EQ(concat_kdf(kAppendixCZ, std::string_view("A128GCM"), {}, {}, kConcatKdfMaxKeySize, key), Status::Ok);
}
