// libFuzzer target: the host paths of JWE through the C ABI, as the async API drives them — a host
// that computes ECDH-ES's Z, RSA-OAEP's CEK or PBES2's KEK for edgejwt_decrypt_agreed, and ECDH-ES's
// ephemeral key and Z for edgejwt_encrypt_agreed. Keys: jwe_keys.json (the jwe target's; its seeds
// serve here too). The harness knows the right secret (it computes it with the core's own
// primitives from the private key), so it can hold the host's answer to the core's:
//   - even first byte: the rest is an attacker's token, decrypted with the key set as bytes, as an
//     encrypted JWT, as a nested JWT and as a nested JWT's outer layer (bits 1-2 pick which); bits
//     3-7 pick the host's secret: the right one, or one of a few wrong ones (a bit changed, a byte
//     short or over, all zero, the token's own bytes, one byte). With the right secret
//     decrypt_agreed answers exactly as the one-call decryption does (status, header, payload,
//     output, key); with any other bytes it never releases anything: ERR_JWE_DECRYPTION_FAILED
//     without a detail, ERR_INVALID_ARGUMENT, or the status a check before the secret gave.
//   - odd first byte: the next bytes pick a recipient of the set that agrees (ECDH-ES), an "enc",
//     a payload kind, an ephemeral key (another key of the set: of its curve or not, its public or
//     private JWK, or text of the input) and a Z (the right one or a wrong one); the rest is the
//     plaintext. encrypt_agreed with an "epk" or Z the core must refuse gives no token; a token it
//     gives decrypts with the same Z, and decrypts on its own (the core's agreement) exactly when
//     that Z was the right one.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "harness.h"
#include "jwa/encryption.h"
#include "jwe/decrypt.h"
#include "jwe/key_agreement.h"
#include "jwe/pbes2.h"
#include "jwe_keys.h"
#include "crypto/rsa_oaep.h"
#include "keys/jwk.h"

using namespace edgejwt;
using namespace edgejwt::fuzz;

namespace {

// As the jwe target: the seeds' PBES2 tokens iterate 1,000 times.
constexpr std::string_view kPolicyJson = R"({"maxPBES2Count":1000})";
constexpr double kNow = 1.8e9;
// The nested tokens' inner JWS: an HMAC key both to sign (encrypt mode) and to verify.
constexpr std::string_view kSigningSecret = "a fuzzing harness's HMAC secret, 32 bytes or more";
constexpr std::string_view kJwsHeader = R"({"alg":"HS256"})";

struct Fixture {
  KeyHandle set, verification;
  KeySet keys;  // the core's view, for the right secrets
  DecryptionPolicy policy;
  edgejwt_handle policy_id = 0;  // the decryption policy, released with the context
  std::vector<KeyHandle> recipients;  // per key of the set: its public half, imported on its own (or empty)

  Fixture()
      : set(made_by(edgejwt_key_import_jwks_for(context(), out(), EDGEJWT_USE_ENCRYPTION, kJweKeysJson.data(),
                                                kJweKeysJson.size()))),
        verification(import_key(EDGEJWT_KEY_SECRET, kSigningSecret)) {
    std::string detail;
    require(KeySet::import(kJweKeysJson, KeyUse::Encryption, keys, detail) == Status::Ok && keys.skipped() == 0);
    policy.max_pbes2_count = 1'000;
    require(static_cast<bool>(set) && static_cast<bool>(verification));
    require(edgejwt_decryption_policy_create(context(), out(), kPolicyJson.data(), kPolicyJson.size()) == EDGEJWT_OK);
    policy_id = result().handle;
    for (size_t i = 0; i < keys.size(); ++i) {
      const Key &key = keys.key(i);
      Key public_half;
      std::string jwk;
      if (key.is_secret() || key.public_key(public_half) != Status::Ok ||
          export_jwk(public_half, false, jwk) != Status::Ok) {
        recipients.emplace_back();
        continue;
      }
      const std::string_view alg = key.usage().alg;
      recipients.push_back(made_by(edgejwt_key_import_for(context(), out(), EDGEJWT_KEY_JWK, EDGEJWT_USE_ENCRYPTION,
                                                          bytes(jwk), jwk.size(), alg.data(), alg.size())));
      require(static_cast<bool>(recipients.back()));
    }
  }
};

const Fixture &fixture() {
  static const Fixture instance;
  return instance;
}

// Everything a decryption call answers, copied before the next call clears it.
struct Answer {
  edgejwt_status status;
  std::string header, payload, output, detail;
  uint32_t key_index;

