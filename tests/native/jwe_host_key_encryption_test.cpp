// Encryption with RSA-OAEP's and PBES2's costly step made by a host (issue 18, the async
// encryptions): the host's CEK and encrypted key (RSA-OAEP) or KEK (PBES2) stand in for the core's
// own, after every check the sync encryption makes. The core takes a CEK only of the "enc"'s size,
// an encrypted key only of the form of an RSA ciphertext under the recipient's key, a KEK only of
// the algorithm's size over the header's own "p2s" and "p2c" (begin_encryption chose them), and
// nothing for an algorithm whose step the host does not make.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/random.h"
#include "crypto/rsa_oaep.h"
#include "encoding/json.h"
#include "jwe/pbes2.h"
#include "jwe_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

constexpr std::string_view kPlaintext = "what the host never reads";
constexpr KeyManagement kRsaOaep[] = {KeyManagement::RsaOaep, KeyManagement::RsaOaep256, KeyManagement::RsaOaep384,
                                      KeyManagement::RsaOaep512};
constexpr KeyManagement kPbes2[] = {KeyManagement::Pbes2Hs256A128KW, KeyManagement::Pbes2Hs384A192KW,
                                    KeyManagement::Pbes2Hs512A256KW};

// What a host gives for RSA-OAEP: a random CEK of enc's size, encrypted to `recipient`.
struct HostMade {
  std::vector<uint8_t> cek;
  std::vector<uint8_t> encrypted_key;
};

HostMade rsa_host_made(const Key &recipient, KeyManagement alg, ContentEncryption enc) {
  HostMade made;
  made.cek.resize(content_encryption_info(enc).key_size);
  EXPECT_EQ(random_bytes(made.cek.data(), made.cek.size()), Status::Ok);
  EXPECT_EQ(rsa_oaep_encrypt(key_management_info(alg).oaep, *public_part<RsaPublicKey, RsaPrivateKey>(recipient.material()),
                             ByteView(made.cek.data(), made.cek.size()), made.encrypted_key),
            Status::Ok);
  return made;
}

Status encrypt_with_host(const Key &key, std::string_view header, ByteView secret, ByteView encrypted_key,
                         std::string &token, std::string &detail) {
  return encrypt_jwe(key, header, kPlaintext, TokenLimits{}, HostKeyManagement{{}, secret, encrypted_key}, token, detail);
}

// The header begin_encryption completes, and the KEK a host derives over its "p2s" and "p2c".
struct Pbes2Made {
  std::string header;
  std::vector<uint8_t> kek;
};

Pbes2Made pbes2_host_made(const Key &password, KeyManagement alg, std::string_view header_json) {
  Pbes2Made made;
  std::string detail;
  EXPECT_EQ(begin_encryption(password, header_json, TokenLimits{}, made.header, detail), Status::Ok) << detail;
  JsonDocument document;
  EXPECT_EQ(parse_json_object(made.header, JsonLimits{}, document), Status::Ok);
  const JsonValue *p2s = find_member(document.root(), "p2s");
  const JsonValue *p2c = find_member(document.root(), "p2c");
  EXPECT_TRUE(p2s != nullptr && p2c != nullptr) << made.header;
  if (p2s == nullptr || p2c == nullptr) return made;
  std::vector<uint8_t> salt;
  EXPECT_EQ(base64url_decode(p2s->GetString(), salt), Status::Ok);
  made.kek.resize(key_management_info(alg).kek_size);
  EXPECT_EQ(pbes2_derive(alg, *password.as<Password>(), ByteView(salt.data(), salt.size()),
                         p2c->GetUint(), made.kek.data()),
            Status::Ok);
  return made;
}

}  // namespace

// Every RSA-OAEP hash: the recipient opens what the host's CEK and encrypted key made, and the
// token carries the host's encrypted key as it was given.
TEST(JweHostKeyEncryption, TheRecipientOpensWhatTheHostsRsaOaepMade) {
  for (KeyManagement alg : kRsaOaep) {
    for (ContentEncryption enc : {ContentEncryption::A128Gcm, ContentEncryption::A256CbcHs512}) {
      const Key key = encryption_key(alg, enc);
      Key recipient;
      ASSERT_EQ(key.public_key(recipient), Status::Ok);
      const HostMade made = rsa_host_made(recipient, alg, enc);
      std::string token, detail;
      ASSERT_EQ(encrypt_with_host(recipient, jwe_header(alg, enc), ByteView(made.cek.data(), made.cek.size()),
                                  ByteView(made.encrypted_key.data(), made.encrypted_key.size()), token, detail),
                Status::Ok)
          << key_management_name(alg) << " " << detail;
      EXPECT_EQ(jwe_parts(token)[1], b64url(ByteView(made.encrypted_key.data(), made.encrypted_key.size())));
      const Decrypted result = decrypted(key, token);
      ASSERT_EQ(result.status, Status::Ok) << key_management_name(alg);
      EXPECT_EQ(result.plaintext, kPlaintext);
    }
  }
}

