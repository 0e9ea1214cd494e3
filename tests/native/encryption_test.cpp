// The JWE tables: every "alg" and "enc" found by what RFC 7518 calls it, RSA1_5 absent, and each
// algorithm's mode, key families, sizes and hashes as the RFC defines them.
#include "jwa/encryption.h"

#include <gtest/gtest.h>

using namespace edgejwt;

TEST(EncryptionAlgorithms, NamesAreExactAndRsa15IsAbsent) {
  for (unsigned i = 0; i < kKeyManagementCount; ++i) {
    const auto alg = static_cast<KeyManagement>(i);
    KeyManagement found;
    ASSERT_TRUE(key_management_from_name(key_management_name(alg), found)) << key_management_name(alg);
    EXPECT_EQ(found, alg);
    EXPECT_EQ(key_management_info(alg).alg, alg);
  }
  for (unsigned i = 0; i < kContentEncryptionCount; ++i) {
    const auto enc = static_cast<ContentEncryption>(i);
    ContentEncryption found;
    ASSERT_TRUE(content_encryption_from_name(content_encryption_name(enc), found));
    EXPECT_EQ(found, enc);
  }
  KeyManagement alg;
  for (const char *name : {"RSA1_5", "none", "ES256", "HS256", "a128kw", "A128KW ", "ECDH-ES+A128GCMKW", "A128GCM", ""}) {
    EXPECT_FALSE(key_management_from_name(name, alg)) << name;
  }
  ContentEncryption enc;
  for (const char *name : {"A128KW", "A128CBC+HS256", "a128gcm", "A128CBC", "dir"}) {
    EXPECT_FALSE(content_encryption_from_name(name, enc)) << name;
  }
}

// RFC 7518 §4.1's table: the mode of each, the AES key that wraps the CEK, PBES2's and OAEP's hashes.
TEST(EncryptionAlgorithms, ModesSizesAndHashes) {
  const struct {
    const char *name;
    KeyManagementMode mode;
    size_t kek_size;
  } expected[] = {
      {"dir", KeyManagementMode::Direct, 0},
      {"A192KW", KeyManagementMode::AesKeyWrap, 24},
      {"A256GCMKW", KeyManagementMode::AesGcmKeyWrap, 32},
      {"ECDH-ES", KeyManagementMode::EcdhEs, 0},
      {"ECDH-ES+A128KW", KeyManagementMode::EcdhEsKeyWrap, 16},
      {"RSA-OAEP-384", KeyManagementMode::RsaOaep, 0},
      {"PBES2-HS384+A192KW", KeyManagementMode::Pbes2, 24},
  };
  for (const auto &e : expected) {
    KeyManagement alg;
    ASSERT_TRUE(key_management_from_name(e.name, alg));
    EXPECT_EQ(key_management_mode(alg), e.mode) << e.name;
    EXPECT_EQ(key_management_info(alg).kek_size, e.kek_size) << e.name;
  }
  EXPECT_EQ(key_management_info(KeyManagement::Pbes2Hs512A256KW).prf, Hash::Sha512);
  EXPECT_EQ(key_management_info(KeyManagement::RsaOaep).oaep, OaepHash::Sha1);
  EXPECT_EQ(key_management_info(KeyManagement::RsaOaep256).oaep, OaepHash::Sha256);
  EXPECT_EQ(key_management_info(KeyManagement::RsaOaep512).oaep, OaepHash::Sha512);
  EXPECT_TRUE(is_key_agreement(KeyManagement::EcdhEsA256KW));
  EXPECT_FALSE(is_key_agreement(KeyManagement::A256KW));
}

// RFC 7518 §5.2.3-5.2.5 and §5.3: the CEK, IV and tag of every "enc".
TEST(EncryptionAlgorithms, ContentEncryptionSizes) {
  const struct {
    ContentEncryption enc;
    ContentCipher cipher;
    size_t key, iv, tag;
  } expected[] = {
      {ContentEncryption::A128CbcHs256, ContentCipher::AesCbcHmac, 32, 16, 16},
      {ContentEncryption::A192CbcHs384, ContentCipher::AesCbcHmac, 48, 16, 24},
      {ContentEncryption::A256CbcHs512, ContentCipher::AesCbcHmac, 64, 16, 32},
      {ContentEncryption::A128Gcm, ContentCipher::AesGcm, 16, 12, 16},
      {ContentEncryption::A192Gcm, ContentCipher::AesGcm, 24, 12, 16},
      {ContentEncryption::A256Gcm, ContentCipher::AesGcm, 32, 12, 16},
  };
  for (const auto &e : expected) {
    const ContentEncryptionInfo &info = content_encryption_info(e.enc);
    EXPECT_EQ(info.cipher, e.cipher) << info.name;
    EXPECT_EQ(info.key_size, e.key) << info.name;
    EXPECT_EQ(info.iv_size, e.iv) << info.name;
    EXPECT_EQ(info.tag_size, e.tag) << info.name;
  }
}

// Which keys serve which algorithms: AES keys the symmetric ones, RSA keys RSA-OAEP, every curve
// (X25519 included) ECDH-ES, passwords PBES2; HMAC and Ed25519 keys none.
TEST(EncryptionAlgorithms, FamiliesOfEachAlgorithm) {
  for (unsigned i = 0; i < kKeyManagementCount; ++i) {
    const auto alg = static_cast<KeyManagement>(i);
    const KeyManagementInfo &info = key_management_info(alg);
    KeyFamilySet expected;
    switch (info.mode) {
      case KeyManagementMode::Direct:
      case KeyManagementMode::AesKeyWrap:
      case KeyManagementMode::AesGcmKeyWrap:
        expected = KeyFamilySet::of(KeyFamily::Aes);
        break;
      case KeyManagementMode::EcdhEs:
      case KeyManagementMode::EcdhEsKeyWrap:
        for (KeyFamily family : {KeyFamily::EcP256, KeyFamily::EcP384, KeyFamily::EcP521, KeyFamily::X25519}) {
          expected.add(family);
        }
        break;
      case KeyManagementMode::RsaOaep:
        expected = KeyFamilySet::of(KeyFamily::Rsa);
        break;
      case KeyManagementMode::Pbes2:
        expected = KeyFamilySet::of(KeyFamily::Password);
        break;
    }
    EXPECT_EQ(info.families, expected) << info.name;
  }
  EXPECT_TRUE(key_management_of_family(KeyFamily::Hmac).empty());
  EXPECT_TRUE(key_management_of_family(KeyFamily::Ed25519).empty());
  EXPECT_FALSE(family_serves(KeyFamily::Ed25519, KeyUse::Encryption));
  EXPECT_TRUE(family_serves(KeyFamily::Rsa, KeyUse::Encryption));
  EXPECT_TRUE(family_serves(KeyFamily::Rsa, KeyUse::Signature));
  EXPECT_FALSE(family_serves(KeyFamily::X25519, KeyUse::Signature));
  EXPECT_EQ(key_family_info(KeyFamily::X25519).kty, "OKP");
  EXPECT_EQ(key_family_info(KeyFamily::X25519).crv, "X25519");
  EXPECT_EQ(key_family_info(KeyFamily::Aes).kty, "oct");
  EXPECT_EQ(key_family_info(KeyFamily::Password).kty, "oct");
}
