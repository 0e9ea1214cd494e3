// KeySet: a JWK Set imported once (unusable entries skipped and counted), and the one key for a
// token chosen as jose's createLocalJWKSet chooses it.
#include "keys/key_set.h"

#include <gtest/gtest.h>

#include "keys/jwk.h"
#include "pkix_fixtures.h"
#include "token_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

// A public JWK of a fixture key, with extra members appended.
std::string public_jwk(std::string_view pem, std::string_view extra = "") {
  std::string json;
  EXPECT_EQ(export_jwk(imported(KeyImportFormat::Pem, pem), false, json), Status::Ok);
  json.pop_back();
  return json + std::string(extra) + "}";
}

struct Imported {
  Status status;
  std::string detail;
  KeySet set;
};

Imported import(const std::string &json, KeyUse use = KeyUse::Signature) {
  Imported imported;
  imported.status = KeySet::import(json, use, imported.set, imported.detail);
  return imported;
}

}  // namespace

TEST(KeySet, SkipsAndCountsEntriesThatCanNeverVerifyAJws) {
  const Imported imported = import(R"({"keys":[)" + public_jwk(kEcKeys[0].spki_pem, R"(,"kid":"a")") + "," +
                                   R"({"kty":"OKP","crv":"X25519","x":"AA"},)" +
                                   R"({"kty":"RSA","e":"AQAB","n":"AQAB"},)" +
                                   public_jwk(kRsa2048.spki_pem, R"(,"kid":"b")") + "]}");
  ASSERT_EQ(imported.status, Status::Ok) << imported.detail;
  EXPECT_EQ(imported.set.size(), 2u);
  EXPECT_EQ(imported.set.skipped(), 2u);
  EXPECT_EQ(imported.set.key(1).usage().kid, "b");
  EXPECT_EQ(imported.set.source_index(1), 3u);  // its place in "keys"
}

TEST(KeySet, RefusesWhatIsNotAJwkSet) {
  for (const char *json : {"[]", R"({"keys":{}})", R"({"key":[]})", R"({"keys":[1]})"}) {
    EXPECT_NE(import(json).status, Status::Ok) << json;
  }
  EXPECT_EQ(import(R"({"keys":[1]})").status, Status::JwksInvalid);
  EXPECT_EQ(import(R"({"keys":[1]})").detail, "keys");
  EXPECT_EQ(import("[]").status, Status::JwksInvalid);
  std::string too_many = R"({"keys":[)";
  for (size_t i = 0; i <= KeySet::kMaxKeys; ++i) too_many += std::string(i ? "," : "") + "{}";
  EXPECT_EQ(import(too_many + "]}").status, Status::JwksInvalid);
  EXPECT_EQ(import(std::string(KeySet::kMaxSetSize + 1, ' ')).status, Status::JwksInvalid);
}

TEST(KeySet, SelectsByKidAlgFamilyAndUsage) {
  const Imported imported = import(
      R"({"keys":[)" + public_jwk(kEcKeys[0].spki_pem, R"(,"kid":"ec")") + "," +
      public_jwk(kRsa2048.spki_pem, R"(,"kid":"rs","alg":"RS256")") + "," +
      public_jwk(kRsa2048.spki_pem, R"(,"kid":"ps","use":"sig")") + "," +
      public_jwk(kEcKeys[1].spki_pem, R"(,"kid":"enc","use":"enc")") + "," +
      R"({"kty":"oct","k":")" + b64(std::string(32, 'k')) + R"(","kid":"hs"})" + "]}");
  ASSERT_EQ(imported.status, Status::Ok) << imported.detail;
  const KeySet &set = imported.set;
  size_t index = 99;
  std::string candidates;
  EXPECT_EQ(set.select(Algorithm::ES256, std::nullopt, index, candidates), Status::Ok);
  EXPECT_EQ(set.key(index).usage().kid, "ec");
  EXPECT_EQ(set.select(Algorithm::RS256, std::string_view("rs"), index, candidates), Status::Ok);
  EXPECT_EQ(set.key(index).usage().kid, "rs");
  // Without a kid both RSA keys fit RS256; PS256 only the one not bound to RS256.
  EXPECT_EQ(set.select(Algorithm::RS256, std::nullopt, index, candidates), Status::JwksMultipleMatchingKeys);
  EXPECT_EQ(candidates, "1,2");  // their positions in "keys", for the caller to try in turn
  EXPECT_EQ(set.select(Algorithm::PS256, std::nullopt, index, candidates), Status::Ok);
  EXPECT_EQ(set.key(index).usage().kid, "ps");
  EXPECT_EQ(set.select(Algorithm::PS256, std::string_view("rs"), index, candidates), Status::JwksNoMatchingKey);
  EXPECT_EQ(set.select(Algorithm::ES384, std::nullopt, index, candidates), Status::JwksNoMatchingKey);  // "use": "enc"
  EXPECT_EQ(set.select(Algorithm::ES256, std::string_view(""), index, candidates), Status::JwksNoMatchingKey);
  EXPECT_EQ(set.select(Algorithm::HS256, std::string_view("hs"), index, candidates), Status::JwksNoMatchingKey);  // never oct
}

