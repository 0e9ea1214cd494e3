// The differential suite natively (GoogleTest): our verify-only arithmetic against BearSSL on the
// same inputs (differential.h), from a fixed seed. The cases per algorithm come from
// EDGEJWT_DIFFERENTIAL_CASES (scripts/differential.sh runs 10^6); by default 20,000, and a tenth of
// that under AddressSanitizer, whose build runs every test again to look for memory errors.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "differential.h"

#if defined(__SANITIZE_ADDRESS__)
#define EDGEJWT_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define EDGEJWT_UNDER_ASAN 1
#endif
#endif

using namespace edgejwt::differential;

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

}  // namespace
