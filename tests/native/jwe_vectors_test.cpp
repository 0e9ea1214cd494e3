// Whole compact JWEs from the RFCs, through the JWE layer: RFC 7516 Appendix A.1 (RSA-OAEP,
// A256GCM), A.2 (RSA1_5: refused, its content checked on its own) and A.3 (A128KW,
// A128CBC-HS256); RFC 7520 §5.2-5.8 (every compact example whose algorithm edgejwt implements); and
// RFC 8037 A.6 (ECDH-ES with X25519). Each is decrypted with the published key; where the
// published randomness (CEK and IV) fixes every byte the producer chooses, it is encrypted again
// to exactly the published token (with RSA-OAEP, whose padding is random, all but the encrypted
// key). Values are the RFCs' own, base64url as published; the RFC 7520 ones are in rfc7520_jwe.h.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/aes_key_wrap.h"
#include "crypto/concat_kdf.h"
#include "jwe/content.h"
#include "jwe_support.h"
#include "rfc7520_jwe.h"
#include "rsa_keys.h"
#include "test_support.h"
#include "x25519_keys.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

std::string compact(const Rfc7520Example &example) {
  return joined({std::string(example.protected_header), std::string(example.encrypted_key), std::string(example.iv),
                 std::string(example.ciphertext), std::string(example.tag)});
}

std::string text_of(std::string_view base64url) {
  const std::vector<uint8_t> bytes = from_base64url(base64url);
  return std::string(bytes.begin(), bytes.end());
}

// The token encrypted again with the published CEK (empty: the key's own, for "dir") and IV, and
// the caller's header exactly the published one.
std::string encrypted_again(const Key &key, std::string_view protected_b64, std::string_view plaintext,
                            std::string_view cek_b64, std::string_view iv_b64) {
  const std::vector<uint8_t> cek = from_base64url(cek_b64), iv = from_base64url(iv_b64);
  std::string token, detail;
  EXPECT_EQ(encrypt_jwe(key, text_of(protected_b64), plaintext, TokenLimits{}, ChosenRandomness{cek, iv}, token, detail),
            Status::Ok)
      << detail;
  return token;
}

Key aes_key_of(std::string_view k, std::string_view alg) {
  return encryption_key_of(AesKey(SecretBytes(from_base64url(k))), alg);
}

