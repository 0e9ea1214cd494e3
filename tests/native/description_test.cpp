// Descriptions the host reads: keys, key sets, and the algorithm tables themselves.
#include "keys/description.h"

#include <gtest/gtest.h>

#include "encoding/json.h"
#include "pkix_fixtures.h"
#include "test_support.h"
#include "token_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

std::string description(const Key &key) {
  std::string json;
  describe_key(key, json);
  return json;
}

std::string member_text(const JsonValue &object, std::string_view name) {
  const JsonValue *value = find_member(object, name);
  return value && value->IsString() ? std::string(string_view_of(*value)) : "<absent>";
}

}  // namespace

TEST(Description, KeysSayTheirTypeFamilyAlgorithmsAndUsage) {
  EXPECT_EQ(description(secret_key(48)), R"({"type":"secret","family":"HMAC","algorithms":["HS256","HS384"]})");
  EXPECT_EQ(description(imported(KeyImportFormat::Pem, kEcKeys[2].spki_pem)),
            R"({"type":"public","family":"EC P-521","algorithms":["ES512"]})");
  const std::string jwk = R"({"kty":"OKP","crv":"Ed25519","x":")" +
                          base64url_of_hex(kEd25519.public_key) +
                          R"(","kid":"k1","alg":"Ed25519","use":"sig"})";
  EXPECT_EQ(description(imported(KeyImportFormat::Jwk, jwk)),
            R"({"type":"public","family":"Ed25519","algorithms":["Ed25519"],"kid":"k1","alg":"Ed25519","use":"sig"})");
  EXPECT_EQ(description(imported(KeyImportFormat::Pem, kRsa2048.pkcs8_pem)),
            R"({"type":"private","family":"RSA","algorithms":["RS256","RS384","RS512","PS256","PS384","PS512"]})");
}

TEST(Description, KeySetsSayHowManyKeysTheyHoldAndSkipped) {
  KeySet set;
  std::string detail, json;
  ASSERT_EQ(KeySet::import(R"({"keys":[{"kty":"OKP","crv":"X25519","x":"AA"}]})", set, detail), Status::Ok);
  describe_key_set(set, json);
  EXPECT_EQ(json, R"({"type":"set","keys":0,"skipped":1})");
}

// The JSON a host derives its algorithm parameters from (js/host-crypto/algorithms.js today).
TEST(Description, AlgorithmsAreTheTables) {
  std::string json;
  describe_algorithms(json);
  JsonDocument document;
  JsonLimits limits;
  ASSERT_EQ(parse_json_object(json, limits, document), Status::Ok) << json;
  const JsonValue &algorithms = *find_member(document.root(), "algorithms");
  ASSERT_EQ(algorithms.Size(), kAlgorithmCount);
  for (unsigned i = 0; i < kAlgorithmCount; ++i) {
    const AlgorithmInfo &info = algorithm_info(static_cast<Algorithm>(i));
    const JsonValue &entry = algorithms[i];
    EXPECT_EQ(member_text(entry, "alg"), info.name);
    EXPECT_EQ(member_text(entry, "family"), key_family_info(info.family).name);
    EXPECT_EQ(member_text(entry, "scheme"), signature_scheme_name(info.scheme));
  }
  const auto entry = [&](std::string_view alg) -> const JsonValue & {
    Algorithm found;
    EXPECT_TRUE(algorithm_from_name(alg, found));
    return algorithms[static_cast<unsigned>(found)];
  };
  EXPECT_EQ(member_text(entry("ES384"), "crv"), "P-384");
  EXPECT_EQ(find_member(entry("ES384"), "hashBits")->GetUint(), 384u);
  EXPECT_EQ(find_member(entry("ES512"), "signatureLength")->GetUint(), 132u);
  EXPECT_EQ(member_text(entry("PS256"), "scheme"), "pss");
  EXPECT_EQ(find_member(entry("PS256"), "signatureLength"), nullptr);  // the modulus's length
  EXPECT_EQ(member_text(entry("RS512"), "crv"), "<absent>");
  EXPECT_EQ(find_member(entry("EdDSA"), "hashBits"), nullptr);
  EXPECT_EQ(find_member(entry("Ed25519"), "signatureLength")->GetUint(), 64u);
  EXPECT_EQ(find_member(entry("HS384"), "signatureLength")->GetUint(), 48u);

  const JsonValue &families = *find_member(document.root(), "families");
  ASSERT_EQ(families.Size(), kKeyFamilyCount);
  EXPECT_EQ(member_text(families[1], "name"), "RSA");
  EXPECT_EQ(find_member(families[1], "minModulusBits")->GetUint(), 2048u);
  EXPECT_EQ(find_member(families[1], "maxModulusBits")->GetUint(), 4096u);
  EXPECT_EQ(member_text(families[4], "crv"), "P-521");
  EXPECT_EQ(find_member(families[4], "coordinateLength")->GetUint(), 66u);
  EXPECT_EQ(member_text(families[5], "kty"), "OKP");
  EXPECT_EQ(member_text(families[5], "crv"), "Ed25519");
  EXPECT_EQ(member_text(families[0], "kty"), "oct");
}