  explicit Answer(edgejwt_status returned)
      : status(returned),
        header(fuzz::header()),
        payload(fuzz::payload()),
        output(fuzz::output()),
        detail(copy(result().detail, result().detail_len)),
        key_index(result().key_index) {}

  bool same_as(const Answer &other) const {
    return status == other.status && header == other.header && payload == other.payload && output == other.output &&
           (status != EDGEJWT_OK || key_index == other.key_index);
  }
  bool is(const char *name) const { return status_is(status, name); }
  bool released_nothing() const { return payload.empty() && output.empty(); }
};

// The one-call decryption a payload kind stands for (edgejwt_decrypt_agreed's documentation).
Answer decrypt_in_one_call(int32_t kind, std::string_view token) {
  const Fixture &f = fixture();
  switch (kind) {
    case EDGEJWT_PAYLOAD_BYTES:
      return Answer(edgejwt_compact_decrypt(context(), out(), f.set.get(), f.policy_id, token.data(), token.size()));
    case EDGEJWT_PAYLOAD_JWT:
      return Answer(edgejwt_decrypt(context(), out(), f.set.get(), f.policy_id, token.data(), token.size(), kNow));
    case EDGEJWT_PAYLOAD_NESTED:
      return Answer(edgejwt_decrypt_and_verify(context(), out(), f.set.get(), f.verification.get(), f.policy_id,
                                               token.data(), token.size(), kNow));
    default:
      return Answer(edgejwt_decrypt_nested_jws(context(), out(), f.set.get(), f.policy_id, token.data(), token.size()));
  }
}

Answer decrypt_agreed(int32_t kind, edgejwt_handle key, std::string_view token, const std::string &secret) {
  const Fixture &f = fixture();
  return Answer(edgejwt_decrypt_agreed(context(), out(), kind, key, f.verification.get(), f.policy_id, token.data(),
                                       token.size(), kNow, bytes(secret), secret.size()));
}

// What an honest host computes for the token begun with `key`: Z, the CEK or the KEK. False when
// there is none (an RSA-OAEP encrypted key that does not decrypt, a point the agreement refuses).
bool right_secret(const Key &key, const DecryptedJwe &begun, std::string &secret) {
  const KeyManagementInfo &info = key_management_info(begun.header.alg);
  uint8_t buffer[512];
  size_t size = 0;
  switch (info.mode) {
    case KeyManagementMode::EcdhEs:
    case KeyManagementMode::EcdhEsKeyWrap:
      if (ecdh_es_shared_secret(key.material(), begun.header.epk.material(), buffer, size) != Status::Ok) return false;
      break;
    case KeyManagementMode::RsaOaep: {
      const ByteView encrypted_key(begun.encrypted_key.data(), begun.encrypted_key.size());
      if (rsa_oaep_decrypt(info.oaep, *key.as<RsaPrivateKey>(), encrypted_key, buffer, sizeof buffer, size) !=
              Status::Ok ||
          size == 0) {
        return false;
      }
      break;
    }
    case KeyManagementMode::Pbes2:
      size = info.kek_size;
      require(pbes2_derive(begun.header.alg, *key.as<Password>(), begun.header.p2s, begun.header.p2c, buffer) ==
              Status::Ok);
      break;
    default:
      return false;
  }
  secret.assign(reinterpret_cast<const char *>(buffer), size);
  return true;
}

// A wrong secret of one kind (1-7), made from the right one (or from nothing, when there is none).
std::string wrong_secret(unsigned kind, const std::string &right, std::string_view token) {
  const std::string base = right.empty() ? std::string(32, '\x5a') : right;
  std::string secret = base;
  switch (kind) {
    case 1:
      secret[token.size() % secret.size()] ^= static_cast<char>(1u << (token.size() % 8));
      break;
    case 2:
      secret.pop_back();
      if (secret.empty()) secret = "\x01";
      break;
    case 3:
      secret.push_back('\0');
      break;
    case 4:
      std::fill(secret.begin(), secret.end(), '\0');
      break;
    case 5:  // the token's own bytes, of the right size: its "epk", encrypted key, anything public
      secret.assign(token.substr(token.size() > base.size() ? token.size() - base.size() : 0));
      if (secret.empty()) secret = "\x01";
      break;
    default:
      secret = std::string(1, static_cast<char>(kind));
      break;
  }
  return secret;
}

void decrypt_with_host_secret(uint8_t choice, std::string_view token) {
  const Fixture &f = fixture();
  const auto kind = static_cast<int32_t>(choice >> 1 & 3);
  const unsigned secret_kind = (choice >> 3) % 8;
  const Answer one_call = decrypt_in_one_call(kind, token);

  const Answer begun = Answer(edgejwt_decrypt_begin(context(), out(), f.set.get(), f.policy_id, token.data(), token.size()));
  DecryptedJwe core_begun;
  const Status core_status = begin_decrypt_jwe(DecryptionKeys{nullptr, &f.keys}, f.policy, token, core_begun);
  require((begun.status == EDGEJWT_OK) == (core_status == Status::Ok));
  // Begin answers a token the one call refuses before its key's step with the same status.
  if (begun.status != EDGEJWT_OK) {
    if (kind == EDGEJWT_PAYLOAD_BYTES) require(one_call.status == begun.status);
    require(one_call.status != EDGEJWT_OK);
  }

  const bool host_computed = core_status == Status::Ok && is_host_computed(core_begun.header.alg);
  std::string right;
  const bool has_right = host_computed && right_secret(f.keys.key(core_begun.key_index), core_begun, right);
  if (secret_kind == 0 && has_right) {
    const Answer agreed = decrypt_agreed(kind, f.set.get(), token, right);
    require(agreed.same_as(one_call));
    return;
  }
  if (has_right == false && secret_kind == 0 && host_computed && kind == EDGEJWT_PAYLOAD_BYTES) {
    // No right secret (an encrypted key RSA-OAEP refuses): the one call fails too.
    require(one_call.status != EDGEJWT_OK);
  }
  const std::string secret = wrong_secret(secret_kind == 0 ? 7 : secret_kind, right, token);
  if (secret == right) return;
  const Answer agreed = decrypt_agreed(kind, f.set.get(), token, secret);
  require(agreed.status != EDGEJWT_OK && agreed.released_nothing());
  require(!agreed.is("ERR_JWE_DECRYPTION_FAILED") || agreed.detail.empty());
  if (begun.status == EDGEJWT_OK) {
    // Past begin's checks, only the secret is left to fail (the nested kinds read "cty" first).
    const bool cty_refused = one_call.is("ERR_JWE_INVALID") && one_call.detail == "cty";
    require(cty_refused || agreed.is("ERR_JWE_DECRYPTION_FAILED") ||
            (agreed.is("ERR_INVALID_ARGUMENT") && !host_computed));
  }
}

// The producer's side. Input: recipient, enc and payload kind, ephemeral key and Z, plaintext.
void encrypt_with_host_agreement(const uint8_t *data, size_t size) {
  if (size < 4) return;
  const Fixture &f = fixture();
  std::vector<size_t> agreeing;
  for (size_t i = 0; i < f.keys.size(); ++i) {
    const KeyManagementSet usable = f.keys.key(i).usable_key_management();
    if (usable.contains(KeyManagement::EcdhEs) || usable.contains(KeyManagement::EcdhEsA128KW) ||
        usable.contains(KeyManagement::EcdhEsA192KW) || usable.contains(KeyManagement::EcdhEsA256KW)) {
      agreeing.push_back(i);
    }
  }
  const size_t recipient = agreeing[data[0] % agreeing.size()];
  const size_t ephemeral = agreeing[data[1] % agreeing.size()];
  const auto enc = static_cast<ContentEncryption>(data[2] % kContentEncryptionCount);
  const auto kind = static_cast<int32_t>(data[2] / kContentEncryptionCount % 3);
  const unsigned epk_kind = data[3] % 4, z_kind = data[3] / 4 % 6;
  std::string plaintext(reinterpret_cast<const char *>(data + 4), size - 4);
  const Key &to = f.keys.key(recipient);
  const Key &from = f.keys.key(ephemeral);

  // The header: the recipient's own "alg", else ECDH-ES or one of its key wrappings.
  KeyManagement alg = KeyManagement::EcdhEs;
  if (!key_management_from_name(to.usage().alg, alg) && data[3] / 24 % 2) alg = KeyManagement::EcdhEsA128KW;
  const std::string header = R"({"alg":")" + std::string(key_management_name(alg)) + R"(","enc":")" +
                             std::string(content_encryption_name(enc)) + "\"}";

