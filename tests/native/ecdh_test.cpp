// ECDH on P-256/P-384/P-521 (src/crypto/ecdh.h): RFC 7518 Appendix C, Wycheproof ECDH cases for
// every curve (shared secrets at edge values, 0 and p − 1 among them), round trips with generated
// keys, and the invalid-curve attack: points whose coordinates are 0, 1, p − 1 or p (the
// Wycheproof "point is not on curve" set, built here for each curve), a valid point moved off the
// curve, encodings of the point at infinity, compressed and hybrid forms, wrong lengths, another
// curve's point, and private scalars outside [1, n − 1] — each refused, nothing written.
#include "crypto/ecdh.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "decryption_support.h"
#include "test_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

constexpr Curve kEcdhCurves[] = {Curve::P256, Curve::P384, Curve::P521};

// Big-endian hex left-padded (or stripped of leading zero bytes) to the curve's size.
std::vector<uint8_t> sized(Curve curve, std::string_view hex) {
  std::vector<uint8_t> bytes = from_hex(hex);
  while (bytes.size() > curve_size(curve) && bytes.front() == 0) bytes.erase(bytes.begin());
  bytes.insert(bytes.begin(), curve_size(curve) - std::min(bytes.size(), curve_size(curve)), 0);
  return bytes;
}

// A big-endian integer plus `delta` (−1 or +1), at the same length.
std::vector<uint8_t> plus(std::vector<uint8_t> value, int delta) {
  for (size_t i = value.size(); i-- > 0;) {
    const int digit = value[i] + delta;
    value[i] = static_cast<uint8_t>(digit);
    if (digit >= 0 && digit <= 255) break;
  }
  return value;
}

EcPrivateKey private_key(Curve curve, const std::vector<uint8_t> &scalar) {
  EcPrivateKey key;
  key.public_key.curve = curve;
  key.scalar = SecretBytes(scalar);
  return key;
}

EcPublicKey public_key(Curve curve, std::vector<uint8_t> point) {
  EcPublicKey key;
  key.curve = curve;
  key.point = std::move(point);
  return key;
}

std::vector<uint8_t> point_from_jwk(std::string_view x, std::string_view y) {
  std::vector<uint8_t> point = {0x04};
  for (std::string_view coordinate : {x, y}) {
    const auto bytes = from_base64url(coordinate);
    point.insert(point.end(), bytes.begin(), bytes.end());
  }
  return point;
}

// The status, the secret on success, and that a failure wrote nothing.
Status agree(const EcPrivateKey &key, const EcPublicKey &peer, std::vector<uint8_t> *shared = nullptr) {
  std::vector<uint8_t> out = marked_buffer(curve_size(key.public_key.curve));
  const Status status = ecdh_shared_secret(key, peer, out.data());
  EXPECT_TRUE(status == Status::Ok || nothing_released(out)) << "a shared secret left after a refusal";
  if (shared) *shared = out;
  return status;
}

struct CurveFacts {
  Curve curve;
  std::string_view p, n;
};

// The field primes and group orders (FIPS 186-4 D.1.2, SEC 2 §2.4).
constexpr CurveFacts kFacts[] = {
    {Curve::P256, "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
     "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"},
    {Curve::P384,
     "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff",
     "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"},
    {Curve::P521,
     "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
     "ffffffffffffffffffffff",
     "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b889"
     "9c47aebb6fb71e91386409"},
};

// Wycheproof (testvectors_v1/ecdh_secp*_ecpoint_test.json): the tcId, the peer's point, our scalar,
// and the shared secret.
struct WycheproofCase {
  Curve curve;
  int tc_id;
  std::string_view point, scalar, shared;
};

