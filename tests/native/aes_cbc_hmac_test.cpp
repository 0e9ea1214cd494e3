// AES_CBC_HMAC_SHA2 (src/crypto/aes_cbc_hmac.h): the test cases of RFC 7518 Appendix B for the
// three algorithms, the content of RFC 7516 A.2 and A.3, round trips, and what an attacker sends:
// every flipped bit of AAD, IV, ciphertext and tag, a tag checked before any decryption, and
// ciphertexts carrying a valid tag but bad padding (a padding oracle would tell them apart) —
// every one refused with the one JweDecryptionFailed and nothing of the plaintext released.
#include "crypto/aes_cbc_hmac.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/hmac.h"
#include "decryption_support.h"
#include "test_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

Sealed seal(ByteView key, ByteView iv, ByteView aad, ByteView plaintext) {
  Sealed sealed{std::vector<uint8_t>(cbc_hmac_ciphertext_size(plaintext.size)),
                std::vector<uint8_t>(cbc_hmac_tag_size(key.size))};
  EXPECT_EQ(aes_cbc_hmac_encrypt(key, iv, aad, plaintext, sealed.ciphertext.data(), sealed.tag.data()), Status::Ok);
  return sealed;
}

// The status, and that a failure released nothing.
Status open(ByteView key, ByteView iv, ByteView aad, ByteView ciphertext, ByteView tag,
            std::vector<uint8_t> *plaintext = nullptr) {
  std::vector<uint8_t> out = marked_buffer(ciphertext.size);
  size_t size = 0;
  const Status status = aes_cbc_hmac_decrypt(key, iv, aad, ciphertext, tag, out.data(), size);
  EXPECT_TRUE(status == Status::Ok || nothing_released(out)) << "plaintext left after a failed decryption";
  out.resize(status == Status::Ok ? size : 0);
  if (plaintext) *plaintext = out;
  return status;
}

std::vector<uint8_t> counting_bytes(size_t size) {
  std::vector<uint8_t> bytes(size);
  for (size_t i = 0; i < size; ++i) bytes[i] = static_cast<uint8_t>(i);
  return bytes;
}

// RFC 7518 Appendix B: K is 00 01 02 … (32, 48 or 64 bytes); P, IV and A are the same for all three.
constexpr std::string_view kRfc7518P =
    "A cipher system must not be required to be secret, and it must be able to fall into the hands of the enemy "
    "without inconvenience";
constexpr std::string_view kRfc7518Iv = "1af38c2dc2b96ffdd86694092341bc04";
constexpr std::string_view kRfc7518A = "The second principle of Auguste Kerckhoffs";

struct AppendixBCase {
  const char *section;
  size_t key_size;
  std::string_view e, t;
};

constexpr AppendixBCase kAppendixB[] = {
    {"B.1 A128CBC-HS256", 32,
     "c80edfa32ddf39d5ef00c0b468834279a2e46a1b8049f792f76bfe54b903a9c9a94ac9b47ad2655c5f10f9aef71427e2fc6f9b3f399a2214"
     "89f16362c703233609d45ac69864e3321cf82935ac4096c86e133314c54019e8ca7980dfa4b9cf1b384c486f3a54c51078158ee5d79de59f"
     "bd34d848b3d69550a67646344427ade54b8851ffb598f7f80074b9473c82e2db",
     "652c3fa36b0a7c5b3219fab3a30bc1c4"},
    {"B.2 A192CBC-HS384", 48,
     "ea65da6b59e61edb419be62d19712ae5d303eeb50052d0dfd6697f77224c8edb000d279bdc14c1072654bd30944230c657bed4ca0c9f4a84"
     "66f22b226d1746214bf8cfc2400add9f5126e479663fc90b3bed787a2f0ffcbf3904be2a641d5c2105bfe591bae23b1d7449e532eef60a9a"
     "c8bb6c6b01d35d49787bcd57ef484927f280adc91ac0c4e79c7b11efc60054e3",
     "8490ac0e58949bfe51875d733f93ac2075168039ccc733d7"},
    {"B.3 A256CBC-HS512", 64,
     "4affaaadb78c31c5da4b1b590d10ffbd3dd8d5d302423526912da037ecbcc7bd822c301dd67c373bccb584ad3e9279c2e6d12a1374b77f07"
     "7553df829410446b36ebd97066296ae6427ea75c2e0846a11a09ccf5370dc80bfecbad28c73f09b3a3b75e662a2594410ae496b2e2e6609e"
     "31e6e02cc837f053d21f37ff4f51950bbe2638d09dd7a4930930806d0703b1f6",
     "4dd3b4c088a7f45c216839645b2012bf2e6269a8c56a816dbc1b267761955bc5"},
};

