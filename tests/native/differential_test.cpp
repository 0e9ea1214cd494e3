// The differential suite natively (GoogleTest): our verify-only arithmetic against BearSSL on the
// same inputs (differential.h), from a fixed seed, and on every Wycheproof vector it applies to
// (the wycheproof_*_test.cpp files check the verdicts those vectors expect). The seeded cases per
// algorithm come from EDGEJWT_DIFFERENTIAL_CASES (scripts/differential.sh runs 10^6); by default
// 20,000, and a tenth of that under AddressSanitizer, whose build runs every test again to look for
// memory errors.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "crypto/hash.h"
#include "differential.h"
#include "test_support.h"
#include "vectors.h"

#include "sanitizers.h"

using namespace edgejwt;
using namespace edgejwt::differential;
using edgejwt::test::from_hex;

namespace {

constexpr uint64_t kSeed = 20261206;

size_t cases() {
  if (const char *configured = std::getenv("EDGEJWT_DIFFERENTIAL_CASES"); configured && *configured) {
    return std::stoul(configured);
  }
#ifdef EDGEJWT_UNDER_ASAN
  return 2000;
#else
  return 20000;
#endif
}

void expect_agreement(const Outcome &outcome, size_t expected) {
  EXPECT_GE(outcome.cases, expected);
  EXPECT_EQ(outcome.mismatches, 0u) << outcome.first_mismatch;
  ::testing::Test::RecordProperty("cases", std::to_string(outcome.cases));
}

TEST(Differential, RsaPublicOperationMatchesBearSsl) { expect_agreement(run_rsa(kSeed, cases()), cases()); }

TEST(Differential, P256MultiplyAddMatchesBearSsl) {
  expect_agreement(run_p256_multiply_add(kSeed, cases()), cases());
}

TEST(Differential, EcdsaP256MatchesBearSsl) { expect_agreement(run_ecdsa_p256(kSeed, cases()), cases()); }

// Every signature of every RSA file, whatever its hash or padding, as an RSAVP1 input under its
// group's key: s^e mod n byte for byte (keys under 2048 bits included: the arithmetic takes them).
class WycheproofRsaArithmetic : public ::testing::TestWithParam<const char *> {};

TEST_P(WycheproofRsaArithmetic, EverySignatureOpensAlike) {
  rapidjson::Document document;
  EDGEJWT_LOAD_VECTORS_OR_SKIP(GetParam(), document);
  Outcome outcome;
  for (const auto &group : document["testGroups"].GetArray()) {
    const auto n = from_hex(group["publicKey"]["modulus"].GetString());
    const auto e = from_hex(group["publicKey"]["publicExponent"].GetString());
    for (const auto &test : group["tests"].GetArray()) {
      std::string mismatch;
      outcome.record(rsa_agrees(n, e, from_hex(test["sig"].GetString()), mismatch), mismatch);
    }
  }
  EXPECT_EQ(outcome.cases, document["numberOfTests"].GetUint());
  EXPECT_EQ(outcome.mismatches, 0u) << outcome.first_mismatch;
}

INSTANTIATE_TEST_SUITE_P(
    Files, WycheproofRsaArithmetic,
    ::testing::Values("wycheproof/rsa_signature_2048_sha256_test.json", "wycheproof/rsa_signature_2048_sha384_test.json",
                      "wycheproof/rsa_signature_2048_sha512_test.json", "wycheproof/rsa_signature_3072_sha256_test.json",
                      "wycheproof/rsa_signature_3072_sha384_test.json", "wycheproof/rsa_signature_3072_sha512_test.json",
                      "wycheproof/rsa_signature_4096_sha256_test.json", "wycheproof/rsa_signature_4096_sha384_test.json",
                      "wycheproof/rsa_signature_4096_sha512_test.json", "wycheproof/rsa_pss_2048_sha256_mgf1_32_test.json",
                      "wycheproof/rsa_pss_2048_sha384_mgf1_48_test.json", "wycheproof/rsa_pss_4096_sha512_mgf1_64_test.json",
                      "wycheproof/rsa_pss_misc_test.json"),
    [](const auto &info) {
      std::string name = info.param;
      name = name.substr(name.find('/') + 1);
      return name.substr(0, name.size() - std::string("_test.json").size());
    });

// Every P-256 vector: the same verdict from p256_verify and from BearSSL.
TEST(WycheproofEcdsaArithmetic, EveryP256VectorGetsTheSameVerdict) {
  rapidjson::Document document;
  EDGEJWT_LOAD_VECTORS_OR_SKIP("wycheproof/ecdsa_secp256r1_sha256_p1363_test.json", document);
  Outcome outcome;
  for (const auto &group : document["testGroups"].GetArray()) {
    const auto point = from_hex(group["publicKey"]["uncompressed"].GetString());
    for (const auto &test : group["tests"].GetArray()) {
      const auto message = from_hex(test["msg"].GetString());
      uint8_t hash[32];
      hash_bytes(Hash::Sha256, message, hash);
      std::string mismatch;
      outcome.record(ecdsa_p256_agrees(point, ByteView(hash, sizeof hash), from_hex(test["sig"].GetString()), mismatch),
                     mismatch);
    }
  }
  EXPECT_EQ(outcome.cases, document["numberOfTests"].GetUint());
  EXPECT_EQ(outcome.mismatches, 0u) << outcome.first_mismatch;
}

}  // namespace
