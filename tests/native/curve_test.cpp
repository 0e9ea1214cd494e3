// The curve table: each curve by its JWK name and its OID, with its sizes.
#include "crypto/curve.h"

#include <gtest/gtest.h>

#include "test_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

TEST(Curves, FoundByNameAndOid) {
  const struct {
    const char *name;
    const char *oid_hex;
    Curve curve;
    size_t size;
  } expected[] = {
      {"P-256", "2a8648ce3d030107", Curve::P256, 32},
      {"P-384", "2b81040022", Curve::P384, 48},
      {"P-521", "2b81040023", Curve::P521, 66},
  };
  for (const auto &e : expected) {
    Curve by_name, by_oid;
    ASSERT_TRUE(curve_from_name(e.name, by_name)) << e.name;
    ASSERT_TRUE(curve_from_oid(from_hex(e.oid_hex), by_oid)) << e.name;
    EXPECT_EQ(by_name, e.curve);
    EXPECT_EQ(by_oid, e.curve);
    EXPECT_EQ(curve_size(e.curve), e.size);
    EXPECT_EQ(curve_info(e.curve).curve, e.curve);
  }
  EXPECT_EQ(kMaxCurveSize, 66u);
}

TEST(Curves, OthersAreNotFound) {
  Curve curve;
  for (const char *name : {"p-256", "P256", "secp256k1", "Ed25519", "X25519", ""}) {
    EXPECT_FALSE(curve_from_name(name, curve)) << name;
  }
  for (const char *oid : {"2b8104000a" /* secp256k1 */, "2a8648ce3d0301", "2a8648ce3d03010700", ""}) {
    EXPECT_FALSE(curve_from_oid(from_hex(oid), curve)) << oid;
  }
}