  // The ephemeral key's public JWK (or its private one, or a changed one, or the input's text).
  Key from_public;
  require(from.public_key(from_public) == Status::Ok);
  std::string epk;
  require(export_jwk(epk_kind == 1 ? from : from_public, epk_kind == 1, epk) == Status::Ok);
  if (epk_kind == 2) {
    epk = plaintext;
    plaintext = R"({"sub":"fuzz"})";
  } else if (epk_kind == 3 && !plaintext.empty()) {
    epk[static_cast<uint8_t>(plaintext[0]) % epk.size()] = plaintext.size() > 1 ? plaintext[1] : '0';
  }
  if (kind != EDGEJWT_PAYLOAD_BYTES && epk_kind != 2 && data[3] / 48 % 2) plaintext = R"({"sub":"fuzz"})";

  // Z: the ephemeral key's agreement with the recipient when the two share a curve, else bytes of
  // the recipient's Z size; then one of the wrong ones.
  uint8_t agreed[kMaxEcdhEsSharedSecretSize];
  size_t z_size = 0;
  const bool same_curve = from.family() == to.family();
  if (same_curve) {
    require(ecdh_es_shared_secret(from.material(), to.material(), agreed, z_size) == Status::Ok);
  } else {
    require(ecdh_es_shared_secret(to.material(), to.material(), agreed, z_size) == Status::Ok);
  }
  const std::string right(reinterpret_cast<const char *>(agreed), z_size);
  const std::string z = z_kind == 0 ? right : wrong_secret(z_kind, right, plaintext);

