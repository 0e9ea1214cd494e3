// AES Key Wrap (src/crypto/aes_key_wrap.h): the six vectors of RFC 3394 §4, the wrapped CEK of
// RFC 7516 A.3 (RFC 7520's are in jwe_examples_test.cpp), and what an attacker sends: every flipped bit of the wrapped key,
// another KEK, sizes JWE never produces — each refused with the one JweDecryptionFailed and the
// output wiped.
#include "crypto/aes_key_wrap.h"

#include <gtest/gtest.h>

#include <vector>

#include "decryption_support.h"
#include "test_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

std::vector<uint8_t> wrap(ByteView kek, ByteView key_data) {
  std::vector<uint8_t> wrapped(key_data.size + kKeyWrapOverhead);
  EXPECT_EQ(aes_key_wrap(kek, key_data, wrapped.data()), Status::Ok);
  return wrapped;
}

// The status, and that a failure released nothing.
Status unwrap(ByteView kek, ByteView wrapped, std::vector<uint8_t> *key_data = nullptr) {
  std::vector<uint8_t> out = marked_buffer(wrapped.size > kKeyWrapOverhead ? wrapped.size - kKeyWrapOverhead : 0);
  const Status status = aes_key_unwrap(kek, wrapped, out.data());
  EXPECT_TRUE(status == Status::Ok || nothing_released(out)) << "unwrapped bytes left after a failure";
  if (key_data) *key_data = out;
  return status;
}

// RFC 3394 §4: the KEK is the first 16, 24 or 32 bytes of 00 01 02 … 1F; the key data the first
// 16, 24 or 32 bytes of 00112233…FF 00 01 02 … 0F.
constexpr std::string_view kKek = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr std::string_view kKeyData = "00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f";

struct Rfc3394Case {
  const char *section;
  size_t kek_size, key_data_size;
  std::string_view wrapped;
};

constexpr Rfc3394Case kRfc3394Cases[] = {
    {"4.1", 16, 16, "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5"},
    {"4.2", 24, 16, "96778b25ae6ca435f92b5b97c050aed2468ab8a17ad84e5d"},
    {"4.3", 32, 16, "64e8c3f9ce0f5ba263e9777905818a2a93c8191e7d6e8ae7"},
    {"4.4", 24, 24, "031d33264e15d33268f24ec260743edce1c6c7ddee725a936ba814915c6762d2"},
    {"4.5", 32, 24, "a8f9bc1612c68b3ff6e6f4fbe30e71e4769c8b80a32cb8958cd5d17d6b254da1"},
    {"4.6", 32, 32, "28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21"},
};

std::vector<uint8_t> prefix(std::string_view hex, size_t size) { return from_hex(hex.substr(0, 2 * size)); }

}  // namespace

TEST(AesKeyWrap, Rfc3394Section4) {
  for (const Rfc3394Case &vector : kRfc3394Cases) {
    const auto kek = prefix(kKek, vector.kek_size), key_data = prefix(kKeyData, vector.key_data_size);
    const auto wrapped = wrap(kek, key_data);
    EXPECT_EQ(to_hex(wrapped.data(), wrapped.size()), vector.wrapped) << vector.section;
    std::vector<uint8_t> unwrapped;
    EXPECT_EQ(unwrap(kek, from_hex(vector.wrapped), &unwrapped), Status::Ok) << vector.section;
    EXPECT_EQ(unwrapped, key_data) << vector.section;
  }
}

// RFC 7516 Appendix A.3 (A128KW): the published encrypted key from the published CEK.
TEST(AesKeyWrap, Rfc7516A3) {
  const std::vector<uint8_t> cek = {4,   211, 31,  197, 84,  157, 252, 254, 11,  100, 157, 250, 63,  170, 106, 206,
                                    107, 124, 212, 45,  111, 107, 9,   219, 200, 177, 0,   240, 143, 156, 44,  207};
  const auto kek = from_base64url("GawgguFyGrWKav7AX4VKUg");
  const auto encrypted_key = from_base64url("6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ");
  EXPECT_EQ(wrap(kek, cek), encrypted_key);
  std::vector<uint8_t> unwrapped;
  EXPECT_EQ(unwrap(kek, encrypted_key, &unwrapped), Status::Ok);
  EXPECT_EQ(unwrapped, cek);
}

