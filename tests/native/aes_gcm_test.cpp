// AES-GCM (src/crypto/aes_gcm.h): the GCM specification's test cases for each key size (the JWE
// examples of RFC 7520 that use GCM are in jwe_examples_test.cpp), round trips, and what an
// attacker sends: every flipped bit of IV, AAD, ciphertext and tag, wrong keys and sizes, all
// refused with the one JweDecryptionFailed and nothing of the plaintext left behind.
#include "crypto/aes_gcm.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "decryption_support.h"
#include "test_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

Sealed seal(ByteView key, ByteView iv, ByteView aad, ByteView plaintext) {
  Sealed sealed{std::vector<uint8_t>(plaintext.size), std::vector<uint8_t>(kGcmTagSize)};
  EXPECT_EQ(aes_gcm_encrypt(key, iv, aad, plaintext, sealed.ciphertext.data(), sealed.tag.data()), Status::Ok);
  return sealed;
}

// The status of decrypting, and that a failure released nothing.
Status open(ByteView key, ByteView iv, ByteView aad, ByteView ciphertext, ByteView tag,
            std::vector<uint8_t> *plaintext = nullptr) {
  std::vector<uint8_t> out = marked_buffer(ciphertext.size);
  const Status status = aes_gcm_decrypt(key, iv, aad, ciphertext, tag, out.data());
  EXPECT_TRUE(status == Status::Ok || nothing_released(out)) << "plaintext left after a failed decryption";
  if (plaintext) *plaintext = out;
  return status;
}

// The GCM specification (McGrew and Viega, "The Galois/Counter Mode of Operation", appendix B):
// test cases 4, 10 and 16 share the IV, AAD and plaintext and differ in the key's size.
constexpr std::string_view kGcmSpecIv = "cafebabefacedbaddecaf888";
constexpr std::string_view kGcmSpecAad = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
constexpr std::string_view kGcmSpecPlaintext =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525"
    "b16aedf5aa0de657ba637b39";

struct SpecCase {
  std::string_view key, ciphertext, tag;
};

constexpr SpecCase kGcmSpecCases[] = {
    {"feffe9928665731c6d6a8f9467308308",
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa05"
     "1ba30b396a0aac973d58e091",
     "5bc94fbc3221a5db94fae95ae7121a47"},
    {"feffe9928665731c6d6a8f9467308308feffe9928665731c",
     "3980ca0b3c00e841eb06fac4872a2757859e1ceaa6efd984628593b40ca1e19c7d773d00c144c525ac619d18c84a3f47"
     "18e2448b2fe324d9ccda2710",
     "2519498e80f1478f37ba55bd6d27618c"},
    {"feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838"
     "c5f61e6393ba7a0abcc9f662",
     "76fc6ece0f4e1768cddf8853bb2d551b"},
};

const std::vector<uint8_t> kKey128(16, 0x11), kKey192(24, 0x22), kKey256(32, 0x33), kIv(kGcmIvSize, 0x44);

}  // namespace

TEST(AesGcm, SpecificationTestCases1And2) {
  const std::vector<uint8_t> zero_key(16), zero_iv(12), zero_block(16);
  EXPECT_EQ(to_hex(seal(zero_key, zero_iv, {}, {}).tag.data(), kGcmTagSize), "58e2fccefa7e3061367f1d57a4e7455a");
  const Sealed sealed = seal(zero_key, zero_iv, {}, zero_block);
  EXPECT_EQ(to_hex(sealed.ciphertext.data(), 16), "0388dace60b6a392f328c2b971b2fe78");
  EXPECT_EQ(to_hex(sealed.tag.data(), kGcmTagSize), "ab6e47d42cec13bdf53a67b21257bddf");
}

TEST(AesGcm, SpecificationTestCases4_10_16EachKeySize) {
  const auto iv = from_hex(kGcmSpecIv), aad = from_hex(kGcmSpecAad), plaintext = from_hex(kGcmSpecPlaintext);
  for (const SpecCase &spec : kGcmSpecCases) {
    const auto key = from_hex(spec.key);
    const Sealed sealed = seal(key, iv, aad, plaintext);
    EXPECT_EQ(to_hex(sealed.ciphertext.data(), sealed.ciphertext.size()), spec.ciphertext) << key.size();
    EXPECT_EQ(to_hex(sealed.tag.data(), kGcmTagSize), spec.tag) << key.size();
    std::vector<uint8_t> opened;
    EXPECT_EQ(open(key, iv, aad, from_hex(spec.ciphertext), from_hex(spec.tag), &opened), Status::Ok);
    EXPECT_EQ(opened, plaintext);
  }
}

TEST(AesGcm, RoundTripsEveryKeySizeAndLength) {
  const std::vector<uint8_t> aad = {1, 2, 3};
  for (const auto *key : {&kKey128, &kKey192, &kKey256}) {
    for (size_t size = 0; size <= 70; ++size) {
      std::vector<uint8_t> plaintext(size);
      for (size_t i = 0; i < size; ++i) plaintext[i] = static_cast<uint8_t>(i * 7 + size);
      const Sealed sealed = seal(*key, kIv, aad, plaintext);
      std::vector<uint8_t> opened;
      ASSERT_EQ(open(*key, kIv, aad, sealed.ciphertext, sealed.tag, &opened), Status::Ok) << size;
      EXPECT_EQ(opened, plaintext);
    }
  }
}

