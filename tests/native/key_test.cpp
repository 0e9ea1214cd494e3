// Key: material validated once at import, bound to one family, and asked before every use; a
// failure names the value at fault.
#include "keys/key.h"

#include <gtest/gtest.h>

#include "keys/pkix.h"
#include "pkix_fixtures.h"
#include "test_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

struct Created {
  Status status;
  std::string detail;
  Key key;
};

Created create(KeyMaterial material, std::string_view alg = {}) {
  Created created;
  KeyUsage usage;
  usage.alg = alg;
  created.status = Key::create(std::move(material), std::move(usage), created.key, created.detail);
  return created;
}

KeyMaterial from_pem(std::string_view pem) {
  KeyMaterial material;
  EXPECT_EQ(parse_pem(pem, material), Status::Ok);
  return material;
}

RsaPublicKey rsa_public() { return std::get<RsaPublicKey>(from_pem(kRsa2048.spki_pem)); }

std::vector<std::string> names(AlgorithmSet set) {
  std::vector<std::string> out;
  for (unsigned i = 0; i < kAlgorithmCount; ++i) {
    if (set.contains(static_cast<Algorithm>(i))) out.emplace_back(algorithm_name(static_cast<Algorithm>(i)));
  }
  return out;
}

}  // namespace

TEST(Key, EachMaterialIsBoundToItsFamily) {
  EXPECT_EQ(create(HmacSecret{SecretBytes(std::vector<uint8_t>(32, 1))}).key.family(), KeyFamily::Hmac);
  EXPECT_EQ(create(rsa_public()).key.family(), KeyFamily::Rsa);
  EXPECT_EQ(create(from_pem(kRsa2048.pkcs8_pem)).key.family(), KeyFamily::Rsa);
  const KeyFamily ec_families[] = {KeyFamily::EcP256, KeyFamily::EcP384, KeyFamily::EcP521};
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(create(from_pem(kEcKeys[i].spki_pem)).key.family(), ec_families[i]);
    EXPECT_EQ(create(from_pem(kEcKeys[i].sec1_pem)).key.family(), ec_families[i]);
  }
  EXPECT_EQ(create(from_pem(kEd25519.spki_pem)).key.family(), KeyFamily::Ed25519);
  EXPECT_EQ(create(from_pem(kEd25519.pkcs8_pem)).key.family(), KeyFamily::Ed25519);
}

