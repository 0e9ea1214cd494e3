// Ed25519: RFC 8037's example key and JWS, round trips with generated keys, determinism, wrong
// lengths, and the public keys ed25519_check_public_key must refuse.
#include <gtest/gtest.h>

#include <algorithm>

#include "crypto/ed25519.h"
#include "test_support.h"
#include "vectors.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

const std::string kMessage = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1MSJ9";

Ed25519PublicKey public_key_of(const std::vector<uint8_t> &bytes) {
  Ed25519PublicKey key;
  EXPECT_EQ(bytes.size(), key.bytes.size());
  std::copy_n(bytes.begin(), std::min(bytes.size(), key.bytes.size()), key.bytes.begin());
  return key;
}

Ed25519PrivateKey generate() {
  Ed25519PrivateKey key;
  EXPECT_EQ(ed25519_generate(key), Status::Ok);
  return key;
}

std::vector<uint8_t> sign(const Ed25519PrivateKey &key, ByteView message) {
  std::vector<uint8_t> signature;
  EXPECT_EQ(ed25519_sign(key, message, signature), Status::Ok);
  return signature;
}

// RFC 8037 Appendix A.1–A.4 (the JOSE cookbook's curve25519/jws.json carries the same key and JWS).
TEST(Ed25519, Rfc8037Example) {
  rapidjson::Document document;
  EDGEJWT_LOAD_VECTORS_OR_SKIP("jose-cookbook/curve25519/jws.json", document);
  const auto &jwk = document["input"]["key"];
  const auto seed = from_base64url(jwk["d"].GetString());
  const Ed25519PublicKey expected = public_key_of(from_base64url(jwk["x"].GetString()));
  const std::string signing_input = document["signing"]["sig-input"].GetString();
  const auto expected_signature = from_base64url(document["signing"]["sig"].GetString());

  Ed25519PrivateKey key;
  ASSERT_EQ(ed25519_public_from_seed(seed, key.public_key), Status::Ok);
  EXPECT_EQ(key.public_key.bytes, expected.bytes);
  EXPECT_EQ(ed25519_check_public_key(key.public_key), Status::Ok);
  key.seed = SecretBytes(seed);
  EXPECT_EQ(sign(key, signing_input), expected_signature);
  EXPECT_EQ(ed25519_verify(expected, signing_input, expected_signature), Status::Ok);
  EXPECT_EQ(ed25519_verify(expected, signing_input + ".", expected_signature), Status::SignatureInvalid);
}

TEST(Ed25519, SignsAndVerifiesWithGeneratedKeys) {
  const Ed25519PrivateKey key = generate();
  ASSERT_EQ(key.seed.size(), 32u);
  EXPECT_EQ(ed25519_check_public_key(key.public_key), Status::Ok);
  Ed25519PublicKey derived;
  ASSERT_EQ(ed25519_public_from_seed(key.seed.view(), derived), Status::Ok);
  EXPECT_EQ(derived.bytes, key.public_key.bytes);

  const auto signature = sign(key, kMessage);
  ASSERT_EQ(signature.size(), 64u);
  EXPECT_EQ(ed25519_verify(key.public_key, kMessage, signature), Status::Ok);
  EXPECT_EQ(ed25519_verify(key.public_key, kMessage + ".", signature), Status::SignatureInvalid);
  auto flipped = signature;
  flipped[10] ^= 1;
  EXPECT_EQ(ed25519_verify(key.public_key, kMessage, flipped), Status::SignatureInvalid);

  const Ed25519PrivateKey other = generate();
  EXPECT_NE(other.public_key.bytes, key.public_key.bytes);
  EXPECT_EQ(ed25519_verify(other.public_key, kMessage, signature), Status::SignatureInvalid);
}

TEST(Ed25519, SigningIsDeterministic) {
  const Ed25519PrivateKey key = generate();
  EXPECT_EQ(sign(key, kMessage), sign(key, kMessage));
  EXPECT_NE(sign(key, kMessage), sign(key, kMessage + "."));
}

// The signature's public half comes from the seed, whatever public key the struct carries.
TEST(Ed25519, SignsWithThePublicKeyDerivedFromTheSeed) {
  Ed25519PrivateKey key = generate();
  const Ed25519PublicKey genuine = key.public_key;
  const auto signature = sign(key, kMessage);
  key.public_key = generate().public_key;
  EXPECT_EQ(sign(key, kMessage), signature);
  EXPECT_EQ(ed25519_verify(genuine, kMessage, signature), Status::Ok);
}

TEST(Ed25519, RefusesWrongLengths) {
  const Ed25519PrivateKey key = generate();
  const auto signature = sign(key, kMessage);
  for (size_t size : {0, 63, 65, 128}) {
    std::vector<uint8_t> resized = signature;
    resized.resize(size);
    EXPECT_EQ(ed25519_verify(key.public_key, kMessage, resized), Status::SignatureLength) << size;
  }
  Ed25519PublicKey public_key;
  for (size_t size : {0, 31, 33, 64}) {
    const std::vector<uint8_t> seed(size, 0x01);
    EXPECT_EQ(ed25519_public_from_seed(seed, public_key), Status::KeyInvalid) << size;
    Ed25519PrivateKey wrong{key.public_key, SecretBytes(seed)};
    std::vector<uint8_t> out;
    EXPECT_EQ(ed25519_sign(wrong, kMessage, out), Status::KeyInvalid) << size;
  }
}

// Points found with a short script over the curve equation (little-endian y, sign bit on top).
TEST(Ed25519, RefusesInvalidPublicKeys) {
  const char *refused[] = {
      // small order: y = 0 (order 4), the identity y = 1, and an order-8 point
      "0000000000000000000000000000000000000000000000000000000000000000",
      "0100000000000000000000000000000000000000000000000000000000000000",
      "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
      // non-canonical y ≥ p: p + 1 (the identity again) and p + 3 (a point of the curve)
      "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "f0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      // y = 2 has no x on the curve
      "0200000000000000000000000000000000000000000000000000000000000000",
      // RFC 8037's key plus the order-8 point above: on the curve, outside the prime-order group
      "3b5b475c4b82dd1572799fc546f4c6c03e478c6654aa4c7f945b347ea32af60d",
  };
  for (const char *hex : refused) {
    EXPECT_EQ(ed25519_check_public_key(public_key_of(from_hex(hex))), Status::KeyInvalid) << hex;
  }
}

}  // namespace
