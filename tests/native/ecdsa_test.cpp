// ECDSA on P-256, P-384 and P-521: round trips with generated keys, RFC 6979's deterministic nonces,
// r and s outside [1, n-1], wrong signature lengths, and malformed public keys and scalars.
#include <gtest/gtest.h>

#include <string_view>

#include "crypto/ecdsa.h"
#include "test_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

// The curve constants, as published in SEC 2 v2 §2.4.2, §2.5.1, §2.6.1 (also FIPS 186-4 D.1.2).
struct CurveCase {
  const char *name;
  Curve curve;
  Hash hash;
  std::string_view order;  // n
  std::string_view prime;  // p
  // y = √b mod p, so (0, y) is on the curve: written with x = p it tests the range check alone.
  std::string_view root_of_b;
};

const CurveCase kP256{"P256", Curve::P256, Hash::Sha256,
                      "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
                      "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
                      "66485c780e2f83d72433bd5d84a06bb6541c2af31dae871728bf856a174f93f4"};
const CurveCase kP384{"P384", Curve::P384, Hash::Sha384,
                      "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf"
                      "581a0db248b0a77aecec196accc52973",
                      "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"
                      "ffffffff0000000000000000ffffffff",
                      "c306610fb0ae5a159cf45c06069f22a6c5eb3641c602d42dea2c4b4f75550793"
                      "406d80d2b91ad54f9048bd487af1ade1"};
const CurveCase kP521{"P521", Curve::P521, Hash::Sha512,
                      "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                      "fa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
                      "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                      "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                      "012df13601594a883ef2d935e44bb90bf4d6619b74e52af7552f97769011c0719e"
                      "b439cfab2a88d40fe59a2bed1f43557169a2d0a2ccd280c607b92bbf51ffe0b078"};

std::vector<uint8_t> join(std::vector<uint8_t> first, const std::vector<uint8_t> &second) {
  first.insert(first.end(), second.begin(), second.end());
  return first;
}

std::vector<uint8_t> bytes_of(size_t size, uint8_t value) { return std::vector<uint8_t>(size, value); }

const std::string kMessage = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1MSJ9";

class Ecdsa : public ::testing::TestWithParam<CurveCase> {
 protected:
  size_t size() const { return curve_size(GetParam().curve); }
  std::vector<uint8_t> order() const { return from_hex(GetParam().order); }

  EcPrivateKey generate() const {
    EcPrivateKey key;
    EXPECT_EQ(ec_generate(GetParam().curve, key), Status::Ok);
    return key;
  }
  std::vector<uint8_t> sign(const EcPrivateKey &key, std::string_view message) const {
    std::vector<uint8_t> signature;
    EXPECT_EQ(ecdsa_sign(GetParam().hash, key, message, signature), Status::Ok);
    return signature;
  }
  Status verify(const EcPublicKey &key, const std::vector<uint8_t> &signature) const {
    return ecdsa_verify(GetParam().hash, key, kMessage, signature);
  }
  Status check(std::vector<uint8_t> point) const { return ec_check_public_key({GetParam().curve, std::move(point)}); }
};

TEST_P(Ecdsa, SignsAndVerifiesWithGeneratedKeys) {
  const EcPrivateKey key = generate();
  ASSERT_EQ(key.scalar.size(), size());
  ASSERT_EQ(key.public_key.point.size(), 1 + 2 * size());
  EXPECT_EQ(ec_check_public_key(key.public_key), Status::Ok);
  EcPublicKey derived;
  ASSERT_EQ(ec_public_from_private(GetParam().curve, key.scalar.view(), derived), Status::Ok);
  EXPECT_EQ(derived.point, key.public_key.point);

  const auto signature = sign(key, kMessage);
  ASSERT_EQ(signature.size(), 2 * size());
  EXPECT_EQ(verify(key.public_key, signature), Status::Ok);
  EXPECT_EQ(ecdsa_verify(GetParam().hash, key.public_key, kMessage + ".", signature), Status::SignatureInvalid);
  auto flipped = signature;
  flipped.back() ^= 1;
  EXPECT_EQ(verify(key.public_key, flipped), Status::SignatureInvalid);

  const EcPrivateKey other = generate();
  EXPECT_NE(other.public_key.point, key.public_key.point);
  EXPECT_EQ(verify(other.public_key, signature), Status::SignatureInvalid);
}

