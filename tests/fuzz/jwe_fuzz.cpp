// libFuzzer target: compact JWE decryption (src/jwe/, src/jwt/decrypt) with the token an attacker
// sends, under the harness's fixed keys (jwe_keys.json: one per key family and mode, made with
// node:crypto; seeds/jwe holds tokens jose made for them, see make_jwe_seeds.mjs). The first byte
// picks what to do:
//   - even: the rest is a token, decrypted with one key (byte / 2 picks it) or with the whole set,
//     as bytes and as an encrypted JWT. Every failure is one of decryption's statuses, leaves no
//     plaintext, and the one decryption code says nothing more; a success is a token whose content
//     tag holds: encrypting its plaintext again under the CEK the key recovers, with its IV and
//     header, gives back its ciphertext and tag exactly.
//   - odd: the next bytes pick a key, an "enc" and a bit, the rest is a plaintext: what encrypt
//     makes decrypts to it, and with that one bit of any part changed it does not.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "encoding/base64url.h"
#include "harness.h"
#include "jose/compact.h"
#include "jwe/content.h"
#include "jwe/decrypt.h"
#include "jwe/encrypt.h"
#include "jwe/key_management.h"
#include "jwe_keys.h"
#include "jwt/decrypt.h"

using namespace edgejwt;
using edgejwt::fuzz::require;

namespace {

// The seeds' PBES2 tokens iterate 1,000 times; a higher bound would only slow every run down.
constexpr uint32_t kMaxPbes2Count = 1'000;

struct Fixture {
  KeySet keys;
  DecryptionPolicy policy;

  Fixture() {
    std::string detail;
    require(KeySet::import(kJweKeysJson, KeyUse::Encryption, keys, detail) == Status::Ok && keys.skipped() == 0);
    policy.max_pbes2_count = kMaxPbes2Count;
  }
};

const Fixture &fixture() {
  static const Fixture instance;
  return instance;
}

// What decryption may answer, whatever the token: never a key's or an argument's status.
bool is_decryption_status(Status status) {
  switch (status) {
    case Status::Ok:
    case Status::TokenTooLarge:
    case Status::HeaderTooLarge:
    case Status::PayloadTooLarge:
    case Status::Base64UrlInvalid:
    case Status::JsonInvalid:
    case Status::JsonNotObject:
    case Status::JsonDuplicateKey:
    case Status::JsonTooDeep:
    case Status::JsonTooManyMembers:
    case Status::JweInvalid:
    case Status::JweDecryptionFailed:
    case Status::AlgNotSupported:
    case Status::AlgNotAllowed:
    case Status::KeyUsageRefused:
    case Status::CritInvalid:
    case Status::CritNotUnderstood:
    case Status::JwksNoMatchingKey:
    case Status::JwksMultipleMatchingKeys:
      return true;
    default:
      return false;
  }
}

// A decryption that succeeded must be of a token whose tag holds under the CEK the key recovers.
void require_authentic(const Key &key, std::string_view token, const DecryptedJwe &out) {
  uint8_t cek[kMaxContentKeySize];
  require(recover_cek(key, out.header, out.encrypted_key, cek) == Status::Ok);
  std::vector<uint8_t> ciphertext, tag;
  const std::string_view aad = token.substr(0, token.find('.'));
  require(encrypt_content(out.header.enc, ByteView(cek, content_encryption_info(out.header.enc).key_size), out.iv, aad,
                          out.plaintext, ciphertext, tag) == Status::Ok);
  require(ciphertext == out.ciphertext && tag == out.tag);
}

void decrypt_attacker_token(uint8_t choice, std::string_view token) {
  const KeySet &keys = fixture().keys;
  const size_t index = choice % (keys.size() + 1);
  const DecryptionKeys decryption =
      index < keys.size() ? DecryptionKeys{&keys.key(index), nullptr} : DecryptionKeys{nullptr, &keys};
  DecryptedJwe out;
  const Status status = decrypt_jwe(decryption, fixture().policy, token, out);
  require(is_decryption_status(status));
  if (status != Status::Ok) {
    require(out.plaintext.empty());
    require(status != Status::JweDecryptionFailed || out.detail.empty());
  } else {
    require_authentic(decryption.key ? *decryption.key : keys.key(out.key_index), token, out);
  }
  // As an encrypted JWT: the same decryption, then the claims; nothing else may come out.
  DecryptedJwt jwt;
  const Status jwt_status = decrypt_jwt(decryption, fixture().policy, VerifyPolicy{}, token, 1.8e9, jwt);
  if (jwt_status == Status::JweInvalid && jwt.detail == "cty") return;  // nested: refused before decryption
  require(status == Status::Ok ? jwt_status != Status::JweDecryptionFailed : jwt_status == status);
  require(status == Status::Ok || jwt.jwe.plaintext.empty());
}

// The header a producer writes for the key: its own "alg" (or the family's first), and `enc` unless
// the key is a "dir" key bound to one.
std::string header_for(const Key &key, ContentEncryption enc) {
  ContentEncryption bound;
  if (content_encryption_from_name(key.usage().alg, bound)) enc = bound;
  KeyManagement alg = KeyManagement::Dir;
  if (!key_management_from_name(key.usage().alg, alg)) {
    const KeyManagementSet usable = key.usable_key_management();
    for (unsigned i = 0; i < kKeyManagementCount; ++i) {
      if (usable.contains(static_cast<KeyManagement>(i))) {
        alg = static_cast<KeyManagement>(i);
        break;
      }
    }
  }
  std::string header = R"({"alg":")" + std::string(key_management_name(alg)) + R"(","enc":")" +
                       std::string(content_encryption_name(enc)) + "\"";
  if (key_management_mode(alg) == KeyManagementMode::Pbes2) header += R"(,"p2c":1000)";
  return header + "}";
}