  const Answer made(edgejwt_encrypt_agreed(context(), out(), kind, f.verification.get(), kJwsHeader.data(),
                                           kJwsHeader.size(), f.recipients[recipient].get(), header.data(),
                                           header.size(), bytes(plaintext), plaintext.size(), epk.data(), epk.size(),
                                           bytes(z), z.size()));
  const bool honest_epk = epk_kind == 0 || (epk_kind == 3 && epk == [&] {
                            std::string text;
                            require(export_jwk(from_public, false, text) == Status::Ok);
                            return text;
                          }());
  const bool refused = epk_kind == 1 || (honest_epk && !same_curve) || z.size() != right.size() ||
                       (to.family() == KeyFamily::X25519 && z == std::string(z.size(), '\0'));
  if (made.status != EDGEJWT_OK) {
    require(made.output.empty());
    return;
  }
  require(!refused && !made.output.empty());
  const std::string token = made.output;

  // What it made decrypts with the same Z, to what went in, and its "epk" is one decryption takes.
  const int32_t decrypt_kind = kind == EDGEJWT_PAYLOAD_NESTED ? EDGEJWT_PAYLOAD_NESTED : kind;
  const Answer with_same_z = decrypt_agreed(decrypt_kind, f.set.get(), token, z);
  require(with_same_z.status == EDGEJWT_OK);
  if (kind == EDGEJWT_PAYLOAD_BYTES) require(with_same_z.payload == plaintext);
  // On its own the core agrees with the token's "epk": the same answer exactly when Z was right.
  const Answer on_its_own = decrypt_in_one_call(decrypt_kind, token);
  if (honest_epk && same_curve && z == right) {
    require(on_its_own.same_as(with_same_z));
  } else if (honest_epk) {
    // A Z that is not the agreement of the "epk" written: nothing decrypts without the host's Z.
    require(on_its_own.is("ERR_JWE_DECRYPTION_FAILED") && on_its_own.released_nothing());
  } else {
    // The input's own "epk", whose agreement the harness does not know: either answer, nothing else.
    require(on_its_own.is("ERR_JWE_DECRYPTION_FAILED") || on_its_own.same_as(with_same_z));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  if (data[0] % 2 == 0) {
    decrypt_with_host_secret(data[0], std::string_view(reinterpret_cast<const char *>(data + 1), size - 1));
  } else {
    encrypt_with_host_agreement(data + 1, size - 1);
  }
  return 0;
}