TEST_P(Ecdsa, SigningIsDeterministic) {
  const EcPrivateKey key = generate();
  EXPECT_EQ(sign(key, kMessage), sign(key, kMessage));
  EXPECT_NE(sign(key, kMessage), sign(key, kMessage + "."));
}

TEST_P(Ecdsa, RefusesROrSOutsideOneToNMinusOne) {
  const EcPrivateKey key = generate();
  const auto signature = sign(key, kMessage);
  const std::vector<uint8_t> r(signature.begin(), signature.begin() + size());
  const std::vector<uint8_t> s(signature.begin() + size(), signature.end());
  const auto zero = bytes_of(size(), 0x00);
  const auto all_ones = bytes_of(size(), 0xff);  // above n on every curve
  for (const auto &[bad_r, bad_s] : {std::pair{zero, s}, std::pair{r, zero}, std::pair{order(), s},
                                     std::pair{r, order()}, std::pair{all_ones, s}, std::pair{r, all_ones},
                                     std::pair{all_ones, all_ones}, std::pair{zero, zero}}) {
    EXPECT_EQ(verify(key.public_key, join(bad_r, bad_s)), Status::SignatureInvalid)
        << to_hex(bad_r.data(), bad_r.size()) << " " << to_hex(bad_s.data(), bad_s.size());
  }
}

TEST_P(Ecdsa, RefusesSignaturesOfAnotherLength) {
  const EcPrivateKey key = generate();
  const auto signature = sign(key, kMessage);
  EXPECT_EQ(verify(key.public_key, {}), Status::SignatureLength);
  EXPECT_EQ(verify(key.public_key, std::vector<uint8_t>(signature.begin(), signature.end() - 1)),
            Status::SignatureLength);
  EXPECT_EQ(verify(key.public_key, join(signature, {0x00})), Status::SignatureLength);
  EXPECT_EQ(verify(key.public_key, join({0x00}, signature)), Status::SignatureLength);
}

TEST_P(Ecdsa, ChecksPublicKeys) {
  const auto point = generate().public_key.point;
  const std::vector<uint8_t> x(point.begin() + 1, point.begin() + 1 + size());
  EXPECT_EQ(check(point), Status::Ok);

  auto off_curve = point;
  off_curve.back() ^= 1;
  EXPECT_EQ(check(off_curve), Status::KeyInvalid);

  const auto root_of_b = from_hex(GetParam().root_of_b);
  EXPECT_EQ(check(join(join({0x04}, bytes_of(size(), 0x00)), root_of_b)), Status::Ok);
  EXPECT_EQ(check(join(join({0x04}, from_hex(GetParam().prime)), root_of_b)), Status::KeyInvalid);

  for (uint8_t prefix : {0x02, 0x03}) {  // compressed, and a compressed prefix on a full point
    EXPECT_EQ(check(join({prefix}, x)), Status::KeyInvalid);
    auto relabelled = point;
    relabelled[0] = prefix;
    EXPECT_EQ(check(relabelled), Status::KeyInvalid);
  }
  for (uint8_t prefix : {0x06, 0x07}) {  // hybrid form
    auto hybrid = point;
    hybrid[0] = prefix;
    EXPECT_EQ(check(hybrid), Status::KeyInvalid);
  }
  EXPECT_EQ(check({0x00}), Status::KeyInvalid);  // SEC1's encoding of the point at infinity
  EXPECT_EQ(check(join({0x04}, bytes_of(2 * size(), 0x00))), Status::KeyInvalid);
  EXPECT_EQ(check(std::vector<uint8_t>(point.begin(), point.end() - 1)), Status::KeyInvalid);
  EXPECT_EQ(check(join(point, {0x00})), Status::KeyInvalid);
  EXPECT_EQ(check({}), Status::KeyInvalid);
}