constexpr WycheproofCase kWycheproof[] = {
    {Curve::P256, 330,
     "04023819813ac969847059028ea88a1f30dfbcde03fc791d3a252c6b41211882eaf93e4ae433cc12cf2a43fc0ef26400c0e125508224cd"
     "b649380f25479148a4ad",
     "2a265f8bcbdcaf94d58519141e578124cb40d64a501fba9c11847b28965bc737",
     "4d4de80f1534850d261075997e3049321a0864082d24a917863366c0724f5ae3"},
    {Curve::P256, 331,
     "04cc11887b2d66cbae8f4d306627192522932146b42f01d3c6f92bd5c8ba739b06a2f08a029cd06b46183085bae9248b0ed15b70280c7e"
     "f13a457f5af382426031",
     "313f72ff9fe811bf573176231b286a3bdb6f1b14e05c40146590727a71c3bccd",
     "831c3f6b5f762d2f461901577af41354ac5f228c2591f84f8a6e51e2e3f17991"},
    {Curve::P384, 6,
     "04d69850ccbacc4736ea200ff2f8488f26247945a2ab48dd3708f494b293d8cba83417f48974881c7fb03854089bbf66cc1c773ec03cb8"
     "cd5f007ec3b03bdd05a409b352103f0decf25b41673ab8ca3d04334babee01219f15701f2bca22d40b37",
     "00a2b6442a37f8a3759d2cb91df5eca75b14f5a6766da8035cc1943b15a8e4ebb6025f373be334080f22ab821a3535a6a7",
     "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000fffffffe"},
    {Curve::P384, 16,
     "04b95795660f7cf603288e25724768e40a4486f9be541cf48dbaa7b2272f2abe01741134b2d3113688f195bb9531b75d544f0be6b0671f"
     "39a2676b09222ae95c2fbc5d26878772547145ee4b1e5d80dd6d6de6a2143187b11b5c8072f19f999cd1",
     "00a2b6442a37f8a3759d2cb91df5eca75b14f5a6766da8035cc1943b15a8e4ebb6025f373be334080f22ab821a3535a6a7",
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
    {Curve::P521, 1,
     "040064da3e94733db536a74a0d8a5cb2265a31c54a1da6529a198377fbd38575d9d79769ca2bdf2d4c972642926d444891a652e7f49233"
     "7251adf1613cf3077999b5ce00e04ad19cf9fd4722b0c824c069f70c3c0e7ebc5288940dfa92422152ae4a4f79183ced375afb54db1409"
     "ddf338b85bb6dbfc5950163346bb63a90a70c5aba098f7",
     "01939982b529596ce77a94bc6efd03e92c21a849eb4f87b8f619d506efc9bb22e7c61640c90d598f795b64566dc6df43992ae34a1341d4"
     "58574440a7371f611c7dcd",
     "01f1e410f2c6262bce6879a3f46dfb7dd11d30eeee9ab49852102e1892201dd10f27266c2cf7cbccc7f6885099043dad80ff57f0df96ac"
     "f283fb090de53df95f7d87"},
    {Curve::P521, 3,
     "04014c643329691ba27459a40dfe7c4ce17b3ea14d0cd7aa47b01f1315404db51436fbbfe6de0842e0f7e1265f6ff3aca28750677d3370"
     "b2fb2a6ef497356f4b95811201051b14178639a09a41465c72d3743436ee1c191ff7388a40140b34d5317de5911ea03cdbb0329fdeb446"
     "695a3b92d437271a9f3c318b02dec4d473908158140e97",
     "00a2b6442a37f8a3759d2cb91df5eca75af6b89e27baf2f6cbf971dee5058ffa9d8dac805c7bc72f3718489d6a9cb2787af8c93a17ddeb"
     "1a19211ab23604d47b7646",
     "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "0000000000000000000000"},
    {Curve::P521, 6,
     "040131b43002f7e687eec1ecf6a253c2ccc9e48f04d86fccd18fee0d2d22191f1ea539c40d521970b4709dc03986f647e0e8bb3340cf8a"
     "3e643a3541035437cf25f01500b27a55ac45f0296f8c9656bcfd52b5cea9f4115c06e4c64319609847d45e92418400e7868672c0d3e6e5"
     "e6e004a7190476ed77cfc33ad19a4bd2c615ad9950f374",
     "00a2b6442a37f8a3759d2cb91df5eca75af6b89e27baf2f6cbf971dee5058ffa9d8dac805c7bc72f3718489d6a9cb2787af8c93a17ddeb"
     "1a19211ab23604d47b7646",
     "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
     "fffffffffffffffffffffe"},
};

// A valid key pair on `curve`, generated once per test process.
const EcPrivateKey &generated(Curve curve) {
  static EcPrivateKey keys[3];
  EcPrivateKey &key = keys[static_cast<size_t>(curve)];
  if (key.scalar.size() == 0) {
    EXPECT_EQ(ec_generate(curve, key), Status::Ok);
  }
  return key;
}

}  // namespace

TEST(Ecdh, Rfc7518AppendixCBothWays) {
  const EcPrivateKey alice = private_key(Curve::P256, from_base64url("0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo"));
  const EcPrivateKey bob = private_key(Curve::P256, from_base64url("VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw"));
  const EcPublicKey alice_public = public_key(Curve::P256, point_from_jwk("gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0",
                                                                           "SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps"));
  const EcPublicKey bob_public = public_key(Curve::P256, point_from_jwk("weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ",
                                                                         "e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck"));
  const std::vector<uint8_t> z = {158, 86,  217, 29,  129, 113, 53,  211, 114, 131, 66,  131, 191, 132, 38,  156,
                                  251, 49,  110, 163, 218, 128, 106, 72,  246, 218, 167, 121, 140, 254, 144, 196};
  std::vector<uint8_t> alice_z, bob_z;
  ASSERT_EQ(agree(alice, bob_public, &alice_z), Status::Ok);
  ASSERT_EQ(agree(bob, alice_public, &bob_z), Status::Ok);
  EXPECT_EQ(alice_z, z);
  EXPECT_EQ(bob_z, z);
}

TEST(Ecdh, WycheproofCasesOnEveryCurve) {
  for (const WycheproofCase &vector : kWycheproof) {
    std::vector<uint8_t> shared;
    ASSERT_EQ(agree(private_key(vector.curve, sized(vector.curve, vector.scalar)),
                    public_key(vector.curve, from_hex(vector.point)), &shared),
              Status::Ok)
        << vector.tc_id;
    EXPECT_EQ(to_hex(shared.data(), shared.size()), vector.shared) << vector.tc_id;
  }
}

TEST(Ecdh, GeneratedKeysAgreeOnEveryCurve) {
  for (Curve curve : kEcdhCurves) {
    EcPrivateKey ours;
    ASSERT_EQ(ec_generate(curve, ours), Status::Ok);
    const EcPrivateKey &theirs = generated(curve);
    std::vector<uint8_t> a, b;
    ASSERT_EQ(agree(ours, theirs.public_key, &a), Status::Ok);
    ASSERT_EQ(agree(theirs, ours.public_key, &b), Status::Ok);
    EXPECT_EQ(a, b);
    EXPECT_EQ(a.size(), curve_size(curve));
  }
}

// The Wycheproof "point is not on curve" set (tcIds 332-347 for P-256), for each curve: every
// point whose coordinates are 0, 1, p − 1 or p. p is also a coordinate out of range.
TEST(Ecdh, InvalidCurvePointsAreRefused) {
  for (const CurveFacts &facts : kFacts) {
    const std::vector<uint8_t> p = sized(facts.curve, facts.p);
    const std::vector<uint8_t> values[] = {sized(facts.curve, "00"), sized(facts.curve, "01"), plus(p, -1), p};
    for (const auto &x : values) {
      for (const auto &y : values) {
        std::vector<uint8_t> point = {0x04};
        point.insert(point.end(), x.begin(), x.end());
        point.insert(point.end(), y.begin(), y.end());
        EXPECT_EQ(agree(generated(facts.curve), public_key(facts.curve, point)), Status::KeyInvalid)
            << to_hex(point.data(), point.size());
      }
    }
  }
}

// A valid point moved off the curve by one in y (the shape of an invalid-curve attack's point: on
// y² = x³ − 3x + b' for another b'), and valid coordinates plus p (same point mod p, not canonical).
TEST(Ecdh, PointsOffTheCurveOrNotReducedAreRefused) {
  for (const CurveFacts &facts : kFacts) {
    const EcPublicKey &valid = generated(facts.curve).public_key;
    std::vector<uint8_t> off = valid.point;
    ASSERT_EQ(off.size(), 1 + 2 * curve_size(facts.curve));
    off[off.size() - 1] ^= 1;
    EXPECT_EQ(agree(generated(facts.curve), public_key(facts.curve, off)), Status::KeyInvalid);
  }
  // P-521's coordinates have 66 bytes for 521 bits, so x + p still fits: the same point mod p,
  // encoded with a coordinate ≥ p.
  const EcPrivateKey &key = generated(Curve::P521);
  std::vector<uint8_t> unreduced = generated(Curve::P521).public_key.point;
  ASSERT_EQ(unreduced.size(), 133u);
  const auto p = sized(Curve::P521, kFacts[2].p);
  unsigned carry = 0;
  for (size_t i = 66; i-- > 0;) {
    const unsigned total = unreduced[1 + i] + p[i] + carry;
    unreduced[1 + i] = static_cast<uint8_t>(total);
    carry = total >> 8;
  }
  ASSERT_EQ(carry, 0u);
  EXPECT_EQ(agree(key, public_key(Curve::P521, unreduced)), Status::KeyInvalid);
}

TEST(Ecdh, EncodingsOtherThanUncompressedAreRefused) {
  for (Curve curve : kEcdhCurves) {
    const EcPrivateKey &key = generated(curve);
    const std::vector<uint8_t> &point = generated(curve).public_key.point;
    const size_t size = curve_size(curve);
    std::vector<uint8_t> compressed(point.begin(), point.begin() + 1 + size);
    compressed[0] = static_cast<uint8_t>(0x02 | (point.back() & 1));
    std::vector<uint8_t> hybrid = point;
    hybrid[0] = static_cast<uint8_t>(0x06 | (point.back() & 1));
    std::vector<uint8_t> no_prefix(point.begin() + 1, point.end());
    std::vector<uint8_t> longer = point;
    longer.push_back(0);
    const std::vector<std::vector<uint8_t>> refused = {
        {},                                   // empty
        {0x00},                               // SEC 1's encoding of the point at infinity
        std::vector<uint8_t>(point.size()),   // all zeros at the right length
        compressed, hybrid, no_prefix, longer,
        std::vector<uint8_t>(point.begin(), point.end() - 1)};
    for (const auto &encoding : refused) {
      EXPECT_EQ(agree(key, public_key(curve, encoding)), Status::KeyInvalid) << encoding.size();
    }
  }
}

// An ephemeral key of another curve than ours, whether labelled as that curve or as ours, and a
// point of our curve labelled as another (a header whose "crv" disagrees with its coordinates).
TEST(Ecdh, AnotherCurvesKeyIsRefused) {
  for (Curve ours : kEcdhCurves) {
    for (Curve theirs : kEcdhCurves) {
      if (ours == theirs) continue;
      const EcPublicKey &peer = generated(theirs).public_key;
      EXPECT_EQ(agree(generated(ours), peer), Status::KeyInvalid);
      EXPECT_EQ(agree(generated(ours), public_key(ours, peer.point)), Status::KeyInvalid);
      EXPECT_EQ(agree(generated(ours), public_key(theirs, generated(ours).public_key.point)), Status::KeyInvalid);
    }
  }
}

TEST(Ecdh, PrivateScalarsOutsideTheGroupOrderAreRefused) {
  for (const CurveFacts &facts : kFacts) {
    const EcPublicKey &peer = generated(facts.curve).public_key;
    const std::vector<uint8_t> n = sized(facts.curve, facts.n);
    EXPECT_EQ(agree(private_key(facts.curve, plus(n, -1)), peer), Status::Ok);
    EXPECT_EQ(agree(private_key(facts.curve, sized(facts.curve, "01")), peer), Status::Ok);
    const std::vector<uint8_t> refused[] = {sized(facts.curve, "00"), n, plus(n, +1), sized(facts.curve, facts.p),
                                            std::vector<uint8_t>(curve_size(facts.curve), 0xff)};
    for (const auto &scalar : refused) {
      EXPECT_EQ(agree(private_key(facts.curve, scalar), peer), Status::KeyInvalid) << to_hex(scalar.data(), scalar.size());
    }
    std::vector<uint8_t> short_scalar = plus(n, -1);
    short_scalar.erase(short_scalar.begin());
    EXPECT_EQ(agree(private_key(facts.curve, short_scalar), peer), Status::KeyInvalid);
  }
}

// ec_multiply, which ECDH builds on: BearSSL writes k times a point it refuses back into the
// buffer (the very output an invalid-curve attack wants); it must not stay there.
TEST(Ecdh, MultiplyLeavesNothingOfAProductItRefuses) {
  for (const CurveFacts &facts : kFacts) {
    std::vector<uint8_t> off = generated(facts.curve).public_key.point;
    ASSERT_EQ(off.size(), 1 + 2 * curve_size(facts.curve));
    off[off.size() - 1] ^= 1;
    std::vector<uint8_t> product = marked_buffer(off.size());
    EXPECT_EQ(ec_multiply(facts.curve, generated(facts.curve).scalar.view(), off, product.data()), Status::KeyInvalid);
    EXPECT_TRUE(nothing_released(product));
  }
}
