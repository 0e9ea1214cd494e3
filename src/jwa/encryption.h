// The facts of JWE's algorithms (RFC 7518 §4 and §5, RFC 8037 §3.2), in one table each: the key
// management "alg" values, each with its mode (RFC 7516 §2), the key families it takes and the
// sizes and hashes of its construction; and the content encryption "enc" values with their key, IV
// and tag sizes. Keys, JWE and the bindings derive what they need from here. "RSA1_5" is
// deliberately absent (RFC 8725 §3.2: RSAES-PKCS1-v1_5 invites Bleichenbacher's attack), so a token
// that names it is refused as an unknown algorithm.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../crypto/hash.h"
#include "../crypto/rsa_oaep.h"
#include "algorithm.h"
#include "enum_set.h"

namespace edgejwt {

enum class KeyManagement : uint8_t {
  Dir,
  A128KW, A192KW, A256KW,
  A128GCMKW, A192GCMKW, A256GCMKW,
  EcdhEs, EcdhEsA128KW, EcdhEsA192KW, EcdhEsA256KW,
  RsaOaep, RsaOaep256, RsaOaep384, RsaOaep512,
  Pbes2Hs256A128KW, Pbes2Hs384A192KW, Pbes2Hs512A256KW,
};
constexpr unsigned kKeyManagementCount = 18;
using KeyManagementSet = EnumSet<KeyManagement>;

// How the content encryption key (CEK) is determined (RFC 7516 §2).
enum class KeyManagementMode : uint8_t {
  Direct,         // dir: the shared key is the CEK
  AesKeyWrap,     // AxxxKW: a random CEK wrapped with AES Key Wrap (RFC 3394)
  AesGcmKeyWrap,  // AxxxGCMKW: a random CEK encrypted with AES-GCM, its IV and tag in the header
  EcdhEs,         // ECDH-ES: the key agreed with an ephemeral key is the CEK
  EcdhEsKeyWrap,  // ECDH-ES+AxxxKW: the key agreed with an ephemeral key wraps a random CEK
  RsaOaep,        // RSA-OAEP*: a random CEK encrypted with RSAES-OAEP
  Pbes2,          // PBES2-*: a key derived from a password with PBKDF2 wraps a random CEK
};

struct KeyManagementInfo {
  KeyManagement alg;
  std::string_view name;  // the JWE "alg" value
  KeyManagementMode mode;
  KeyFamilySet families;  // the families of keys it takes
  // Bytes of the AES key that wraps the CEK (the key itself for AxxxKW and AxxxGCMKW, the agreed
  // or derived key for ECDH-ES+AxxxKW and PBES2); 0 where no AES key wraps it.
  size_t kek_size;
  Hash prf;        // PBES2's HMAC hash (Sha256 elsewhere, unused)
  OaepHash oaep;   // RSA-OAEP's hash (Sha1 elsewhere, unused)
};

enum class ContentEncryption : uint8_t { A128CbcHs256, A192CbcHs384, A256CbcHs512, A128Gcm, A192Gcm, A256Gcm };
constexpr unsigned kContentEncryptionCount = 6;
using ContentEncryptionSet = EnumSet<ContentEncryption>;

enum class ContentCipher : uint8_t { AesCbcHmac, AesGcm };

struct ContentEncryptionInfo {
  ContentEncryption enc;
  std::string_view name;  // the JWE "enc" value
  ContentCipher cipher;
  size_t key_size;  // the CEK: 32/48/64 for CBC-HMAC (MAC key || AES key), 16/24/32 for GCM
  size_t iv_size;
  size_t tag_size;
};

// The largest CEK (A256CBC-HS512's) and the largest IV and tag of any "enc".
constexpr size_t kMaxContentKeySize = 64;
constexpr size_t kMaxContentIvSize = 16;
constexpr size_t kMaxContentTagSize = 32;

const KeyManagementInfo &key_management_info(KeyManagement alg);
const ContentEncryptionInfo &content_encryption_info(ContentEncryption enc);

// Case-sensitive; false for anything not in the tables ("RSA1_5" included).
bool key_management_from_name(std::string_view name, KeyManagement &out);
bool content_encryption_from_name(std::string_view name, ContentEncryption &out);
inline std::string_view key_management_name(KeyManagement alg) { return key_management_info(alg).name; }
inline std::string_view content_encryption_name(ContentEncryption enc) { return content_encryption_info(enc).name; }
inline KeyManagementMode key_management_mode(KeyManagement alg) { return key_management_info(alg).mode; }
// The mode's stable name in edgejwt_algorithms' table ("dir", "aes-kw", "aes-gcm-kw", "ecdh-es",
// "ecdh-es-kw", "rsa-oaep", "pbes2"), by which a host knows which step of an "alg" it may compute.
std::string_view key_management_mode_name(KeyManagementMode mode);

// ECDH-ES in either mode.
inline bool is_key_agreement(KeyManagement alg) {
  const KeyManagementMode mode = key_management_mode(alg);
  return mode == KeyManagementMode::EcdhEs || mode == KeyManagementMode::EcdhEsKeyWrap;
}

// The algorithms whose costly step a host may compute for the core (edgejwt_decrypt_agreed): the
// agreement of ECDH-ES, the private-key decryption of RSA-OAEP, the PBKDF2 of PBES2.
inline bool is_host_computed(KeyManagement alg) {
  const KeyManagementMode mode = key_management_mode(alg);
  return is_key_agreement(alg) || mode == KeyManagementMode::RsaOaep || mode == KeyManagementMode::Pbes2;
}

// The JWE algorithms a key of `family` may serve (empty for the signature-only families).
KeyManagementSet key_management_of_family(KeyFamily family);
// Whether a key of `family` can serve `use` at all: some JWS algorithm has it (Signature), or some
// JWE algorithm takes it (Encryption). Inline, so that a caller naming the use links only its table
// (the key layer's bindings, key.h).
inline bool family_serves(KeyFamily family, KeyUse use) {
  return use == KeyUse::Signature ? !algorithms_of_family(family).empty() : !key_management_of_family(family).empty();
}

}  // namespace edgejwt
