// p256_verify's own contract beyond what the differential suite compares with BearSSL: the hash
// may be of any length, down to none (bits2int of an empty hash is 0), and a hash of 0 mod n
// verifies R = u2·Q as SEC 1 says (BearSSL refuses every such signature; see differential.h).
#include <gtest/gtest.h>

#include <vector>

#include <bearssl_ec.h>
#include <bearssl_hash.h>

#include "crypto/p256_verify.h"

using namespace edgejwt;

namespace {

// A signature by d over a hash of 32 zero bytes, which BearSSL's signer makes (it reduces z mod n).
struct ZeroHashSignature {
  std::vector<uint8_t> point = std::vector<uint8_t>(kP256PointSize);
  uint8_t signature[kP256SignatureSize];
};

ZeroHashSignature zero_hash_signature() {
  uint8_t d[32] = {0x5e, 0x11, 0x77};
  d[31] = 0x42;
  ZeroHashSignature out;
  br_ec_p256_m31.mulgen(out.point.data(), d, sizeof d, BR_EC_secp256r1);
  const br_ec_private_key key{BR_EC_secp256r1, d, sizeof d};
  const uint8_t zeros[32] = {};
  EXPECT_EQ(br_ecdsa_i31_sign_raw(&br_ec_p256_m31, &br_sha256_vtable, zeros, &key, out.signature), kP256SignatureSize);
  return out;
}

TEST(P256Verify, AHashOfZeroModNVerifiesRFromQAlone) {
  const ZeroHashSignature made = zero_hash_signature();
  P256VerifyKey key;
  ASSERT_TRUE(p256_verify_init(made.point.data(), made.point.size(), key));
  const uint8_t zeros[32] = {};
  EXPECT_TRUE(p256_verify(key, zeros, sizeof zeros, made.signature, sizeof made.signature));
  uint8_t other[kP256SignatureSize];
  std::copy(made.signature, made.signature + sizeof other, other);
  other[40] ^= 1;
  EXPECT_FALSE(p256_verify(key, zeros, sizeof zeros, other, sizeof other));
}

// No hash at all is bits2int 0 too, read from nowhere: under UBSan, a memcpy from a null pointer
// (even of 0 bytes) fails this test.
TEST(P256Verify, AnEmptyHashIsZero) {
  const ZeroHashSignature made = zero_hash_signature();
  P256VerifyKey key;
  ASSERT_TRUE(p256_verify_init(made.point.data(), made.point.size(), key));
  EXPECT_TRUE(p256_verify(key, nullptr, 0, made.signature, sizeof made.signature));
}

}  // namespace
