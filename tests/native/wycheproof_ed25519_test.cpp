// Wycheproof Ed25519 vectors (EdDSA in JWS, RFC 8037). Every group's key must pass
// ed25519_check_public_key; every "valid" signature must verify and every "invalid" one must fail,
// as a length error when it is not exactly 64 bytes.
#include <gtest/gtest.h>

#include <algorithm>

#include "crypto/ed25519.h"
#include "test_support.h"
#include "vectors.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

TEST(WycheproofEd25519, Signatures) {
  rapidjson::Document document;
  EDGEJWT_LOAD_VECTORS_OR_SKIP("wycheproof/ed25519_test.json", document);
  size_t checked = 0;
  for (const auto &group : document["testGroups"].GetArray()) {
    const auto bytes = from_hex(group["publicKey"]["pk"].GetString());
    ASSERT_EQ(bytes.size(), 32u);
    Ed25519PublicKey key;
    std::copy(bytes.begin(), bytes.end(), key.bytes.begin());
    EXPECT_EQ(from_base64url(group["publicKeyJwk"]["x"].GetString()), bytes);
    ASSERT_EQ(ed25519_check_public_key(key), Status::Ok) << group["publicKey"]["pk"].GetString();
    checked += check_signature_group(group, 64, [&](ByteView message, ByteView signature) {
      return ed25519_verify(key, message, signature);
    });
  }
  EXPECT_EQ(checked, document["numberOfTests"].GetUint());
  EXPECT_GE(checked, 150u);
}

}  // namespace