// RFC 7516 A.2 (RSA1_5 key management, which edgejwt refuses) and A.3 (A128KW): the same CEK, IV
// and ciphertext of "Live long and prosper.", tags differing by their protected headers (the AAD).
const std::vector<uint8_t> kRfc7516Cek = {4,   211, 31,  197, 84,  157, 252, 254, 11,  100, 157,
                                          250, 63,  170, 106, 206, 107, 124, 212, 45,  111, 107,
                                          9,   219, 200, 177, 0,   240, 143, 156, 44,  207};
constexpr std::string_view kRfc7516Iv = "AxY8DCtDaGlsbGljb3RoZQ";
constexpr std::string_view kRfc7516Ciphertext = "KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY";

// A ciphertext whose last block decrypts to `last_block` under `key` and IV, with a valid tag: CBC
// of two blocks (the first block of zeros), taken from the encryption of those two blocks without
// the padding block encryption appends, and tagged as aes_cbc_hmac_encrypt would tag it.
Sealed with_valid_tag(ByteView key, ByteView iv, ByteView aad, const std::vector<uint8_t> &last_block) {
  std::vector<uint8_t> plaintext(16);
  plaintext.insert(plaintext.end(), last_block.begin(), last_block.end());
  Sealed sealed = seal(key, iv, aad, plaintext);
  sealed.ciphertext.resize(32);
  std::vector<uint8_t> mac_input(aad.data, aad.data + aad.size);
  mac_input.insert(mac_input.end(), iv.data, iv.data + iv.size);
  mac_input.insert(mac_input.end(), sealed.ciphertext.begin(), sealed.ciphertext.end());
  const uint64_t aad_bits = aad.size * 8;
  for (int shift = 56; shift >= 0; shift -= 8) mac_input.push_back(static_cast<uint8_t>(aad_bits >> shift));
  const HmacPads pads(ByteView(key.data, key.size / 2));
  uint8_t mac[kMaxHashSize];
  pads.mac(Hash::Sha256, mac_input, mac);
  sealed.tag.assign(mac, mac + 16);
  return sealed;
}

const std::vector<uint8_t> kKey32 = counting_bytes(32), kIv(16, 0x77);

}  // namespace

TEST(AesCbcHmac, Rfc7518AppendixB) {
  const auto iv = from_hex(kRfc7518Iv);
  for (const AppendixBCase &vector : kAppendixB) {
    const auto key = counting_bytes(vector.key_size);
    const Sealed sealed = seal(key, iv, kRfc7518A, kRfc7518P);
    EXPECT_EQ(to_hex(sealed.ciphertext.data(), sealed.ciphertext.size()), vector.e) << vector.section;
    EXPECT_EQ(to_hex(sealed.tag.data(), sealed.tag.size()), vector.t) << vector.section;
    std::vector<uint8_t> opened;
    ASSERT_EQ(open(key, iv, kRfc7518A, from_hex(vector.e), from_hex(vector.t), &opened), Status::Ok);
    EXPECT_EQ(std::string(opened.begin(), opened.end()), kRfc7518P);
  }
}