TEST(AesKeyWrap, RoundTripsEveryKekSizeAndKeyDataSize) {
  for (size_t kek_size : {16, 24, 32}) {
    for (size_t size = kKeyWrapMinKeyDataSize; size <= kKeyWrapMaxKeyDataSize; size += 8) {
      const auto kek = prefix(kKek, kek_size);
      std::vector<uint8_t> key_data(size);
      for (size_t i = 0; i < size; ++i) key_data[i] = static_cast<uint8_t>(255 - i);
      std::vector<uint8_t> unwrapped;
      EXPECT_EQ(unwrap(kek, wrap(kek, key_data), &unwrapped), Status::Ok) << kek_size << " " << size;
      EXPECT_EQ(unwrapped, key_data);
    }
  }
}

TEST(AesKeyWrap, EveryFlippedBitOfTheWrappedKeyFails) {
  const auto kek = prefix(kKek, 32);
  auto wrapped = from_hex(kRfc3394Cases[5].wrapped);
  for (size_t bit = 0; bit < wrapped.size() * 8; ++bit) {
    wrapped[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
    EXPECT_EQ(unwrap(kek, wrapped), Status::JweDecryptionFailed) << bit;
    wrapped[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
  }
  EXPECT_EQ(unwrap(kek, wrapped), Status::Ok);
}

TEST(AesKeyWrap, AnotherKekOrSizeFailsWithTheOneCode) {
  const auto wrapped = from_hex(kRfc3394Cases[5].wrapped);
  auto kek = prefix(kKek, 32);
  kek[0] ^= 0x80;
  EXPECT_EQ(unwrap(kek, wrapped), Status::JweDecryptionFailed);
  // Shorter prefixes of §4.6's KEK (those of §4.1 and §4.4 among them), and KEKs of no AES size.
  for (size_t size : {0, 8, 16, 24, 31}) EXPECT_EQ(unwrap(prefix(kKek, size), wrapped), Status::JweDecryptionFailed);
  auto longer = prefix(kKek, 32);
  longer.push_back(0x20);
  EXPECT_EQ(unwrap(longer, wrapped), Status::JweDecryptionFailed);
  // Wrapped keys of a size that is not 8 bytes more than whole 64-bit blocks of 16 to 64 bytes.
  for (size_t size : {0, 7, 8, 16, 23, 25, 39, 80}) {
    std::vector<uint8_t> sized = wrapped;
    sized.resize(size, 0xa6);
    EXPECT_EQ(unwrap(prefix(kKek, 32), sized), Status::JweDecryptionFailed) << size;
  }
  // A wrapped key cut at a block boundary keeps every unwrapped block but fails the check.
  const std::vector<uint8_t> shorter(wrapped.begin(), wrapped.end() - 8);
  EXPECT_EQ(unwrap(prefix(kKek, 32), shorter), Status::JweDecryptionFailed);
}

TEST(AesKeyWrap, WrapRefusesSizesOutsideItsBounds) {
  uint8_t out[kKeyWrapMaxKeyDataSize + 16];
  const std::vector<uint8_t> kek(16, 1);
  for (size_t size : {0, 8, 15, 17, 20, 72}) {
    EXPECT_EQ(aes_key_wrap(kek, std::vector<uint8_t>(size), out), Status::InvalidArgument) << size;
  }
  EXPECT_EQ(aes_key_wrap(std::vector<uint8_t>(20), std::vector<uint8_t>(16), out), Status::InvalidArgument);
}
