// The JWE examples of RFC 7520 §5 whose algorithms edgejwt implements, and nested in them every
// construction under JWE (src/crypto/): each example is decrypted the way a JWE layer will, from
// the published key and the published encrypted key, IV, ciphertext and tag, and where the
// example's randomness is published (CEK, IV, ephemeral key, salt) encrypted again to the published
// bytes. §5.1 (RSA1_5) is not implemented (RFC 8725 §3.2); §5.9 to §5.12 reuse §5.8's algorithms
// with compression (refused by JWE's framing) or the JSON serialization (framing as well).
// The values are the examples' own, base64url as published; the AAD of compact-serialization
// content encryption is the protected header's base64url text (RFC 7516 §5.1 step 14).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/aes_cbc_hmac.h"
#include "crypto/aes_gcm.h"
#include "crypto/aes_key_wrap.h"
#include "crypto/concat_kdf.h"
#include "crypto/ecdh.h"
#include "crypto/pbkdf2.h"
#include "crypto/rsa_oaep.h"
#include "rfc7520_jwe.h"
#include "rsa_keys.h"
#include "test_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

enum class Enc { A128Gcm, A256Gcm, A128CbcHs256 };

// The example's content, decrypted with `cek` under `enc`; also encrypted again from the published
// plaintext, CEK and IV to the published ciphertext and tag.
std::string content(Enc enc, ByteView cek, std::string_view iv, std::string_view aad, std::string_view ciphertext,
                    std::string_view tag, std::string_view plaintext) {
  const auto iv_bytes = from_base64url(iv), ciphertext_bytes = from_base64url(ciphertext), tag_bytes = from_base64url(tag);
  std::vector<uint8_t> opened(ciphertext_bytes.size()), sealed(ciphertext_bytes.size() + 16), sealed_tag(32);
  size_t opened_size = opened.size();
  Status status;
  if (enc == Enc::A128CbcHs256) {
    status = aes_cbc_hmac_decrypt(cek, iv_bytes, aad, ciphertext_bytes, tag_bytes, opened.data(), opened_size);
    EXPECT_EQ(aes_cbc_hmac_encrypt(cek, iv_bytes, aad, plaintext, sealed.data(), sealed_tag.data()), Status::Ok);
    sealed.resize(cbc_hmac_ciphertext_size(plaintext.size()));
    sealed_tag.resize(cbc_hmac_tag_size(cek.size));
  } else {
    status = aes_gcm_decrypt(cek, iv_bytes, aad, ciphertext_bytes, tag_bytes, opened.data());
    EXPECT_EQ(aes_gcm_encrypt(cek, iv_bytes, aad, plaintext, sealed.data(), sealed_tag.data()), Status::Ok);
    sealed.resize(plaintext.size());
    sealed_tag.resize(kGcmTagSize);
  }
  EXPECT_EQ(sealed, ciphertext_bytes);
  EXPECT_EQ(sealed_tag, tag_bytes);
  EXPECT_EQ(cek.size, enc == Enc::A128Gcm ? 16u : 32u);
  if (status != Status::Ok) return "decryption failed: " + std::string(status_name(status));
  return std::string(opened.begin(), opened.begin() + static_cast<std::ptrdiff_t>(opened_size));
}

std::vector<uint8_t> unwrap(ByteView kek, std::string_view encrypted_key) {
  const auto wrapped = from_base64url(encrypted_key);
  std::vector<uint8_t> cek(wrapped.size() - kKeyWrapOverhead);
  EXPECT_EQ(aes_key_unwrap(kek, wrapped, cek.data()), Status::Ok);
  return cek;
}

std::vector<uint8_t> wrap(ByteView kek, ByteView cek) {
  std::vector<uint8_t> wrapped(cek.size + kKeyWrapOverhead);
  EXPECT_EQ(aes_key_wrap(kek, cek, wrapped.data()), Status::Ok);
  return wrapped;
}

EcPublicKey ec_public_key(Curve curve, std::string_view x, std::string_view y) {
  EcPublicKey key;
  key.curve = curve;
  key.point = {0x04};
  for (std::string_view coordinate : {x, y}) {
    const auto bytes = from_base64url(coordinate);
    key.point.insert(key.point.end(), bytes.begin(), bytes.end());
  }
  return key;
}

// ECDH-ES's key (RFC 7518 §4.6.2): Concat KDF over the shared secret with the algorithm ID and no
// apu/apv, as every RFC 7520 example has.
std::vector<uint8_t> ecdh_es_key(const EcPrivateKey &key, const EcPublicKey &peer, std::string_view algorithm,
                                 size_t size) {
  std::vector<uint8_t> z(curve_size(key.public_key.curve)), derived(size);
  EXPECT_EQ(ecdh_shared_secret(key, peer, z.data()), Status::Ok);
  EXPECT_EQ(concat_kdf(z, algorithm, {}, {}, size, derived.data()), Status::Ok);
  return derived;
}

}  // namespace