TEST_P(Ecdsa, DerivesPublicKeysOnlyFromScalarsInRange) {
  const Curve curve = GetParam().curve;
  EcPublicKey public_key;
  for (const auto &scalar : {bytes_of(size(), 0x00), order(), bytes_of(size(), 0xff), bytes_of(size() - 1, 0x01),
                             bytes_of(size() + 1, 0x01)}) {
    EXPECT_EQ(ec_public_from_private(curve, scalar, public_key), Status::KeyInvalid)
        << to_hex(scalar.data(), scalar.size());
  }

  auto one = bytes_of(size() - 1, 0x00);
  one.push_back(1);
  auto order_minus_one = order();
  order_minus_one.back() -= 1;  // no curve order ends in a zero byte
  EcPublicKey generator, negated;
  ASSERT_EQ(ec_public_from_private(curve, one, generator), Status::Ok);
  ASSERT_EQ(ec_public_from_private(curve, order_minus_one, negated), Status::Ok);
  EXPECT_EQ(ec_check_public_key(generator), Status::Ok);
  EXPECT_EQ(ec_check_public_key(negated), Status::Ok);
  // (n−1)·G = −G: the same x, the other y.
  EXPECT_TRUE(std::equal(generator.point.begin(), generator.point.begin() + 1 + size(), negated.point.begin()));
  EXPECT_NE(generator.point, negated.point);

  EcPrivateKey out_of_range{generator, SecretBytes(order())};
  std::vector<uint8_t> signature;
  EXPECT_EQ(ecdsa_sign(GetParam().hash, out_of_range, kMessage, signature), Status::KeyInvalid);
}

INSTANTIATE_TEST_SUITE_P(Curves, Ecdsa, ::testing::Values(kP256, kP384, kP521),
                         [](const auto &info) { return std::string(info.param.name); });

// RFC 6979 Appendix A.2.5: P-256, SHA-256, message "sample".
TEST(EcdsaRfc6979, P256Sha256Sample) {
  const auto scalar = from_hex("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");
  const auto expected_point = from_hex(
      "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
      "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299");
  const auto r = from_hex("efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716");
  const auto s = from_hex("f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8");

  EcPrivateKey key;
  ASSERT_EQ(ec_public_from_private(Curve::P256, scalar, key.public_key), Status::Ok);
  EXPECT_EQ(key.public_key.point, expected_point);
  key.scalar = SecretBytes(scalar);
  std::vector<uint8_t> signature;
  ASSERT_EQ(ecdsa_sign(Hash::Sha256, key, std::string_view("sample"), signature), Status::Ok);
  EXPECT_EQ(signature, join(r, s));
  EXPECT_EQ(ecdsa_verify(Hash::Sha256, key.public_key, std::string_view("sample"), signature), Status::Ok);

  // The same r and s DER-encoded (as X.509 and JCA carry them) are not a JWS signature.
  const auto der = join(join({0x30, 0x46, 0x02, 0x21, 0x00}, r), join({0x02, 0x21, 0x00}, s));
  EXPECT_EQ(ecdsa_verify(Hash::Sha256, key.public_key, std::string_view("sample"), der), Status::SignatureLength);
  EXPECT_EQ(ecdsa_verify(Hash::Sha256, key.public_key, std::string_view("sample"), join(r, bytes_of(31, 0x01))),
            Status::SignatureLength);
  EXPECT_EQ(ecdsa_verify(Hash::Sha256, key.public_key, std::string_view("sample"), join(join(r, s), {0x00})),
            Status::SignatureLength);
}

}  // namespace
