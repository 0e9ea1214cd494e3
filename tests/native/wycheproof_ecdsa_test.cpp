// Wycheproof ECDSA vectors in IEEE P1363 form (raw r || s, as JWS uses) for ES256/384/512. Every
// group's key must pass ec_check_public_key; every "valid" signature must verify and every
// "invalid" one must fail, as a length error when it is not exactly 2 × curve_size bytes.
#include <gtest/gtest.h>

#include "crypto/ecdsa.h"
#include "test_support.h"
#include "vectors.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

struct EcdsaFile {
  const char *path;
  Curve curve;
  Hash hash;
  size_t minimum_tests;
};

class WycheproofEcdsa : public ::testing::TestWithParam<EcdsaFile> {};

TEST_P(WycheproofEcdsa, P1363Signatures) {
  rapidjson::Document document;
  EDGEJWT_LOAD_VECTORS_OR_SKIP(GetParam().path, document);
  const Curve curve = GetParam().curve;
  const size_t signature_size = 2 * curve_size(curve);
  size_t checked = 0;
  for (const auto &group : document["testGroups"].GetArray()) {
    EcPublicKey key{curve, from_hex(group["publicKey"]["uncompressed"].GetString())};
    // The JWK form of the same key, where the file gives one, must give the same point.
    if (group.HasMember("publicKeyJwk")) {
      std::vector<uint8_t> from_jwk{0x04};
      for (const char *member : {"x", "y"}) {
        const auto coordinate = from_base64url(group["publicKeyJwk"][member].GetString());
        from_jwk.insert(from_jwk.end(), coordinate.begin(), coordinate.end());
      }
      EXPECT_EQ(from_jwk, key.point);
    }
    ASSERT_EQ(ec_check_public_key(key), Status::Ok) << group["publicKey"]["uncompressed"].GetString();
    checked += check_signature_group(group, signature_size, [&](ByteView message, ByteView signature) {
      return ecdsa_verify(GetParam().hash, key, message, signature);
    });
  }
  EXPECT_EQ(checked, document["numberOfTests"].GetUint());
  EXPECT_GE(checked, GetParam().minimum_tests);
}

INSTANTIATE_TEST_SUITE_P(
    Files, WycheproofEcdsa,
    ::testing::Values(EcdsaFile{"wycheproof/ecdsa_secp256r1_sha256_p1363_test.json", Curve::P256, Hash::Sha256, 260},
                      EcdsaFile{"wycheproof/ecdsa_secp384r1_sha384_p1363_test.json", Curve::P384, Hash::Sha384, 280},
                      EcdsaFile{"wycheproof/ecdsa_secp521r1_sha512_p1363_test.json", Curve::P521, Hash::Sha512, 310}),
    [](const auto &info) { return std::string(info.param.path).substr(17, 9); });

}  // namespace
