// X25519 (src/crypto/x25519.h): RFC 7748 §5.2 (two vectors and 1,000 iterations) and §6.1, which
// is also RFC 8037 Appendix A.6's ECDH-ES example, generated key pairs, and the peer keys an
// attacker sends: every point of small order in every encoding libsodium knows (u ≥ p and the
// top bit set included), which would make the shared secret predictable — each refused, nothing
// written.
#include "crypto/x25519.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "decryption_support.h"
#include "test_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

// The status, the secret on success, and that a failure wrote nothing.
Status agree(ByteView private_key, ByteView peer, std::vector<uint8_t> *shared = nullptr) {
  std::vector<uint8_t> out = marked_buffer(kX25519KeySize);
  const Status status = x25519_shared_secret(private_key, peer, out.data());
  EXPECT_TRUE(status == Status::Ok || nothing_released(out)) << "a shared secret left after a refusal";
  if (shared) *shared = out;
  return status;
}

std::string agree_hex(std::string_view scalar, std::string_view u) {
  std::vector<uint8_t> shared;
  EXPECT_EQ(agree(from_hex(scalar), from_hex(u), &shared), Status::Ok);
  return to_hex(shared.data(), shared.size());
}

std::string public_hex(std::string_view scalar) {
  uint8_t public_key[kX25519KeySize];
  EXPECT_EQ(x25519_public_from_private(from_hex(scalar), public_key), Status::Ok);
  return to_hex(public_key, sizeof public_key);
}

// RFC 7748 §6.1 (the keys of RFC 8037 A.6: Bob's is the JWK "3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08",
// Alice's the ephemeral "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo").
constexpr std::string_view kAlicePrivate = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
constexpr std::string_view kAlicePublic = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
constexpr std::string_view kBobPrivate = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
constexpr std::string_view kBobPublic = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
constexpr std::string_view kSharedSecret = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

// libsodium's list of small-order u-coordinates (x25519_ref10.c): 0, 1, the two points of order 8,
// p − 1, p and p + 1, little-endian.
const std::vector<std::string_view> kSmallOrder = {
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
    "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
};

}  // namespace

TEST(X25519, Rfc7748Section5_2) {
  EXPECT_EQ(agree_hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
                      "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"),
            "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
  // The u-coordinate's top bit is set: it must be masked, not refused.
  EXPECT_EQ(agree_hex("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
                      "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"),
            "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
}

TEST(X25519, Rfc7748Section5_2Iterated) {
  std::vector<uint8_t> k = from_hex("0900000000000000000000000000000000000000000000000000000000000000"), u = k;
  for (int i = 1; i <= 1000; ++i) {
    std::vector<uint8_t> result;
    ASSERT_EQ(agree(k, u, &result), Status::Ok) << i;
    u = k;
    k = result;
    if (i == 1) {
      EXPECT_EQ(to_hex(k.data(), k.size()), "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
    }
  }
  EXPECT_EQ(to_hex(k.data(), k.size()), "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
}

TEST(X25519, Rfc7748Section6_1AndRfc8037A6) {
  EXPECT_EQ(public_hex(kAlicePrivate), kAlicePublic);
  EXPECT_EQ(public_hex(kBobPrivate), kBobPublic);
  EXPECT_EQ(agree_hex(kAlicePrivate, kBobPublic), kSharedSecret);
  EXPECT_EQ(agree_hex(kBobPrivate, kAlicePublic), kSharedSecret);
  EXPECT_EQ(from_base64url("3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08"), from_hex(kBobPublic));
  EXPECT_EQ(from_base64url("hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"), from_hex(kAlicePublic));
}

TEST(X25519, GeneratedKeyPairsAgree) {
  uint8_t a_private[kX25519KeySize], a_public[kX25519KeySize], b_private[kX25519KeySize], b_public[kX25519KeySize];
  ASSERT_EQ(x25519_generate(a_private, a_public), Status::Ok);
  ASSERT_EQ(x25519_generate(b_private, b_public), Status::Ok);
  std::vector<uint8_t> ab, ba;
  ASSERT_EQ(agree(ByteView(a_private, 32), ByteView(b_public, 32), &ab), Status::Ok);
  ASSERT_EQ(agree(ByteView(b_private, 32), ByteView(a_public, 32), &ba), Status::Ok);
  EXPECT_EQ(ab, ba);
  EXPECT_NE(std::vector<uint8_t>(a_private, a_private + 32), std::vector<uint8_t>(b_private, b_private + 32));
}

// With any of these as the peer's key the shared secret would be all zeros (or one of a handful of
// values) whatever our private key: RFC 7748 §6.1 has the all-zero result refused, and libsodium
// refuses the points before multiplying. The top bit is ignored by X25519, so each is tried with
// it set too.
TEST(X25519, SmallOrderPeerKeysAreRefused) {
  const auto private_key = from_hex(kAlicePrivate);
  for (std::string_view hex : kSmallOrder) {
    std::vector<uint8_t> peer = from_hex(hex);
    EXPECT_EQ(agree(private_key, peer), Status::KeyInvalid) << hex;
    peer[31] ^= 0x80;
    EXPECT_EQ(agree(private_key, peer), Status::KeyInvalid) << hex << " with the top bit flipped";
  }
}

TEST(X25519, KeysOfAnotherSizeAreRefused) {
  const auto private_key = from_hex(kAlicePrivate), peer = from_hex(kBobPublic);
  for (size_t size : {0, 31, 33, 64}) {
    std::vector<uint8_t> other = peer;
    other.resize(size, 0x11);
    EXPECT_EQ(agree(private_key, other), Status::KeyInvalid) << size;
    other = private_key;
    other.resize(size, 0x11);
    EXPECT_EQ(agree(other, peer), Status::KeyInvalid) << size;
    uint8_t public_key[kX25519KeySize];
    EXPECT_EQ(x25519_public_from_private(other, public_key), Status::KeyInvalid) << size;
  }
}