// A CEK a byte short or long, an encrypted key a byte short or long, one of the modulus's length
// but not below it, none, or a host part for PBES2's shape: InvalidArgument ("host").
TEST(JweHostKeyEncryption, ACekOrEncryptedKeyTheCoreCannotTakeIsRefused) {
  const KeyManagement alg = KeyManagement::RsaOaep256;
  const ContentEncryption enc = ContentEncryption::A256Gcm;
  const Key key = encryption_key(alg, enc);
  Key recipient;
  ASSERT_EQ(key.public_key(recipient), Status::Ok);
  const HostMade made = rsa_host_made(recipient, alg, enc);
  const ByteView cek(made.cek.data(), made.cek.size());
  const ByteView encrypted_key(made.encrypted_key.data(), made.encrypted_key.size());
  std::vector<uint8_t> longer_cek = made.cek, longer_key = made.encrypted_key;
  longer_cek.push_back(1);
  longer_key.insert(longer_key.begin(), 0);
  const std::vector<uint8_t> above_n(made.encrypted_key.size(), 0xff);

  const struct {
    const char *what;
    ByteView cek;
    ByteView encrypted_key;
  } refused[] = {
      {"a CEK a byte short", ByteView(made.cek.data(), made.cek.size() - 1), encrypted_key},
      {"a CEK a byte long", ByteView(longer_cek.data(), longer_cek.size()), encrypted_key},
      {"an encrypted key a byte short", cek, ByteView(made.encrypted_key.data() + 1, made.encrypted_key.size() - 1)},
      {"an encrypted key a byte long", cek, ByteView(longer_key.data(), longer_key.size())},
      {"an encrypted key not below the modulus", cek, ByteView(above_n.data(), above_n.size())},
      {"no encrypted key", cek, {}},
      {"no CEK", {}, encrypted_key},
  };
  for (const auto &[what, host_cek, host_key] : refused) {
    std::string token, detail;
    EXPECT_EQ(encrypt_with_host(recipient, jwe_header(alg, enc), host_cek, host_key, token, detail), Status::InvalidArgument)
        << what;
    EXPECT_EQ(detail, "host") << what;
    EXPECT_TRUE(token.empty()) << what;
  }
  // An "epk" beside them is ECDH-ES's part, never RSA-OAEP's.
  std::string epk, token, detail;
  const Key ec = encryption_key(KeyManagement::EcdhEs, enc, KeyFamily::EcP256);
  ASSERT_EQ(write_public_jwk(ec.material(), epk), Status::Ok);
  EXPECT_EQ(encrypt_jwe(recipient, jwe_header(alg, enc), kPlaintext, TokenLimits{}, HostKeyManagement{epk, cek, encrypted_key},
                        token, detail),
            Status::InvalidArgument);
}

// Every PBES2 algorithm: begin_encryption adds a random "p2s" of 16 bytes and the default "p2c"
// (keeping the caller's), the host's KEK over them wraps the core's CEK, and the password opens it.
TEST(JweHostKeyEncryption, TheRecipientOpensWhatTheHostsPbes2KekWrapped) {
  for (KeyManagement alg : kPbes2) {
    const Key password = encryption_key(alg, ContentEncryption::A128CbcHs256);
    for (std::string_view extra : {std::string_view(), std::string_view(R"(,"p2c":2048)")}) {
      const Pbes2Made made = pbes2_host_made(password, alg, jwe_header(alg, ContentEncryption::A128CbcHs256, extra));
      EXPECT_NE(made.header.find(extra.empty() ? R"("p2c":10000)" : R"("p2c":2048)"), std::string::npos) << made.header;
      std::string token, detail;
      ASSERT_EQ(encrypt_with_host(password, made.header, ByteView(made.kek.data(), made.kek.size()), {}, token, detail),
                Status::Ok)
          << key_management_name(alg) << " " << detail;
      const Decrypted result = decrypted(password, token);
      ASSERT_EQ(result.status, Status::Ok) << key_management_name(alg);
      EXPECT_EQ(result.plaintext, kPlaintext);
    }
  }
  // Two begins, two salts.
  const KeyManagement alg = KeyManagement::Pbes2Hs256A128KW;
  const Key password = encryption_key(alg, ContentEncryption::A128Gcm);
  std::string first, second, detail;
  ASSERT_EQ(begin_encryption(password, jwe_header(alg, ContentEncryption::A128Gcm), TokenLimits{}, first, detail), Status::Ok);
  ASSERT_EQ(begin_encryption(password, jwe_header(alg, ContentEncryption::A128Gcm), TokenLimits{}, second, detail), Status::Ok);
  EXPECT_NE(first, second);
}

