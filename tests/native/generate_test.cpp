// generate_key: a new key of the algorithm's family, bound to the algorithm, that signs what it
// verifies.
#include "keys/generate.h"

#include <gtest/gtest.h>

#include "jws/signature.h"
#include "keys/jwk.h"

using namespace edgejwt;

namespace {

class GenerateKeyFor : public ::testing::TestWithParam<unsigned> {};

}  // namespace

TEST_P(GenerateKeyFor, MakesAKeyOfTheFamilyBoundToTheAlgorithm) {
  const Algorithm alg = static_cast<Algorithm>(GetParam());
  Key key;
  ASSERT_EQ(generate_key(alg, 0, key), Status::Ok);
  EXPECT_EQ(key.family(), algorithm_family(alg));
  EXPECT_EQ(key.usage().alg, algorithm_name(alg));
  EXPECT_TRUE(key.can_sign());
  if (const HmacSecret *secret = key.as<HmacSecret>()) {
    EXPECT_EQ(secret->bytes.size(), hash_size(algorithm_hash(alg)));
  }
  std::vector<uint8_t> signature;
  ASSERT_EQ(create_signature(key, alg, std::string_view("input"), signature), Status::Ok);
  EXPECT_EQ(check_signature(key, alg, std::string_view("input"), signature), Status::Ok);
  Key another;
  ASSERT_EQ(generate_key(alg, 0, another), Status::Ok);
  EXPECT_NE(check_signature(another, alg, std::string_view("input"), signature), Status::Ok);
}

INSTANTIATE_TEST_SUITE_P(Keys, GenerateKeyFor, ::testing::Range(0u, kAlgorithmCount),
                         [](const auto &info) { return std::string(algorithm_name(static_cast<Algorithm>(info.param))); });

TEST(GenerateKey, ModulusBitsAreForRsaOnlyAndWithinItsBounds) {
  Key key;
  EXPECT_EQ(generate_key(Algorithm::ES256, 2048, key), Status::InvalidArgument);
  EXPECT_EQ(generate_key(Algorithm::HS256, 256, key), Status::InvalidArgument);
  EXPECT_EQ(generate_key(Algorithm::RS256, 1024, key), Status::InvalidArgument);
  EXPECT_EQ(generate_key(Algorithm::RS256, 4112, key), Status::InvalidArgument);
  EXPECT_EQ(generate_key(Algorithm::RS256, 3000, key), Status::InvalidArgument);  // not a multiple of 16
  ASSERT_EQ(generate_key(Algorithm::PS256, 3072, key), Status::Ok);
  EXPECT_EQ(key.as<RsaPrivateKey>()->public_key.n.size(), 3072u / 8);
}

// jose's generateKeyPair(alg, { crv }): a crv is the one the algorithm implies, or nothing is made
// (never a key of another curve or key type bound to `alg`); RSA has no curve and ignores it.
TEST(GenerateKey, CrvMustBeTheCurveTheAlgorithmImplies) {
  Key key;
  EXPECT_EQ(generate_key(Algorithm::ES256, 0, key, "P-384"), Status::KeyUnsupported);
  EXPECT_EQ(generate_key(Algorithm::ES384, 0, key, "P-256"), Status::KeyUnsupported);
  EXPECT_EQ(generate_key(Algorithm::EdDSA, 0, key, "X25519"), Status::KeyUnsupported);
  EXPECT_EQ(generate_key(Algorithm::EdDSA, 0, key, "P-256"), Status::KeyUnsupported);
  EXPECT_EQ(generate_key(Algorithm::ES512, 0, key, "Ed25519"), Status::KeyUnsupported);
  ASSERT_EQ(generate_key(Algorithm::ES384, 0, key, "P-384"), Status::Ok);
  EXPECT_EQ(key.family(), KeyFamily::EcP384);
  ASSERT_EQ(generate_key(Algorithm::Ed25519, 0, key, "Ed25519"), Status::Ok);
  EXPECT_EQ(key.family(), KeyFamily::Ed25519);
  EXPECT_EQ(generate_key(Algorithm::RS256, 0, key, "P-256"), Status::Ok);
}

// A generated key is bound to its algorithm, and its exported JWK says so: importing the export
// makes the same key, bound the same way (the JS layer makes a generated key again from it).
TEST(GenerateKey, ExportedJwkKeepsTheBinding) {
  for (const Algorithm alg : {Algorithm::PS384, Algorithm::HS384, Algorithm::ES256}) {
    Key key;
    ASSERT_EQ(generate_key(alg, 0, key), Status::Ok);
    std::string jwk, detail;
    ASSERT_EQ(export_jwk(key, true, jwk), Status::Ok);
    Key again;
    ASSERT_EQ(import_jwk_text(jwk, {}, again, detail), Status::Ok) << detail;
    EXPECT_EQ(again.usable_algorithms(), AlgorithmSet::of(alg)) << jwk;
  }
}
