// The JWA tables: every algorithm and key family found by what the standards call them, and the
// tables agreeing with each other and with the curves.
#include "jwa/algorithm.h"

#include <gtest/gtest.h>

using namespace edgejwt;

TEST(Algorithms, NamesAreExactAndNoneIsAbsent) {
  for (unsigned i = 0; i < kAlgorithmCount; ++i) {
    const auto alg = static_cast<Algorithm>(i);
    Algorithm found;
    ASSERT_TRUE(algorithm_from_name(algorithm_name(alg), found)) << algorithm_name(alg);
    EXPECT_EQ(found, alg);
    EXPECT_EQ(algorithm_info(alg).alg, alg);
  }
  Algorithm found;
  for (const char *name : {"none", "None", "hs256", "HS256 ", "", "ES256K", "RSA-OAEP"}) {
    EXPECT_FALSE(algorithm_from_name(name, found)) << name;
  }
  EXPECT_FALSE(algorithm_from_name(std::string_view("HS256\0", 6), found));
}

TEST(Algorithms, EachFamilyHasItsOwnAlgorithms) {
  AlgorithmSet seen;
  for (unsigned f = 0; f < kKeyFamilyCount; ++f) {
    const auto family = static_cast<KeyFamily>(f);
    const AlgorithmSet own = AlgorithmSet::of_family(family);
    EXPECT_FALSE(own.empty()) << key_family_info(family).name;
    EXPECT_TRUE((own & seen).empty()) << key_family_info(family).name;
    for (unsigned i = 0; i < kAlgorithmCount; ++i) {
      const auto alg = static_cast<Algorithm>(i);
      EXPECT_EQ(own.contains(alg), algorithm_family(alg) == family);
      if (own.contains(alg)) seen.add(alg);
    }
  }
}

TEST(Algorithms, FamiliesCarryTheirJwkTypeAndCurve) {
  EXPECT_EQ(key_family_info(KeyFamily::Hmac).kty, "oct");
  EXPECT_EQ(key_family_info(KeyFamily::Rsa).kty, "RSA");
  EXPECT_EQ(key_family_info(KeyFamily::Ed25519).kty, "OKP");
  EXPECT_EQ(key_family_info(KeyFamily::Ed25519).crv, "Ed25519");
  for (const CurveInfo &curve : kCurves) {
    const KeyFamilyInfo &family = key_family_info(ec_family(curve.curve));
    EXPECT_EQ(family.kty, "EC");
    EXPECT_EQ(family.curve, curve.curve);
    EXPECT_EQ(family.crv, curve.name);
    EXPECT_EQ(family.name, "EC " + std::string(curve.name));
  }
  EXPECT_EQ(key_family_info(KeyFamily::EcP384).family, KeyFamily::EcP384);
}

TEST(Algorithms, SchemesHashesAndSignatureLengths) {
  const struct {
    Algorithm alg;
    const char *scheme;
    Hash hash;
    size_t signature_size;
  } expected[] = {
      {Algorithm::HS384, "hmac", Hash::Sha384, 48},  {Algorithm::RS512, "pkcs1", Hash::Sha512, 0},
      {Algorithm::PS256, "pss", Hash::Sha256, 0},    {Algorithm::ES256, "ecdsa", Hash::Sha256, 64},
      {Algorithm::ES512, "ecdsa", Hash::Sha512, 132}, {Algorithm::EdDSA, "ed25519", Hash::Sha512, 64},
  };
  for (const auto &e : expected) {
    const AlgorithmInfo &info = algorithm_info(e.alg);
    EXPECT_EQ(signature_scheme_name(info.scheme), e.scheme) << info.name;
    EXPECT_EQ(info.hash, e.hash) << info.name;
    EXPECT_EQ(info.signature_size, e.signature_size) << info.name;
  }
}