// §5.2: RSA-OAEP (SHA-1) key encryption, A256GCM content.
TEST(Rfc7520Jwe, Section5_2RsaOaepWithA256Gcm) {
  const RsaPrivateKey key = private_key(kSamwiseKey);
  uint8_t cek[64];
  size_t cek_size = 0;
  ASSERT_EQ(rsa_oaep_decrypt(OaepHash::Sha1, key, from_base64url(kSection5_2.encrypted_key), cek, sizeof cek, cek_size), Status::Ok);
  EXPECT_EQ(std::vector<uint8_t>(cek, cek + cek_size), from_base64url("mYMfsggkTAm0TbvtlFh2hyoXnbEzJQjMxmgLN3d8xXA"));
  EXPECT_EQ(content(Enc::A256Gcm, ByteView(cek, cek_size), kSection5_2.iv, kS52Protected, kS52Ciphertext,
                    kSection5_2.tag, kRfc7520Plaintext),
            kRfc7520Plaintext);
}

// §5.3: PBES2-HS512+A256KW (p2c 8192) key wrapping, A128CBC-HS256 content.
TEST(Rfc7520Jwe, Section5_3Pbes2WithA128CbcHs256) {
  std::string salt("PBES2-HS512+A256KW");
  salt.push_back('\0');
  const auto p2s = from_base64url(kS53P2s);
  salt.append(p2s.begin(), p2s.end());
  uint8_t kek[32];
  ASSERT_EQ(pbkdf2(Hash::Sha512, kPbes2Password, salt, 8192,
                   kek, sizeof kek),
            Status::Ok);
  const auto cek = unwrap(ByteView(kek, sizeof kek), kSection5_3.encrypted_key);
  EXPECT_EQ(cek, from_base64url("uwsjJXaBK407Qaf0_zpcpmr1Cs0CC50hIUEyGNEt3m0"));
  EXPECT_EQ(wrap(ByteView(kek, sizeof kek), cek), from_base64url(kSection5_3.encrypted_key));
  EXPECT_EQ(content(Enc::A128CbcHs256, cek, kSection5_3.iv, kS53Protected, kS53Ciphertext,
                    kSection5_3.tag, kS53Plaintext),
            kS53Plaintext);
}

// §5.4: ECDH-ES+A128KW on P-384, A128GCM content.
TEST(Rfc7520Jwe, Section5_4EcdhEsA128KwWithA128Gcm) {
  const EcPrivateKey peregrin = ec_private_key(Curve::P384, kPeregrinD);
  const EcPublicKey epk = ec_public_key(Curve::P384, "uBo4kHPw6kbjx5l0xowrd_oYzBmaz-GKFZu4xAFFkbYiWgutEK6iuEDsQ6wNdNg3",
                                        "sp3p5SGhZVC2faXumI-e9JU2Mo8KpoYrFDr5yPNVtW4PgEwZOyQTA-JdaY8tb7E0");
  const auto kek = ecdh_es_key(peregrin, epk, "ECDH-ES+A128KW", 16);
  const auto cek = unwrap(kek, kSection5_4.encrypted_key);
  EXPECT_EQ(cek, from_base64url("Nou2ueKlP70ZXDbq9UrRwg"));
  // The sender's side, from the published ephemeral private key and Peregrin's public key.
  const EcPrivateKey ephemeral = ec_private_key(Curve::P384, "D5H4Y_5PSKZvhfVFbcCYJOtcGZygRgfZkpsBr59Icmmhe9sW6nkZ8WfwhinUfWJg");
  const EcPublicKey peregrin_public =
      ec_public_key(Curve::P384, "YU4rRUzdmVqmRtWOs2OpDE_T5fsNIodcG8G5FWPrTPMyxpzsSOGaQLpe2FpxBmu2",
                    "A8-yxCHxkfBz3hKZfI1jUYMjUhsEveZ9THuwFjH2sCNdtksRJU7D5-SkgaFL1ETP");
  EXPECT_EQ(wrap(ecdh_es_key(ephemeral, peregrin_public, "ECDH-ES+A128KW", 16), cek),
            from_base64url(kSection5_4.encrypted_key));
  EXPECT_EQ(content(Enc::A128Gcm, cek, kSection5_4.iv, kS54Protected, kS54Ciphertext, kSection5_4.tag,
                    kRfc7520Plaintext),
            kRfc7520Plaintext);
}

// §5.5: ECDH-ES (direct key agreement) on P-256, A128CBC-HS256 content: the derived key is the CEK.
TEST(Rfc7520Jwe, Section5_5EcdhEsWithA128CbcHs256) {
  const EcPrivateKey meriadoc = ec_private_key(Curve::P256, kMeriadocD);
  const EcPublicKey epk = ec_public_key(Curve::P256, "mPUKT_bAWGHIhg0TpjjqVsP1rXWQu_vwVOHHtNkdYoA",
                                        "8BQAsImGeAS46fyWw5MhYfGTT0IjBpFw2SS34Dv4Irs");
  const auto cek = ecdh_es_key(meriadoc, epk, "A128CBC-HS256", 32);
  EXPECT_EQ(cek, from_base64url("hzHdlfQIAEehb8Hrd_mFRhKsKLEzPfshfXs9l6areCc"));
  EXPECT_EQ(content(Enc::A128CbcHs256, cek, kSection5_5.iv, kS55Protected, kS55Ciphertext,
                    kSection5_5.tag, kRfc7520Plaintext),
            kRfc7520Plaintext);
}