TEST(AesCbcHmac, Rfc7516A2AndA3Content) {
  const auto iv = from_base64url(kRfc7516Iv), ciphertext = from_base64url(kRfc7516Ciphertext);
  const std::string_view a2_protected = "eyJhbGciOiJSU0ExXzUiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0";
  const std::string_view a3_protected = "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0";
  for (const auto &[aad, tag] : {std::pair{a2_protected, "9hH0vgRfYgPnAHOd8stkvw"},
                                 std::pair{a3_protected, "U0m_YmjN04DJvceFICbCVQ"}}) {
    const Sealed sealed = seal(kRfc7516Cek, iv, aad, std::string_view("Live long and prosper."));
    EXPECT_EQ(sealed.ciphertext, ciphertext);
    EXPECT_EQ(sealed.tag, from_base64url(tag));
    std::vector<uint8_t> opened;
    ASSERT_EQ(open(kRfc7516Cek, iv, aad, ciphertext, from_base64url(tag), &opened), Status::Ok);
    EXPECT_EQ(std::string(opened.begin(), opened.end()), "Live long and prosper.");
  }
  // Each tag belongs to its own header: swapped, both fail.
  EXPECT_EQ(open(kRfc7516Cek, iv, a2_protected, ciphertext, from_base64url("U0m_YmjN04DJvceFICbCVQ")),
            Status::JweDecryptionFailed);
}

TEST(AesCbcHmac, RoundTripsEveryKeySizeAndLength) {
  const std::vector<uint8_t> aad = {9, 8, 7};
  for (size_t key_size : {32, 48, 64}) {
    const auto key = counting_bytes(key_size);
    for (size_t size = 0; size <= 50; ++size) {
      const auto plaintext = counting_bytes(size);
      const Sealed sealed = seal(key, kIv, aad, plaintext);
      EXPECT_EQ(sealed.ciphertext.size(), (size / 16 + 1) * 16);
      std::vector<uint8_t> opened;
      ASSERT_EQ(open(key, kIv, aad, sealed.ciphertext, sealed.tag, &opened), Status::Ok) << key_size << " " << size;
      EXPECT_EQ(opened, plaintext);
    }
  }
}