// A set for decryption: RFC 7520 §5.3's plaintext is such a set (a "dir" key for A128GCM, an A128KW
// key and an A256GCMKW key, each "use": "enc"); with an RSA and an EC private key beside them, and
// entries that can never decrypt skipped.
TEST(KeySet, SelectsTheKeyThatDecryptsByKidAlgFamilyEncAndUsage) {
  std::string rsa, ec;
  ASSERT_EQ(export_jwk(imported(KeyImportFormat::Pem, kRsa2048.pkcs8_pem), true, rsa), Status::Ok);
  ASSERT_EQ(export_jwk(imported(KeyImportFormat::Pem, kEcKeys[1].pkcs8_pem), true, ec), Status::Ok);
  rsa.insert(rsa.size() - 1, R"(,"kid":"rsa","use":"enc")");
  ec.insert(ec.size() - 1, R"(,"kid":"ec")");
  const Imported imported = import(
      R"({"keys":[{"kty":"oct","kid":"77c7e2b8-6e13-45cf-8672-617b5b45243a","use":"enc","alg":"A128GCM","k":"XctOhJAkA-pD9Lh7ZgW_2A"},)"
      R"({"kty":"oct","kid":"81b20965-8332-43d9-a468-82160ad91ac8","use":"enc","alg":"A128KW","k":"GZy6sIZ6wl9NJOKB-jnmVQ"},)"
      R"({"kty":"oct","kid":"18ec08e1-bfa9-4d95-b205-2b4dd1d4321d","use":"enc","alg":"A256GCMKW","k":"qC57l_uxcm7Nm3K-ct4GFjx8tM1U8CZ0NLBvdQstiS8"},)" +
          rsa + "," + ec + "," + public_jwk(kEcKeys[0].spki_pem, R"(,"kid":"public")") + "," +
          R"({"kty":"oct","k":"GZy6sIZ6wl9NJOKB-jnmVQ"},)" + public_jwk(kEd25519.spki_pem) + "]}",
      KeyUse::Encryption);
  ASSERT_EQ(imported.status, Status::Ok) << imported.detail;
  const KeySet &set = imported.set;
  EXPECT_EQ(set.size(), 6u);  // the public EC key stays: it could encrypt, never decrypt
  EXPECT_EQ(set.skipped(), 2u);  // an "oct" key without its "alg", an Ed25519 key
  size_t index = 99;
  EXPECT_EQ(set.select_for_decryption(KeyManagement::A128KW, ContentEncryption::A256Gcm, std::nullopt, std::nullopt, index),
            Status::Ok);
  EXPECT_EQ(set.key(index).usage().kid, "81b20965-8332-43d9-a468-82160ad91ac8");
  EXPECT_EQ(set.select_for_decryption(KeyManagement::Dir, ContentEncryption::A128Gcm, std::nullopt, std::nullopt, index),
            Status::Ok);
  EXPECT_EQ(set.key(index).usage().kid, "77c7e2b8-6e13-45cf-8672-617b5b45243a");
  // Its "enc" is the key's: no other fits, even one of the same size.
  EXPECT_EQ(set.select_for_decryption(KeyManagement::Dir, ContentEncryption::A128CbcHs256, std::nullopt, std::nullopt, index),
            Status::JwksNoMatchingKey);
  EXPECT_EQ(set.select_for_decryption(KeyManagement::RsaOaep256, ContentEncryption::A128Gcm, std::nullopt,
                                      std::string_view("rsa"), index),
            Status::Ok);
  EXPECT_EQ(set.select_for_decryption(KeyManagement::RsaOaep256, ContentEncryption::A128Gcm, std::nullopt,
                                      std::string_view("ec"), index),
            Status::JwksNoMatchingKey);
  // ECDH-ES: the private key of the ephemeral key's curve; the public P-256 key never decrypts.
  EXPECT_EQ(set.select_for_decryption(KeyManagement::EcdhEs, ContentEncryption::A128Gcm, KeyFamily::EcP384, std::nullopt,
                                      index),
            Status::Ok);
  EXPECT_EQ(set.key(index).usage().kid, "ec");
  EXPECT_EQ(set.select_for_decryption(KeyManagement::EcdhEs, ContentEncryption::A128Gcm, KeyFamily::EcP256, std::nullopt,
                                      index),
            Status::JwksNoMatchingKey);
  // A set for signatures has none of this.
  EXPECT_EQ(import(R"({"keys":[{"kty":"oct","use":"enc","alg":"A128KW","k":"GZy6sIZ6wl9NJOKB-jnmVQ"}]})").set.skipped(), 1u);
}
