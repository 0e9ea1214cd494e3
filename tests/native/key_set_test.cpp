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

Imported import(const std::string &json) {
  Imported imported;
  imported.status = KeySet::import(json, imported.set, imported.detail);
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
  EXPECT_EQ(set.select(Algorithm::ES256, std::nullopt, index), Status::Ok);
  EXPECT_EQ(set.key(index).usage().kid, "ec");
  EXPECT_EQ(set.select(Algorithm::RS256, std::string_view("rs"), index), Status::Ok);
  EXPECT_EQ(set.key(index).usage().kid, "rs");
  // Without a kid both RSA keys fit RS256; PS256 only the one not bound to RS256.
  EXPECT_EQ(set.select(Algorithm::RS256, std::nullopt, index), Status::JwksMultipleMatchingKeys);
  EXPECT_EQ(set.select(Algorithm::PS256, std::nullopt, index), Status::Ok);
  EXPECT_EQ(set.key(index).usage().kid, "ps");
  EXPECT_EQ(set.select(Algorithm::PS256, std::string_view("rs"), index), Status::JwksNoMatchingKey);
  EXPECT_EQ(set.select(Algorithm::ES384, std::nullopt, index), Status::JwksNoMatchingKey);  // "use": "enc"
  EXPECT_EQ(set.select(Algorithm::ES256, std::string_view(""), index), Status::JwksNoMatchingKey);
  EXPECT_EQ(set.select(Algorithm::HS256, std::string_view("hs"), index), Status::JwksNoMatchingKey);  // never oct
}