// A KEK a byte short or long, a header without the "p2s" or "p2c" the host derived over, an
// encrypted key beside the KEK: InvalidArgument ("host"). begin_encryption refuses what the sync
// encryption refuses, with its status.
TEST(JweHostKeyEncryption, AKekOrHeaderTheCoreCannotTakeIsRefused) {
  const KeyManagement alg = KeyManagement::Pbes2Hs256A128KW;
  const ContentEncryption enc = ContentEncryption::A128Gcm;
  const Key password = encryption_key(alg, enc);
  const Pbes2Made made = pbes2_host_made(password, alg, jwe_header(alg, enc));
  std::vector<uint8_t> longer = made.kek;
  longer.push_back(0);
  const ByteView kek(made.kek.data(), made.kek.size());
  const std::string p2s_only = jwe_header(alg, enc, R"(,"p2s":"AAAAAAAAAAA")");
  const std::string p2c_only = jwe_header(alg, enc, R"(,"p2c":2048)");
  const struct {
    const char *what;
    std::string header;
    ByteView kek;
    ByteView encrypted_key;
  } refused[] = {
      {"a KEK a byte short", made.header, ByteView(made.kek.data(), made.kek.size() - 1), {}},
      {"a KEK a byte long", made.header, ByteView(longer.data(), longer.size()), {}},
      {"a header without p2c", p2s_only, kek, {}},
      {"a header without p2s", p2c_only, kek, {}},
      {"a header without either", jwe_header(alg, enc), kek, {}},
      {"an encrypted key beside the KEK", made.header, kek, kek},
  };
  for (const auto &[what, header, host_kek, host_key] : refused) {
    std::string token, detail;
    EXPECT_EQ(encrypt_with_host(password, header, host_kek, host_key, token, detail), Status::InvalidArgument) << what;
    EXPECT_EQ(detail, "host") << what;
  }

  std::string header, detail;
  EXPECT_EQ(begin_encryption(password, jwe_header(alg, enc, R"(,"p2c":999)"), TokenLimits{}, header, detail),
            Status::InvalidArgument);
  EXPECT_EQ(begin_encryption(password, jwe_header(alg, enc, R"(,"p2s":"AAAA")"), TokenLimits{}, header, detail),
            Status::JweInvalid);
  EXPECT_EQ(begin_encryption(password, jwe_header(alg, enc, R"(,"zip":"DEF")"), TokenLimits{}, header, detail),
            Status::AlgNotSupported);
  EXPECT_EQ(begin_encryption(password, jwe_header(KeyManagement::A128KW, enc), TokenLimits{}, header, detail),
            Status::AlgNotAllowed);
}

// A host part for an algorithm whose step no host makes is refused, never ignored.
TEST(JweHostKeyEncryption, AHostPartForAnotherAlgorithmIsRefused) {
  const std::vector<uint8_t> bytes(32, 7);
  for (KeyManagement alg : {KeyManagement::A256KW, KeyManagement::A256GCMKW, KeyManagement::Dir}) {
    const Key key = encryption_key(alg, ContentEncryption::A256Gcm);
    std::string token, detail;
    EXPECT_EQ(encrypt_with_host(key, jwe_header(alg, ContentEncryption::A256Gcm), ByteView(bytes.data(), bytes.size()), {},
                                token, detail),
              Status::InvalidArgument)
        << key_management_name(alg);
    EXPECT_EQ(detail, "host");
  }
}