// `token` (one encrypt made) with bit `bit` of the decoded bytes of part `part` changed, when that
// part has bytes.
bool with_bit_changed(std::string_view token, size_t part, size_t bit, std::string &out) {
  std::string_view parts[5];
  require(split_parts(token, parts, 5));
  std::vector<uint8_t> bytes;
  require(base64url_decode(parts[part], bytes) == Status::Ok);
  if (bytes.empty()) return false;
  bytes[bit / 8 % bytes.size()] ^= static_cast<uint8_t>(1u << (bit % 8));
  out.clear();
  for (size_t i = 0; i < 5; ++i) {
    if (i) out += '.';
    if (i == part) {
      base64url_encode(bytes, out);
    } else {
      out += parts[i];
    }
  }
  return true;
}

void encrypt_and_tamper(const uint8_t *data, size_t size) {
  if (size < 4) return;
  const KeySet &keys = fixture().keys;
  const Key &key = keys.key(data[0] % keys.size());
  const auto enc = static_cast<ContentEncryption>(data[1] % kContentEncryptionCount);
  const size_t part = data[2] % 5, bit = data[3];
  const std::string_view plaintext(reinterpret_cast<const char *>(data + 4), size - 4);
  Key public_key;
  const Key &encrypting = key.is_secret() || key.public_key(public_key) != Status::Ok ? key : public_key;
  std::string token, detail;
  const Status status = encrypt_jwe(encrypting, header_for(key, enc), plaintext, TokenLimits{}, token, detail);
  require(status == Status::Ok || status == Status::PayloadTooLarge || status == Status::TokenTooLarge);
  if (status != Status::Ok) return;
  DecryptedJwe out;
  require(decrypt_jwe(DecryptionKeys{&key, nullptr}, fixture().policy, token, out) == Status::Ok);
  require(out.plaintext == plaintext);
  std::string tampered;
  if (!with_bit_changed(token, part, bit, tampered)) return;
  const Status tampered_status = decrypt_jwe(DecryptionKeys{&key, nullptr}, fixture().policy, tampered, out);
  require(tampered_status != Status::Ok && out.plaintext.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  if (data[0] % 2 == 0) {
    decrypt_attacker_token(static_cast<uint8_t>(data[0] / 2),
                           std::string_view(reinterpret_cast<const char *>(data + 1), size - 1));
  } else {
    encrypt_and_tamper(data + 1, size - 1);
  }
  return 0;
}