TEST(AesGcm, InPlace) {
  std::vector<uint8_t> buffer = from_hex(kGcmSpecPlaintext);
  const auto key = from_hex(kGcmSpecCases[0].key), iv = from_hex(kGcmSpecIv), aad = from_hex(kGcmSpecAad);
  uint8_t tag[kGcmTagSize];
  ASSERT_EQ(aes_gcm_encrypt(key, iv, aad, buffer, buffer.data(), tag), Status::Ok);
  EXPECT_EQ(to_hex(buffer.data(), buffer.size()), kGcmSpecCases[0].ciphertext);
  ASSERT_EQ(aes_gcm_decrypt(key, iv, aad, buffer, ByteView(tag, sizeof tag), buffer.data()), Status::Ok);
  EXPECT_EQ(to_hex(buffer.data(), buffer.size()), kGcmSpecPlaintext);
}

TEST(AesGcm, EveryFlippedBitOfIvAadCiphertextAndTagFails) {
  const auto key = from_hex(kGcmSpecCases[2].key);
  auto iv = from_hex(kGcmSpecIv), aad = from_hex(kGcmSpecAad);
  Sealed sealed = seal(key, iv, aad, from_hex(kGcmSpecPlaintext));
  size_t checked = 0;
  for (std::vector<uint8_t> *part : {&iv, &aad, &sealed.ciphertext, &sealed.tag}) {
    for (size_t bit = 0; bit < part->size() * 8; ++bit, ++checked) {
      (*part)[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
      EXPECT_EQ(open(key, iv, aad, sealed.ciphertext, sealed.tag), Status::JweDecryptionFailed) << bit;
      (*part)[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
    }
  }
  EXPECT_EQ(checked, 8 * (12 + 20 + 60 + 16));
  EXPECT_EQ(open(key, iv, aad, sealed.ciphertext, sealed.tag), Status::Ok);
}

TEST(AesGcm, WrongKeysAndSizesFailWithTheOneCode) {
  const Sealed sealed = seal(kKey256, kIv, {}, std::string_view("attack at dawn"));
  // Another key of the same size, the right key cut to another AES size, keys of no AES size.
  std::vector<uint8_t> other = kKey256;
  other[31] ^= 1;
  EXPECT_EQ(open(other, kIv, {}, sealed.ciphertext, sealed.tag), Status::JweDecryptionFailed);
  for (size_t size : {0, 15, 16, 17, 24, 31, 33, 64}) {
    const std::vector<uint8_t> key(kKey256.begin(), kKey256.begin() + std::min<size_t>(size, 32));
    std::vector<uint8_t> sized = key;
    sized.resize(size, 0x33);
    EXPECT_EQ(open(sized, kIv, {}, sealed.ciphertext, sealed.tag), Status::JweDecryptionFailed) << size;
  }
  // IVs and tags of other sizes: GCM accepts other IV lengths and truncated tags; JWE does not.
  for (size_t size : {0, 8, 11, 13, 16}) {
    const std::vector<uint8_t> iv(size, 0x44);
    EXPECT_EQ(open(kKey256, iv, {}, sealed.ciphertext, sealed.tag), Status::JweDecryptionFailed) << size;
  }
  for (size_t size : {0, 4, 8, 12, 15, 17}) {
    std::vector<uint8_t> tag = sealed.tag;
    tag.resize(size);
    EXPECT_EQ(open(kKey256, kIv, {}, sealed.ciphertext, tag), Status::JweDecryptionFailed) << size;
  }
  // A ciphertext cut short or grown, each with the right tag.
  std::vector<uint8_t> shorter(sealed.ciphertext.begin(), sealed.ciphertext.end() - 1), longer = sealed.ciphertext;
  longer.push_back(0);
  EXPECT_EQ(open(kKey256, kIv, {}, shorter, sealed.tag), Status::JweDecryptionFailed);
  EXPECT_EQ(open(kKey256, kIv, {}, longer, sealed.tag), Status::JweDecryptionFailed);
}

TEST(AesGcm, EncryptRefusesWhatJweDoesNotUse) {
  uint8_t out[16], tag[kGcmTagSize];
  const std::vector<uint8_t> plaintext(16);
  EXPECT_EQ(aes_gcm_encrypt(std::vector<uint8_t>(20), kIv, {}, plaintext, out, tag), Status::InvalidArgument);
  EXPECT_EQ(aes_gcm_encrypt(kKey128, std::vector<uint8_t>(16), {}, plaintext, out, tag), Status::InvalidArgument);
  EXPECT_EQ(aes_gcm_encrypt(kKey128, std::vector<uint8_t>(8), {}, plaintext, out, tag), Status::InvalidArgument);
}