TEST(AesCbcHmac, EveryFlippedBitOfAadIvCiphertextAndTagFails) {
  const auto key = counting_bytes(48);
  std::vector<uint8_t> aad(kRfc7518A.begin(), kRfc7518A.end()), iv = kIv;
  Sealed sealed = seal(key, iv, aad, kRfc7518P);
  for (std::vector<uint8_t> *part : {&aad, &iv, &sealed.ciphertext, &sealed.tag}) {
    for (size_t bit = 0; bit < part->size() * 8; ++bit) {
      (*part)[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
      EXPECT_EQ(open(key, iv, aad, sealed.ciphertext, sealed.tag), Status::JweDecryptionFailed) << bit;
      (*part)[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
    }
  }
  EXPECT_EQ(open(key, iv, aad, sealed.ciphertext, sealed.tag), Status::Ok);
}

// A wrong tag must stop decryption before it starts: the output buffer is never written.
TEST(AesCbcHmac, TagIsCheckedBeforeAnyDecryption) {
  Sealed sealed = seal(kKey32, kIv, {}, std::string_view("sixteen bytes!!!"));
  sealed.tag[0] ^= 1;
  std::vector<uint8_t> out = marked_buffer(sealed.ciphertext.size());
  size_t size = 0;
  EXPECT_EQ(aes_cbc_hmac_decrypt(kKey32, kIv, {}, sealed.ciphertext, sealed.tag, out.data(), size),
            Status::JweDecryptionFailed);
  EXPECT_EQ(out, marked_buffer(sealed.ciphertext.size()));
}

TEST(AesCbcHmac, EveryValidPaddingLengthDecrypts) {
  for (uint8_t padding = 1; padding <= 16; ++padding) {
    std::vector<uint8_t> last(16, 0xee);
    std::fill(last.end() - padding, last.end(), padding);
    const Sealed sealed = with_valid_tag(kKey32, kIv, {}, last);
    std::vector<uint8_t> opened;
    ASSERT_EQ(open(kKey32, kIv, {}, sealed.ciphertext, sealed.tag, &opened), Status::Ok) << int(padding);
    EXPECT_EQ(opened.size(), 32u - padding);
  }
}

// Valid tags over bad padding: a last byte of 0 or above 16, and for each length 2..16 every single
// padding byte wrong. All give the same code, with the plaintext wiped.
TEST(AesCbcHmac, BadPaddingUnderAValidTagFailsWithTheOneCode) {
  std::vector<std::vector<uint8_t>> bad_blocks;
  for (uint8_t last : {0x00, 0x11, 0x20, 0x80, 0xff}) {
    std::vector<uint8_t> block(16, last);
    bad_blocks.push_back(block);
  }
  for (uint8_t padding = 2; padding <= 16; ++padding) {
    for (uint8_t wrong = 1; wrong < padding; ++wrong) {
      std::vector<uint8_t> block(16, 0xee);
      std::fill(block.end() - padding, block.end(), padding);
      block[16 - 1 - wrong] ^= 0x01;
      bad_blocks.push_back(block);
    }
  }
  for (const auto &block : bad_blocks) {
    const Sealed sealed = with_valid_tag(kKey32, kIv, {}, block);
    EXPECT_EQ(open(kKey32, kIv, {}, sealed.ciphertext, sealed.tag), Status::JweDecryptionFailed)
        << to_hex(block.data(), block.size());
  }
}

TEST(AesCbcHmac, WrongKeysAndSizesFailWithTheOneCode) {
  const Sealed sealed = seal(kKey32, kIv, {}, std::string_view("attack at dawn"));
  for (size_t byte : {0, 31}) {  // MAC_KEY's first byte, ENC_KEY's last
    std::vector<uint8_t> key = kKey32;
    key[byte] ^= 1;
    EXPECT_EQ(open(key, kIv, {}, sealed.ciphertext, sealed.tag), Status::JweDecryptionFailed) << byte;
  }
  for (size_t size : {0, 16, 24, 31, 33, 40, 48, 64, 96}) {
    EXPECT_EQ(open(counting_bytes(size), kIv, {}, sealed.ciphertext, sealed.tag), Status::JweDecryptionFailed) << size;
  }
  for (size_t size : {0, 12, 15, 17}) {
    EXPECT_EQ(open(kKey32, std::vector<uint8_t>(size, 0x77), {}, sealed.ciphertext, sealed.tag),
              Status::JweDecryptionFailed);
  }
  for (size_t size : {0, 8, 15, 17, 32}) {
    std::vector<uint8_t> tag = sealed.tag;
    tag.resize(size);
    EXPECT_EQ(open(kKey32, kIv, {}, sealed.ciphertext, tag), Status::JweDecryptionFailed) << size;
  }
  // Ciphertexts that are not whole blocks, or empty.
  for (size_t size : {0, 1, 15, 17}) {
    std::vector<uint8_t> ciphertext = sealed.ciphertext;
    ciphertext.resize(size);
    EXPECT_EQ(open(kKey32, kIv, {}, ciphertext, sealed.tag), Status::JweDecryptionFailed) << size;
  }
}

TEST(AesCbcHmac, EncryptRefusesWhatJweDoesNotUse) {
  uint8_t out[32], tag[32];
  for (size_t size : {16, 24, 40, 128}) {
    EXPECT_EQ(aes_cbc_hmac_encrypt(counting_bytes(size), kIv, {}, {}, out, tag), Status::InvalidArgument) << size;
  }
  EXPECT_EQ(aes_cbc_hmac_encrypt(kKey32, std::vector<uint8_t>(12), {}, {}, out, tag), Status::InvalidArgument);
}
