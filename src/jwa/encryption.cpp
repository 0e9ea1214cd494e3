#include "encryption.h"

#include "../crypto/aes_cbc_hmac.h"
#include "../crypto/aes_gcm.h"
#include "table.h"

namespace edgejwt {
namespace {

constexpr KeyFamilySet kAes = KeyFamilySet::of(KeyFamily::Aes);
constexpr KeyFamilySet kRsa = KeyFamilySet::of(KeyFamily::Rsa);
constexpr KeyFamilySet kPassword = KeyFamilySet::of(KeyFamily::Password);
// ECDH-ES on every curve: RFC 7518 §4.6's P-curves and RFC 8037 §3.2's X25519.
constexpr KeyFamilySet kAgreement = KeyFamilySet::of(KeyFamily::EcP256) | KeyFamilySet::of(KeyFamily::EcP384) |
                                    KeyFamilySet::of(KeyFamily::EcP521) | KeyFamilySet::of(KeyFamily::X25519);

using Mode = KeyManagementMode;

// Indexed by KeyManagement.
constexpr KeyManagementInfo kKeyManagement[kKeyManagementCount] = {
    {KeyManagement::Dir, "dir", Mode::Direct, kAes, 0, Hash::Sha256, OaepHash::Sha1},
    {KeyManagement::A128KW, "A128KW", Mode::AesKeyWrap, kAes, 16, Hash::Sha256, OaepHash::Sha1},
    {KeyManagement::A192KW, "A192KW", Mode::AesKeyWrap, kAes, 24, Hash::Sha256, OaepHash::Sha1},
    {KeyManagement::A256KW, "A256KW", Mode::AesKeyWrap, kAes, 32, Hash::Sha256, OaepHash::Sha1},
    {KeyManagement::A128GCMKW, "A128GCMKW", Mode::AesGcmKeyWrap, kAes, 16, Hash::Sha256, OaepHash::Sha1},
    {KeyManagement::A192GCMKW, "A192GCMKW", Mode::AesGcmKeyWrap, kAes, 24, Hash::Sha256, OaepHash::Sha1},
    {KeyManagement::A256GCMKW, "A256GCMKW", Mode::AesGcmKeyWrap, kAes, 32, Hash::Sha256, OaepHash::Sha1},
    {KeyManagement::EcdhEs, "ECDH-ES", Mode::EcdhEs, kAgreement, 0, Hash::Sha256, OaepHash::Sha1},
    {KeyManagement::EcdhEsA128KW, "ECDH-ES+A128KW", Mode::EcdhEsKeyWrap, kAgreement, 16, Hash::Sha256, OaepHash::Sha1},
    {KeyManagement::EcdhEsA192KW, "ECDH-ES+A192KW", Mode::EcdhEsKeyWrap, kAgreement, 24, Hash::Sha256, OaepHash::Sha1},
    {KeyManagement::EcdhEsA256KW, "ECDH-ES+A256KW", Mode::EcdhEsKeyWrap, kAgreement, 32, Hash::Sha256, OaepHash::Sha1},
    {KeyManagement::RsaOaep, "RSA-OAEP", Mode::RsaOaep, kRsa, 0, Hash::Sha256, OaepHash::Sha1},
    {KeyManagement::RsaOaep256, "RSA-OAEP-256", Mode::RsaOaep, kRsa, 0, Hash::Sha256, OaepHash::Sha256},
    {KeyManagement::RsaOaep384, "RSA-OAEP-384", Mode::RsaOaep, kRsa, 0, Hash::Sha256, OaepHash::Sha384},
    {KeyManagement::RsaOaep512, "RSA-OAEP-512", Mode::RsaOaep, kRsa, 0, Hash::Sha256, OaepHash::Sha512},
    {KeyManagement::Pbes2Hs256A128KW, "PBES2-HS256+A128KW", Mode::Pbes2, kPassword, 16, Hash::Sha256, OaepHash::Sha1},
    {KeyManagement::Pbes2Hs384A192KW, "PBES2-HS384+A192KW", Mode::Pbes2, kPassword, 24, Hash::Sha384, OaepHash::Sha1},
    {KeyManagement::Pbes2Hs512A256KW, "PBES2-HS512+A256KW", Mode::Pbes2, kPassword, 32, Hash::Sha512, OaepHash::Sha1},
};

using Cipher = ContentCipher;

// Indexed by ContentEncryption. RFC 7518 §5.2.3-5.2.5: the CBC-HMAC key is MAC key || AES key, the
// tag half the HMAC; §5.3: GCM with a 96-bit IV and a 128-bit tag.
constexpr ContentEncryptionInfo kContentEncryption[kContentEncryptionCount] = {
    {ContentEncryption::A128CbcHs256, "A128CBC-HS256", Cipher::AesCbcHmac, 32, kCbcHmacIvSize, cbc_hmac_tag_size(32)},
    {ContentEncryption::A192CbcHs384, "A192CBC-HS384", Cipher::AesCbcHmac, 48, kCbcHmacIvSize, cbc_hmac_tag_size(48)},
    {ContentEncryption::A256CbcHs512, "A256CBC-HS512", Cipher::AesCbcHmac, 64, kCbcHmacIvSize, cbc_hmac_tag_size(64)},
    {ContentEncryption::A128Gcm, "A128GCM", Cipher::AesGcm, 16, kGcmIvSize, kGcmTagSize},
    {ContentEncryption::A192Gcm, "A192GCM", Cipher::AesGcm, 24, kGcmIvSize, kGcmTagSize},
    {ContentEncryption::A256Gcm, "A256GCM", Cipher::AesGcm, 32, kGcmIvSize, kGcmTagSize},
};

constexpr bool tables_are_indexed_by_their_enums() {
  for (unsigned i = 0; i < kKeyManagementCount; ++i) {
    if (static_cast<unsigned>(kKeyManagement[i].alg) != i) return false;
  }
  for (unsigned i = 0; i < kContentEncryptionCount; ++i) {
    if (static_cast<unsigned>(kContentEncryption[i].enc) != i) return false;
  }
  return true;
}
static_assert(tables_are_indexed_by_their_enums(), "the JWE tables follow KeyManagement and ContentEncryption");

// An AES key wraps the CEK exactly in the modes that wrap, and it is an AES-128/192/256 key.
constexpr bool wrapping_entries_agree() {
  for (const KeyManagementInfo &info : kKeyManagement) {
    const bool wraps = info.mode == Mode::AesKeyWrap || info.mode == Mode::AesGcmKeyWrap ||
                       info.mode == Mode::EcdhEsKeyWrap || info.mode == Mode::Pbes2;
    if (wraps != (info.kek_size != 0)) return false;
    if (wraps && info.kek_size != 16 && info.kek_size != 24 && info.kek_size != 32) return false;
  }
  return true;
}
static_assert(wrapping_entries_agree(), "key-wrapping algorithms and their AES key sizes agree");

constexpr bool bounds_hold() {
  for (const ContentEncryptionInfo &info : kContentEncryption) {
    if (info.key_size > kMaxContentKeySize || info.iv_size > kMaxContentIvSize || info.tag_size > kMaxContentTagSize) {
      return false;
    }
  }
  return true;
}
static_assert(bounds_hold(), "kMaxContent*Size bound every enc");

}  // namespace

const KeyManagementInfo &key_management_info(KeyManagement alg) { return kKeyManagement[static_cast<unsigned>(alg)]; }
const ContentEncryptionInfo &content_encryption_info(ContentEncryption enc) {
  return kContentEncryption[static_cast<unsigned>(enc)];
}

std::string_view key_management_mode_name(KeyManagementMode mode) {
  switch (mode) {
    case Mode::Direct:
      return "dir";
    case Mode::AesKeyWrap:
      return "aes-kw";
    case Mode::AesGcmKeyWrap:
      return "aes-gcm-kw";
    case Mode::EcdhEs:
      return "ecdh-es";
    case Mode::EcdhEsKeyWrap:
      return "ecdh-es-kw";
    case Mode::RsaOaep:
      return "rsa-oaep";
    case Mode::Pbes2:
      return "pbes2";
  }
  return "";
}

bool key_management_from_name(std::string_view name, KeyManagement &out) {
  return find_by_name(kKeyManagement, name, &KeyManagementInfo::alg, out);
}

bool content_encryption_from_name(std::string_view name, ContentEncryption &out) {
  return find_by_name(kContentEncryption, name, &ContentEncryptionInfo::enc, out);
}

KeyManagementSet key_management_of_family(KeyFamily family) {
  KeyManagementSet set;
  for (const KeyManagementInfo &info : kKeyManagement) {
    if (info.families.contains(family)) set.add(info.alg);
  }
  return set;
}

}  // namespace edgejwt
