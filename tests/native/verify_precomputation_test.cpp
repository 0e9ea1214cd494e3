// A public key's verify-only precomputation (RsaPublicKey::verifier, EcPublicKey::verifier): made
// when Key::create validates the key, carried by copies, and never used for another key. The last
// is the invariant a cache must keep (docs/threat-model.md, "Key material"): material whose bytes
// no longer match its precomputation verifies with constants made for its own bytes, so that a
// signature verifies exactly when it would without any precomputation.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "crypto/ecdsa.h"
#include "crypto/rsa.h"
#include "keys/key.h"

using namespace edgejwt;

namespace {

const std::string kMessage = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcmVjb21wdXRlZCJ9";

struct RsaPair {
  RsaPrivateKey key;
  std::vector<uint8_t> signature;
};

RsaPair rsa_pair() {
  RsaPair pair;
  EXPECT_EQ(rsa_generate(2048, pair.key), Status::Ok);
  EXPECT_EQ(rsa_pkcs1_sign(Hash::Sha256, pair.key, kMessage, pair.signature), Status::Ok);
  return pair;
}

struct EcPair {
  EcPrivateKey key;
  std::vector<uint8_t> signature;
};

EcPair ec_pair() {
  EcPair pair;
  EXPECT_EQ(ec_generate(Curve::P256, pair.key), Status::Ok);
  EXPECT_EQ(ecdsa_sign(Hash::Sha256, pair.key, kMessage, pair.signature), Status::Ok);
  return pair;
}

void precompute(RsaPublicKey &key) { rsa_precompute_verifier(key); }
void precompute(EcPublicKey &key) { ec_precompute_verifier(key); }
Status verify(const RsaPublicKey &key, ByteView signature) {
  return rsa_pkcs1_verify(Hash::Sha256, key, kMessage, signature);
}
Status verify(const EcPublicKey &key, ByteView signature) {
  return ecdsa_verify(Hash::Sha256, key, kMessage, signature);
}

// The material with its precomputation, as Key::create leaves it.
template <typename Public>
Public prepared(Public key) {
  precompute(key);
  EXPECT_NE(key.verifier.get(), nullptr);
  return key;
}

// A's precomputation with B's bytes copied in by `take_bytes`: B's signature holds, A's does not.
template <typename Pair, typename TakeBytes>
void expect_it_never_answers_for_another_key(const Pair &a, const Pair &b, TakeBytes take_bytes) {
  auto key = prepared(a.key.public_key);
  ASSERT_EQ(verify(key, a.signature), Status::Ok);
  take_bytes(key, b.key.public_key);
  EXPECT_EQ(verify(key, b.signature), Status::Ok);
  EXPECT_EQ(verify(key, a.signature), Status::SignatureInvalid);
}

TEST(VerifyPrecomputation, KeyCreateMakesItForRsaAndP256Only) {
  RsaPair rsa = rsa_pair();
  Key key;
  std::string detail;  // what failed, if anything
  ASSERT_EQ(Key::create(rsa.key.public_key, KeyUsage{}, key, detail), Status::Ok);
  EXPECT_NE(key.as<RsaPublicKey>()->verifier.get(), nullptr);
  ASSERT_EQ(Key::create(std::move(rsa.key), KeyUsage{}, key, detail), Status::Ok);
  EXPECT_NE(key.as<RsaPrivateKey>()->public_key.verifier.get(), nullptr);
  Key public_half;
  ASSERT_EQ(key.public_key(public_half), Status::Ok);
  EXPECT_NE(public_half.as<RsaPublicKey>()->verifier.get(), nullptr);

  EcPair ec = ec_pair();
  ASSERT_EQ(Key::create(ec.key.public_key, KeyUsage{}, key, detail), Status::Ok);
  EXPECT_NE(key.as<EcPublicKey>()->verifier.get(), nullptr);
  ASSERT_EQ(Key::create(std::move(ec.key), KeyUsage{}, key, detail), Status::Ok);
  EXPECT_NE(key.as<EcPrivateKey>()->public_key.verifier.get(), nullptr);

  EcPrivateKey p384;
  ASSERT_EQ(ec_generate(Curve::P384, p384), Status::Ok);
  ASSERT_EQ(Key::create(p384.public_key, KeyUsage{}, key, detail), Status::Ok);
  EXPECT_EQ(key.as<EcPublicKey>()->verifier.get(), nullptr);
}

TEST(VerifyPrecomputation, RsaConstantsNeverAnswerForAnotherModulusOrExponent) {
  const RsaPair a = rsa_pair(), b = rsa_pair();
  expect_it_never_answers_for_another_key(a, b, [](RsaPublicKey &key, const RsaPublicKey &other) { key.n = other.n; });
  // A's constants with A's modulus and another exponent: A's signature opens to something else.
  RsaPublicKey key = prepared(a.key.public_key);
  key.e = {0x03};
  EXPECT_EQ(verify(key, a.signature), Status::SignatureInvalid);
}

TEST(VerifyPrecomputation, P256TableNeverAnswersForAnotherPoint) {
  expect_it_never_answers_for_another_key(ec_pair(), ec_pair(),
                                          [](EcPublicKey &key, const EcPublicKey &other) { key.point = other.point; });
}

TEST(VerifyPrecomputation, CopiesCarryTheirOwn) {
  const RsaPair rsa = rsa_pair();
  const EcPair ec = ec_pair();
  RsaPublicKey rsa_copy;
  EcPublicKey ec_copy;
  {
    const RsaPublicKey rsa_key = prepared(rsa.key.public_key);
    const EcPublicKey ec_key = prepared(ec.key.public_key);
    rsa_copy = rsa_key;
    ec_copy = ec_key;
    EXPECT_NE(rsa_copy.verifier.get(), rsa_key.verifier.get());
    EXPECT_NE(ec_copy.verifier.get(), ec_key.verifier.get());
  }
  ASSERT_NE(rsa_copy.verifier.get(), nullptr);
  ASSERT_NE(ec_copy.verifier.get(), nullptr);
  EXPECT_EQ(verify(rsa_copy, rsa.signature), Status::Ok);
  EXPECT_EQ(verify(ec_copy, ec.signature), Status::Ok);
  const EcPublicKey moved = std::move(ec_copy);
  EXPECT_EQ(verify(moved, ec.signature), Status::Ok);
}

// Material made elsewhere (no precomputation) verifies the same, with constants made per call.
TEST(VerifyPrecomputation, MaterialWithoutItVerifiesTheSame) {
  const RsaPair rsa = rsa_pair();
  const EcPair ec = ec_pair();
  ASSERT_EQ(rsa.key.public_key.verifier.get(), nullptr);
  EXPECT_EQ(rsa_pkcs1_verify(Hash::Sha256, rsa.key.public_key, kMessage, rsa.signature), Status::Ok);
  EXPECT_EQ(rsa_pkcs1_verify(Hash::Sha256, rsa.key.public_key, kMessage + ".", rsa.signature),
            Status::SignatureInvalid);
  EcPublicKey point = ec.key.public_key;
  point.verifier = {};
  EXPECT_EQ(ecdsa_verify(Hash::Sha256, point, kMessage, ec.signature), Status::Ok);
  EXPECT_EQ(ecdsa_verify(Hash::Sha256, point, kMessage + ".", ec.signature), Status::SignatureInvalid);
  point.point[10] ^= 1;  // no longer on the curve: no table can be made for it
  EXPECT_EQ(ecdsa_verify(Hash::Sha256, point, kMessage, ec.signature), Status::SignatureInvalid);
}

}  // namespace
