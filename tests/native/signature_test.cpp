// The JWS signature step: each algorithm dispatched to its primitive for a key that consents, with
// signatures of exactly the length the algorithm table states, checked before any arithmetic.
#include "jws/signature.h"

#include <gtest/gtest.h>

#include "pkix_fixtures.h"
#include "test_support.h"
#include "token_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

constexpr std::string_view kInput = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1MSJ9";

// A private key for `alg`'s family, from the test fixtures (a 64-byte secret for HMAC).
Key signing_key(Algorithm alg) {
  switch (algorithm_family(alg)) {
    case KeyFamily::Hmac:
      return secret_key(64);
    case KeyFamily::Rsa:
      return imported(KeyImportFormat::Pem, kRsa2048.pkcs8_pem);
    case KeyFamily::EcP256:
      return imported(KeyImportFormat::Pem, kEcKeys[0].pkcs8_pem);
    case KeyFamily::EcP384:
      return imported(KeyImportFormat::Pem, kEcKeys[1].pkcs8_pem);
    case KeyFamily::EcP521:
      return imported(KeyImportFormat::Pem, kEcKeys[2].pkcs8_pem);
    case KeyFamily::Ed25519:
      return imported(KeyImportFormat::Pem, kEd25519.pkcs8_pem);
  }
  return Key{};
}

// The key that verifies: the public half, or the secret itself.
Key verifying_key(const Key &key) {
  if (key.is_secret()) return secret_key(64);
  Key public_key;
  EXPECT_EQ(key.public_key(public_key), Status::Ok);
  return public_key;
}

std::vector<uint8_t> sign(const Key &key, Algorithm alg) {
  std::vector<uint8_t> signature;
  EXPECT_EQ(create_signature(key, alg, kInput, signature), Status::Ok) << algorithm_name(alg);
  return signature;
}

class SignatureOf : public ::testing::TestWithParam<Algorithm> {};

std::vector<Algorithm> every_algorithm() {
  std::vector<Algorithm> all;
  for (unsigned i = 0; i < kAlgorithmCount; ++i) all.push_back(static_cast<Algorithm>(i));
  return all;
}

}  // namespace

TEST_P(SignatureOf, SignsAndVerifiesAndRefusesATamperedInput) {
  const Algorithm alg = GetParam();
  const Key key = signing_key(alg);
  const Key verifier = verifying_key(key);
  const std::vector<uint8_t> signature = sign(key, alg);
  EXPECT_EQ(check_signature(verifier, alg, kInput, signature), Status::Ok);
  EXPECT_EQ(check_signature(key, alg, kInput, signature), Status::Ok);  // a private key verifies too
  EXPECT_EQ(check_signature(verifier, alg, std::string_view("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1MiJ9"), signature), Status::SignatureInvalid);
}

// The table's signature length is the primitives' (the modulus's for RSA): one byte more or less
// is SignatureLength, before any arithmetic and in the encoding check alike.
TEST_P(SignatureOf, SignaturesHaveExactlyTheTablesLength) {
  const Algorithm alg = GetParam();
  const Key key = signing_key(alg);
  const std::vector<uint8_t> signature = sign(key, alg);
  const size_t expected = algorithm_info(alg).signature_size ? algorithm_info(alg).signature_size : kRsa2048.n.size() / 2;
  EXPECT_EQ(signature.size(), expected);
  EXPECT_EQ(check_signature_encoding(key, alg, signature), Status::Ok);
  std::vector<uint8_t> longer = signature, shorter = signature;
  longer.push_back(0);
  shorter.pop_back();
  for (const auto &wrong : {longer, shorter, std::vector<uint8_t>{}}) {
    EXPECT_EQ(check_signature_encoding(key, alg, wrong), Status::SignatureLength);
    EXPECT_EQ(check_signature(key, alg, kInput, wrong), Status::SignatureLength);
  }
}

TEST_P(SignatureOf, TheKeyConsentsFirst) {
  const Algorithm alg = GetParam();
  const Key key = signing_key(alg);
  const std::vector<uint8_t> signature = sign(key, alg);
  const Algorithm other_family = algorithm_family(alg) == KeyFamily::Hmac ? Algorithm::ES256 : Algorithm::HS256;
  EXPECT_EQ(check_signature(key, other_family, kInput, signature), Status::AlgNotAllowed);
  EXPECT_EQ(check_signature_encoding(key, other_family, signature), Status::AlgNotAllowed);
  std::vector<uint8_t> made;
  if (!key.is_secret()) {
    EXPECT_EQ(create_signature(verifying_key(key), alg, kInput, made), Status::KeyUsageRefused);
  }
}

INSTANTIATE_TEST_SUITE_P(Jws, SignatureOf,
                         ::testing::ValuesIn(every_algorithm()),
                         [](const auto &info) { return std::string(algorithm_name(info.param)); });

// Values of the right length that no signature can be: refused by the encoding check itself.
TEST(SignatureEncoding, OutOfRangeValuesAreRefusedBeforeThePrimitive) {
  const Key rsa = signing_key(Algorithm::RS256);
  std::vector<uint8_t> modulus = from_hex(kRsa2048.n);
  EXPECT_EQ(check_signature_encoding(rsa, Algorithm::RS256, modulus), Status::SignatureInvalid);  // s = n
  const Key ec = signing_key(Algorithm::ES256);
  EXPECT_EQ(check_signature_encoding(ec, Algorithm::ES256, std::vector<uint8_t>(64, 0)), Status::SignatureInvalid);
  const Key ed = signing_key(Algorithm::EdDSA);
  EXPECT_EQ(check_signature_encoding(ed, Algorithm::EdDSA, std::vector<uint8_t>(64, 0xff)), Status::SignatureInvalid);
}