// RFC 7516 A.1: the plaintext, the RSA key (A.1.4) and the token (A.1.7).
constexpr std::string_view kA1Plaintext = "The true sign of intelligence is not knowledge but imagination.";
constexpr JwkParts kA1Key{
    "oahUIoWw0K0usKNuOR6H4wkf4oBUXHTxRvgb48E-BVvxkeDNjbC4he8rUWcJoZmds2h7M70imEVhRU5djINXtqllXI4DFqcI1DgjT9LewND8MW2K"
    "rf3Spsk_ZkoFnilakGygTwpZ3uesH-PFABNIUYpOiN15dsQRkgr0vEhxN92i2asbOenSZeyaxziK72UwxrrKoExv6kc5twXTq4h-QChLOln0_mtUZ"
    "wfsRaMStPs6mS6XrgxnxbWhojf663tuEQueGC-FCMfra36C9knDFGzKsNa7LZK2djYgyD3JR_MB_4NUJW_TqOQtwHYbxevoJArm-L5StowjzGy-_b"
    "q6Gw",  // n
    "AQAB",  // e
    "kLdtIj6GbDks_ApCSTYQtelcNttlKiOyPzMrXHeI-yk1F7-kpDxY4-WY5NWV5KntaEeXS1j82E375xxhWMHXyvjYecPT9fpwR_M9gV8n9Hrh2anT"
    "pTD93Dt62ypW3yDsJzBnTnrYu1iwWRgBKrEYY46qAZIrA2xAwnm2X7uGR1hghkqDp0Vqj3kbSCz1XyfCs6_LehBwtxHIyh8Ripy40p24moOAbgxV"
    "w3rxT_vlt3UVe4WO3JkJOzlpUf-KTVI2Ptgm-dARxTEtE-id-4OJr0h-K-VFs3VSndVTIznSxfyrj8ILL6MG_Uv8YAu7VILSB3lOW085-4qE3Dzg"
    "rTjgyQ",  // d
    "1r52Xk46c-LsfB5P442p7atdPUrxQSy4mti_tZI3Mgf2EuFVbUoDBvaRQ-SWxkbkmoEzL7JXroSBjSrK3YIQgYdMgyAEPTPjXv_hI2_1eTSPVZfz"
    "L0lffNn03IXqWF5MDFuoUYE0hzb2vhrlN_rKrbfDIwUbTrjjgieRbwC6Cl0",  // p
    "wLb35x7hmQWZsWJmB_vle87ihgZ19S8lBEROLIsZG4ayZVe9Hi9gDVCOBmUDdaDYVTSNx_8Fyw1YYa9XGrGnDew00J28cRUoeBB_jKI1oma0Orv1"
    "T9aXIWxKwd4gvxFImOWr3QRL9KEBRzk2RatUBnmDZJTIAfwTs0g68UZHvtc",  // q
    "ZK-YwE7diUh0qR1tR7w8WHtolDx3MZ_OTowiFvgfeQ3SiresXjm9gZ5KLhMXvo-uz-KUJWDxS5pFQ_M0evdo1dKiRTjVw_x4NyqyXPM5nULPkcpU"
    "827rnpZzAJKpdhWAgqrXGKAECQH0Xt4taznjnd_zVpAmZZq60WPMBMfKcuE",  // dp
    "Dq0gfgJ1DdFGXiLvQEZnuKEN0UUmsJBxkjydc3j4ZYdBiMRAy86x0vHCjywcMlYYg4yoC4YZa9hNVcsjqA3FeiL19rk8g6Qn29Tt0cj8qqyFpz9v"
    "NDBUfCAiJVeESOjJDZPYHdHY8v1b-o-Z2X5tvLx-TCekf7oxyeKDUqKWjis",  // dq
    "VIMpMYbPf47dT1w_zDUXfPimsSegnMOA1zTaX7aGk_8urY6R8-ZW1FxU7AlWAyLWybqq6t16VFd7hQd0y6flUK4SlOydB61gwanOsXGOAOv82cHq"
    "0E3eL4HrtZkUuKvnPrMnsUUFlfUdybVzxyjz9JF_XyaY14ardLSjf4L_FNY",  // qi
};
constexpr std::string_view kA1Token =
    "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ."
    "OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGeipsEdY3mx_etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb23nf"
    "a6c9d-StnImGyFDbSv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_lDp5XnZAYpQdb76FdIKLaVmqgfwX7XWRxv2322i-vDxRfqNzo_tETK"
    "zpVLzfiwQyeyPGLBIO56YJ7eObdv0je81860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_ZT2LawVCWTIy3brGPi6UklfCpIMfIjf7iG"
    "dXKHzg."
    "48V1_ALb6US04U3b."
    "5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A."
    "XFBoMYUZodetZdvTiFvSkQ";
// A.1.2: the CEK, as the RFC lists its octets.
const std::vector<uint8_t> kA1Cek = {177, 161, 244, 128, 84,  143, 225, 115, 63,  180, 3,  255, 107, 154, 212, 246,
                                     138, 7,   110, 91,  112, 46,  34,  105, 47,  130, 203, 46, 122, 234, 64,  252};

// RFC 7516 A.2 (RSA1_5) and A.3 (A128KW) share the plaintext, the CEK (A.2.2, A.3.2), the IV and
// the ciphertext; each has its own header and tag.
constexpr std::string_view kLiveLong = "Live long and prosper.";
const std::vector<uint8_t> kA3Cek = {4,   211, 31,  197, 84,  157, 252, 254, 11, 100, 157, 250, 63, 170, 106, 206,
                                     107, 124, 212, 45,  111, 107, 9,   219, 200, 177, 0,   240, 143, 156, 44,  207};
constexpr std::string_view kA2Token =
    "eyJhbGciOiJSU0ExXzUiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0."
    "UGhIOguC7IuEvf_NPVaXsGMoLOmwvc1GyqlIKOK1nN94nHPoltGRhWhw7Zx0-kFm1NJn8LE9XShH59_i8J0PH5ZZyNfGy2xGdULU7sHNF6Gp2vPL"
    "gNZ__deLKxGHZ7PcHALUzoOegEI-8E66jX2E4zyJKx-YxzZIItRzC5hlRirb6Y5Cl_p-ko3YvkkysZIFNPccxRU7qve1WYPxqbb2Yw8kZqa2rMWI"
    "5ng8OtvzlV7elprCbuPhcCdZ6XDP0_F8rkXds2vE4X-ncOIM8hAYHHi29NX0mcKiRaD0-D-ljQTP-cFPgwCp6X-nZZd9OHBv-B3oWh2TbqmScqXM"
    "R4gp_A."
    "AxY8DCtDaGlsbGljb3RoZQ."
    "KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY."
    "9hH0vgRfYgPnAHOd8stkvw";