TEST(Key, UsableAlgorithmsAreTheFamilysNarrowedByAlgAndSecretLength) {
  EXPECT_EQ(names(create(HmacSecret{SecretBytes(std::vector<uint8_t>(32, 1))}).key.usable_algorithms()),
            (std::vector<std::string>{"HS256"}));
  EXPECT_EQ(names(create(HmacSecret{SecretBytes(std::vector<uint8_t>(48, 1))}).key.usable_algorithms()),
            (std::vector<std::string>{"HS256", "HS384"}));
  EXPECT_EQ(names(create(rsa_public()).key.usable_algorithms()),
            (std::vector<std::string>{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"}));
  EXPECT_EQ(names(create(rsa_public(), "PS384").key.usable_algorithms()), (std::vector<std::string>{"PS384"}));
  EXPECT_EQ(names(create(from_pem(kEcKeys[1].spki_pem)).key.usable_algorithms()), (std::vector<std::string>{"ES384"}));
  EXPECT_EQ(names(create(from_pem(kEd25519.spki_pem)).key.usable_algorithms()),
            (std::vector<std::string>{"EdDSA", "Ed25519"}));
}

TEST(Key, FailuresNameTheValueAtFault) {
  const auto expect = [](Created created, Status status, const char *detail) {
    EXPECT_EQ(created.status, status) << detail;
    EXPECT_EQ(created.detail, detail);
  };
  expect(create(HmacSecret{SecretBytes(std::vector<uint8_t>(31, 1))}), Status::KeyTooShort, "k");
  expect(create(HmacSecret{SecretBytes(std::vector<uint8_t>(32, 1))}, "HS512"), Status::KeyTooShort, "k");
  expect(create(HmacSecret{SecretBytes(std::vector<uint8_t>(Key::kMaxHmacSecretSize + 1, 1))}), Status::KeyInvalid, "k");
  expect(create(HmacSecret{SecretBytes(ByteView(kRsa2048.spki_pem))}), Status::KeyUsageRefused, "k");

  RsaPublicKey short_modulus = rsa_public();
  short_modulus.n.pop_back();
  expect(create(short_modulus), Status::KeyTooShort, "n");
  RsaPublicKey long_modulus = rsa_public();
  long_modulus.n.insert(long_modulus.n.end(), 257, 0xff);  // 4104 bits
  expect(create(long_modulus), Status::KeyUnsupported, "n");
  RsaPublicKey even_modulus = rsa_public();
  even_modulus.n.back() &= 0xfe;
  expect(create(even_modulus), Status::KeyInvalid, "n");
  RsaPublicKey exponent_one = rsa_public();
  exponent_one.e = {1};
  expect(create(exponent_one), Status::KeyInvalid, "e");
  auto wrong_d = std::get<RsaPrivateKey>(from_pem(kRsa2048.pkcs8_pem));
  wrong_d.public_key.e = {1, 0, 3};  // 65539: consistent with nothing else
  expect(create(std::move(wrong_d)), Status::KeyInvalid, "d");

  auto off_curve = std::get<EcPublicKey>(from_pem(kEcKeys[0].spki_pem));
  off_curve.point.back() ^= 1;
  expect(create(off_curve), Status::KeyInvalid, "x,y");
  auto other_point = std::get<EcPrivateKey>(from_pem(kEcKeys[0].sec1_pem));
  other_point.public_key.point = std::get<EcPublicKey>(create(from_pem(kEcKeys[0].spki_pem)).key.material()).point;
  other_point.public_key.point[5] ^= 1;
  expect(create(std::move(other_point)), Status::KeyInvalid, "d");

  auto small_order = std::get<Ed25519PublicKey>(from_pem(kEd25519.spki_pem));
  small_order.bytes.fill(0);
  small_order.bytes[0] = 1;  // the identity point
  expect(create(small_order), Status::KeyInvalid, "x");

  expect(create(rsa_public(), "ES256"), Status::JwkInvalid, "alg");
  expect(create(rsa_public(), "RSA-OAEP"), Status::KeyUnsupported, "alg");
}

TEST(Key, PrivateKeysDeriveAMissingPublicHalf) {
  auto without_point = std::get<EcPrivateKey>(from_pem(kEcKeys[2].sec1_pem));
  without_point.public_key.point.clear();
  const Created created = create(std::move(without_point));
  ASSERT_EQ(created.status, Status::Ok) << created.detail;
  EXPECT_EQ(to_hex(created.key.as<EcPrivateKey>()->public_key.point.data(), 1 + 2 * 66), kEcKeys[2].point);

  auto without_public = std::get<Ed25519PrivateKey>(from_pem(kEd25519.pkcs8_pem));
  without_public.public_key.bytes.fill(0);
  const Created ed = create(std::move(without_public));
  ASSERT_EQ(ed.status, Status::Ok);
  EXPECT_EQ(to_hex(ed.key.as<Ed25519PrivateKey>()->public_key.bytes.data(), 32), kEd25519.public_key);
}

TEST(Key, CheckOperationAsksFamilyLengthUsageAndPrivacy) {
  const Key rsa = create(rsa_public()).key;
  EXPECT_EQ(rsa.check_operation(KeyOperation::Verify, Algorithm::PS256), Status::Ok);
  EXPECT_EQ(rsa.check_operation(KeyOperation::Verify, Algorithm::HS256), Status::AlgNotAllowed);
  EXPECT_EQ(rsa.check_operation(KeyOperation::Sign, Algorithm::RS256), Status::KeyUsageRefused);  // public
  EXPECT_EQ(create(from_pem(kRsa2048.pkcs8_pem)).key.check_operation(KeyOperation::Sign, Algorithm::RS256), Status::Ok);

  const Key hs = create(HmacSecret{SecretBytes(std::vector<uint8_t>(32, 1))}).key;
  EXPECT_EQ(hs.check_operation(KeyOperation::Sign, Algorithm::HS256), Status::Ok);
  EXPECT_EQ(hs.check_operation(KeyOperation::Verify, Algorithm::HS384), Status::KeyTooShort);

  const auto with_usage = [](KeyUsage usage) {
    Key key;
    std::string detail;
    EXPECT_EQ(Key::create(rsa_public(), std::move(usage), key, detail), Status::Ok);
    return key;
  };
  KeyUsage bound;
  bound.alg = "RS256";
  EXPECT_EQ(with_usage(bound).check_operation(KeyOperation::Verify, Algorithm::RS384), Status::KeyUsageRefused);
  KeyUsage encryption;
  encryption.use = "enc";
  EXPECT_EQ(with_usage(encryption).check_operation(KeyOperation::Verify, Algorithm::RS256), Status::KeyUsageRefused);
  KeyUsage sign_only;
  sign_only.key_ops = {"sign"};
  sign_only.has_key_ops = true;
  EXPECT_EQ(with_usage(sign_only).check_operation(KeyOperation::Verify, Algorithm::RS256), Status::KeyUsageRefused);
  KeyUsage no_ops;
  no_ops.has_key_ops = true;  // an empty key_ops allows nothing
  EXPECT_EQ(with_usage(no_ops).check_operation(KeyOperation::Verify, Algorithm::RS256), Status::KeyUsageRefused);
}

TEST(Key, PublicHalfKeepsFamilyAndUsage) {
  KeyUsage usage;
  usage.kid = "k1";
  Key private_key, public_key;
  std::string detail;
  ASSERT_EQ(Key::create(from_pem(kEcKeys[0].pkcs8_pem), usage, private_key, detail), Status::Ok);
  ASSERT_EQ(private_key.public_key(public_key), Status::Ok);
  EXPECT_EQ(public_key.family(), KeyFamily::EcP256);
  EXPECT_EQ(public_key.usage().kid, "k1");
  EXPECT_FALSE(public_key.can_sign());
  EXPECT_EQ(to_hex(public_key.as<EcPublicKey>()->point.data(), 65), kEcKeys[0].point);
  Key none;
  EXPECT_EQ(create(HmacSecret{SecretBytes(std::vector<uint8_t>(32, 1))}).key.public_key(none), Status::KeyUsageRefused);
}