// §5.6: "dir", A128GCM content under the shared key itself.
TEST(Rfc7520Jwe, Section5_6DirectWithA128Gcm) {
  EXPECT_EQ(content(Enc::A128Gcm, from_base64url(kDirKey), kSection5_6.iv, kS56Protected,
                    kS56Ciphertext, kSection5_6.tag, kRfc7520Plaintext),
            kRfc7520Plaintext);
}

// §5.7: A256GCMKW key wrapping (IV and tag in the header, no AAD), A128CBC-HS256 content.
TEST(Rfc7520Jwe, Section5_7A256GcmKwWithA128CbcHs256) {
  const auto kek = from_base64url(kGcmKwKey), iv = from_base64url("KkYT0GX_2jHlfqN_");
  const auto encrypted_key = from_base64url(kSection5_7.encrypted_key);
  const auto tag = from_base64url("kfPduVQ3T3H6vnewt--ksw");
  std::vector<uint8_t> cek(encrypted_key.size()), rewrapped(cek.size()), retag(kGcmTagSize);
  ASSERT_EQ(aes_gcm_decrypt(kek, iv, {}, encrypted_key, tag, cek.data()), Status::Ok);
  EXPECT_EQ(cek, from_base64url("UWxARpat23nL9ReIj4WG3D1ee9I4r-Mv5QLuFXdy_rE"));
  ASSERT_EQ(aes_gcm_encrypt(kek, iv, {}, cek, rewrapped.data(), retag.data()), Status::Ok);
  EXPECT_EQ(rewrapped, encrypted_key);
  EXPECT_EQ(retag, tag);
  EXPECT_EQ(content(Enc::A128CbcHs256, cek, kSection5_7.iv, kS57Protected, kS57Ciphertext,
                    kSection5_7.tag, kRfc7520Plaintext),
            kRfc7520Plaintext);
}

// §5.8: A128KW key wrapping, A128GCM content.
TEST(Rfc7520Jwe, Section5_8A128KwWithA128Gcm) {
  const auto kek = from_base64url(kKeyWrapKey);
  const auto cek = unwrap(kek, kSection5_8.encrypted_key);
  EXPECT_EQ(cek, from_base64url("aY5_Ghmk9KxWPBLu_glx1w"));
  EXPECT_EQ(wrap(kek, cek), from_base64url(kSection5_8.encrypted_key));
  EXPECT_EQ(content(Enc::A128Gcm, cek, kSection5_8.iv, kS58Protected, kS58Ciphertext, kSection5_8.tag,
                    kRfc7520Plaintext),
            kRfc7520Plaintext);
}

// §5.13: one CEK for three recipients; the ECDH-ES+A256KW (P-384) and A256GCMKW recipients each
// recover it (the third, RSA1_5, is refused by edgejwt), and it decrypts the A128CBC-HS256 content.
TEST(Rfc7520Jwe, Section5_13TwoRecipientsOneCek) {
  const std::vector<uint8_t> expected = from_base64url("zXayeJ4gvm8NJr3IUInyokTUO-LbQNKEhe_zWlYbdpQ");
  const EcPublicKey epk = ec_public_key(Curve::P384, "Uzdvk3pi5wKCRc1izp5_r0OjeqT-I68i8g2b8mva8diRhsE2xAn2DtMRb25Ma2CX",
                                        "VDrRyFJh-Kwd1EjAgmj5Eo-CTHAZ53MC7PjjpLioy3ylEjI1pOMbw91fzZ84pbfm");
  const auto kek = ecdh_es_key(ec_private_key(Curve::P384, kPeregrinD), epk, "ECDH-ES+A256KW", 32);
  EXPECT_EQ(unwrap(kek, "ExInT0io9BqBMYF6-maw5tZlgoZXThD1zWKsHixJuw_elY4gSSId_w"), expected);
  const auto encrypted_key = from_base64url("a7CclAejo_7JSuPB8zeagxXRam8dwCfmkt9-WyTpS1E");
  std::vector<uint8_t> cek(encrypted_key.size());
  ASSERT_EQ(aes_gcm_decrypt(from_base64url(kGcmKwKey), from_base64url("AvpeoPZ9Ncn9mkBn"), {}, encrypted_key,
                            from_base64url("59Nqh1LlYtVIhfD3pgRGvw"), cek.data()),
            Status::Ok);
  EXPECT_EQ(cek, expected);
  EXPECT_EQ(content(Enc::A128CbcHs256, cek, "VgEIHY20EnzUtZFl2RpB1g", "eyJlbmMiOiJBMTI4Q0JDLUhTMjU2In0",
                    kS513Ciphertext, "BESYyFN7T09KY7i8zKs5_g", kRfc7520Plaintext),
            kRfc7520Plaintext);
}