constexpr std::string_view kA3Key = "GawgguFyGrWKav7AX4VKUg";
constexpr std::string_view kA3Token =
    "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0."
    "6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ."
    "AxY8DCtDaGlsbGljb3RoZQ."
    "KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY."
    "U0m_YmjN04DJvceFICbCVQ";

}  // namespace

TEST(Rfc7516, A1RsaOaepWithA256Gcm) {
  const Key key = encryption_key_of(private_key(kA1Key));
  const Decrypted result = decrypted(key, kA1Token);
  ASSERT_EQ(result.status, Status::Ok) << result.detail;
  EXPECT_EQ(result.plaintext, kA1Plaintext);
  // Again from A.1.2's CEK and A.1.4's IV: the same header, IV, ciphertext and tag; the encrypted
  // key differs (OAEP's seed is random) and decrypts to the same CEK.
  const std::vector<std::string> published = jwe_parts(kA1Token);
  const std::string again = encrypted_again(key, published[0], kA1Plaintext, b64url(kA1Cek), published[2]);
  const std::vector<std::string> parts = jwe_parts(again);
  for (size_t i : {0, 2, 3, 4}) EXPECT_EQ(parts[i], published[i]) << i;
  EXPECT_NE(parts[1], published[1]);
  EXPECT_EQ(decrypted(key, again).plaintext, kA1Plaintext);
}

// RSA1_5 is refused as an unknown algorithm (RFC 8725 §3.2), whatever key is offered; its content
// (A.2.2's CEK, the header as the AAD) is valid A128CBC-HS256, which the content layer opens.
TEST(Rfc7516, A2Rsa15IsRefused) {
  const Key key = encryption_key_of(private_key(kA1Key));
  const Decrypted result = decrypted(key, kA2Token);
  EXPECT_EQ(result.status, Status::AlgNotSupported);
  EXPECT_EQ(result.detail, "alg");
  const std::vector<std::string> parts = jwe_parts(kA2Token);
  std::string plaintext;
  ASSERT_EQ(decrypt_content(ContentEncryption::A128CbcHs256, kA3Cek, from_base64url(parts[2]), parts[0],
                            from_base64url(parts[3]), from_base64url(parts[4]), plaintext),
            Status::Ok);
  EXPECT_EQ(plaintext, kLiveLong);
}

TEST(Rfc7516, A3A128KwWithA128CbcHs256) {
  const Key key = aes_key_of(kA3Key, "A128KW");
  const Decrypted result = decrypted(key, kA3Token);
  ASSERT_EQ(result.status, Status::Ok) << result.detail;
  EXPECT_EQ(result.plaintext, kLiveLong);
  EXPECT_EQ(encrypted_again(key, jwe_parts(kA3Token)[0], kLiveLong, b64url(kA3Cek), "AxY8DCtDaGlsbGljb3RoZQ"), kA3Token);
}

// RFC 7520 §5.2-5.8, each decrypted whole with its published key.
TEST(Rfc7520, CompactExamplesDecrypt) {
  const struct {
    const char *section;
    Key key;
    const Rfc7520Example &example;
    std::string_view plaintext;
  } examples[] = {
      {"5.2", encryption_key_of(private_key(kSamwiseKey)), kSection5_2, kRfc7520Plaintext},
      {"5.3", encryption_key_of(Password(SecretBytes(kPbes2Password)), "PBES2-HS512+A256KW"), kSection5_3, kS53Plaintext},
      {"5.4", encryption_key_of(ec_private_key(Curve::P384, kPeregrinD)), kSection5_4, kRfc7520Plaintext},
      {"5.5", encryption_key_of(ec_private_key(Curve::P256, kMeriadocD)), kSection5_5, kRfc7520Plaintext},
      {"5.6", aes_key_of(kDirKey, "A128GCM"), kSection5_6, kRfc7520Plaintext},
      {"5.7", aes_key_of(kGcmKwKey, "A256GCMKW"), kSection5_7, kRfc7520Plaintext},
      {"5.8", aes_key_of(kKeyWrapKey, "A128KW"), kSection5_8, kRfc7520Plaintext},
  };
  for (const auto &e : examples) {
    const Decrypted result = decrypted(e.key, compact(e.example));
    EXPECT_EQ(result.status, Status::Ok) << e.section << " " << result.detail;
    EXPECT_EQ(result.plaintext, e.plaintext) << e.section;
  }
}

