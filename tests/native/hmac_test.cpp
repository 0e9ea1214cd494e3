#include "crypto/hmac.h"

#include <gtest/gtest.h>

#include "test_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

// The MAC by pads moved once, as a key's are when its material is stored.
std::string hmac_hex(Hash hash, ByteView key, std::string_view data) {
  HmacPads made(key);
  const HmacPads pads = std::move(made);
  uint8_t out[kMaxHashSize];
  pads.mac(hash, data, out);
  return to_hex(out, hash_size(hash));
}

}  // namespace

TEST(Hmac, Rfc4231TestCase1) {
  const std::vector<uint8_t> key(20, 0x0b);
  EXPECT_EQ(hmac_hex(Hash::Sha256, key, "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(hmac_hex(Hash::Sha384, key, "Hi There"),
            "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6");
  EXPECT_EQ(hmac_hex(Hash::Sha512, key, "Hi There"),
            "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
            "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854");
}

TEST(Hmac, Rfc4231TestCase6LongKey) {
  const std::vector<uint8_t> key(131, 0xaa);
  EXPECT_EQ(hmac_hex(Hash::Sha256, key, "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(Hmac, ConstantTimeEqualComparesEveryByte) {
  const uint8_t a[4] = {1, 2, 3, 4}, b[4] = {1, 2, 3, 5}, c[4] = {0, 2, 3, 4};
  EXPECT_TRUE(constant_time_equal(a, a, 4));
  EXPECT_FALSE(constant_time_equal(a, b, 4));
  EXPECT_FALSE(constant_time_equal(a, c, 4));
  EXPECT_TRUE(constant_time_equal(a, c, 0));
}
