#include "jws/compact.h"

#include <gtest/gtest.h>

using namespace edgejwt;

TEST(CompactJws, SplitsInPlace) {
  const std::string_view token = "aGVhZA.cGF5.c2ln";
  CompactParts parts;
  ASSERT_EQ(split_compact(token, 1000, parts), Status::Ok);
  EXPECT_EQ(parts.header, "aGVhZA");
  EXPECT_EQ(parts.payload, "cGF5");
  EXPECT_EQ(parts.signature, "c2ln");
  EXPECT_EQ(parts.signing_input, "aGVhZA.cGF5");
  EXPECT_EQ(parts.header.data(), token.data());  // a view, not a copy
}

TEST(CompactJws, AllowsEmptyPayloadAndSignature) {
  CompactParts parts;
  EXPECT_EQ(split_compact("aGVhZA..", 1000, parts), Status::Ok);
  EXPECT_TRUE(parts.payload.empty());
  EXPECT_TRUE(parts.signature.empty());
}

TEST(CompactJws, RequiresExactlyThreeParts) {
  CompactParts parts;
  for (const char *token : {"", "a", "a.b", "a.b.c.d", "a.b.c.d.e", ".b.c", "..", "...."}) {
    EXPECT_EQ(split_compact(token, 1000, parts), Status::JwsInvalid) << token;
  }
}

TEST(CompactJws, CapsLength) {
  CompactParts parts;
  EXPECT_EQ(split_compact("aaaa.bbbb.cccc", 13, parts), Status::TokenTooLarge);
  EXPECT_EQ(split_compact("aaaa.bbbb.cccc", 14, parts), Status::Ok);
}