// Where the producer chooses nothing but the CEK and IV (the header carries no "epk" and no
// GCM-wrapping "iv" and "tag", which only its randomness could make), encrypting again gives the
// published token byte for byte; RSA-OAEP all but its encrypted key.
TEST(Rfc7520, CompactExamplesEncryptAgainToThePublishedBytes) {
  const Key password = encryption_key_of(Password(SecretBytes(kPbes2Password)), "PBES2-HS512+A256KW");
  EXPECT_EQ(encrypted_again(password, kSection5_3.protected_header, kS53Plaintext,
                            "uwsjJXaBK407Qaf0_zpcpmr1Cs0CC50hIUEyGNEt3m0", kSection5_3.iv),
            compact(kSection5_3));
  EXPECT_EQ(encrypted_again(aes_key_of(kDirKey, "A128GCM"), kSection5_6.protected_header, kRfc7520Plaintext, "",
                            kSection5_6.iv),
            compact(kSection5_6));
  EXPECT_EQ(encrypted_again(aes_key_of(kKeyWrapKey, "A128KW"), kSection5_8.protected_header, kRfc7520Plaintext,
                            "aY5_Ghmk9KxWPBLu_glx1w", kSection5_8.iv),
            compact(kSection5_8));
  const std::vector<std::string> parts = jwe_parts(encrypted_again(encryption_key_of(private_key(kSamwiseKey)),
                                                                   kSection5_2.protected_header, kRfc7520Plaintext,
                                                                   "mYMfsggkTAm0TbvtlFh2hyoXnbEzJQjMxmgLN3d8xXA",
                                                                   kSection5_2.iv));
  const std::vector<std::string> published = jwe_parts(compact(kSection5_2));
  for (size_t i : {0, 2, 3, 4}) EXPECT_EQ(parts[i], published[i]) << i;
}

// RFC 8037 A.6: ECDH-ES+A128KW to Bob's X25519 key with Alice's ephemeral key and the header the
// appendix gives. The appendix stops at Z (checked against it in x25519_test.cpp); the rest is
// RFC 7518's, done here with the crypto layer directly, so the JWE layer has a token it did not
// make to read the epk of, agree on, unwrap and decrypt.
TEST(Rfc8037, A6EcdhEsWithX25519) {
  const std::string header =
      R"({"alg":"ECDH-ES+A128KW","epk":{"kty":"OKP","crv":"X25519","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"},"enc":"A128GCM"})";
  uint8_t kek[16];
  ASSERT_EQ(concat_kdf(from_hex(kSharedSecret), std::string_view("ECDH-ES+A128KW"), {}, {}, sizeof kek, kek), Status::Ok);
  const std::vector<uint8_t> cek(16, 0x2a), iv(12, 0x07);
  std::vector<uint8_t> wrapped(cek.size() + kKeyWrapOverhead), ciphertext, tag;
  ASSERT_EQ(aes_key_wrap(ByteView(kek, sizeof kek), cek, wrapped.data()), Status::Ok);
  const std::string aad = b64url(header);
  ASSERT_EQ(encrypt_content(ContentEncryption::A128Gcm, cek, iv, aad, kLiveLong, ciphertext, tag), Status::Ok);
  const std::string token = joined({aad, b64url(wrapped), b64url(iv), b64url(ciphertext), b64url(tag)});

  X25519PrivateKey bob;
  bob.scalar = SecretBytes(from_hex(kBobPrivate));
  const Key key = encryption_key_of(std::move(bob));
  const Decrypted result = decrypted(key, token);
  ASSERT_EQ(result.status, Status::Ok) << result.detail;
  EXPECT_EQ(result.plaintext, kLiveLong);
  // Alice's key is no recipient.
  X25519PrivateKey alice;
  alice.scalar = SecretBytes(from_hex(kAlicePrivate));
  EXPECT_EQ(decrypted(encryption_key_of(std::move(alice)), token).status, Status::JweDecryptionFailed);
}
