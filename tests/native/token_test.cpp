// The part-reading steps verify and decode share: each bounds its part, decodes it strictly, and
// names it on failure.
#include "jwt/token.h"

#include <gtest/gtest.h>

#include "token_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

TEST(TokenParts, HeaderStepSplitsAndClearsTheDetail) {
  DecodedToken out;
  out.detail = "left over";
  CompactParts parts;
  const std::string token = b64(R"({"alg":"HS256"})") + ".cGF5bG9hZA.c2ln";  // the parts view it
  ASSERT_EQ(read_header_part(token, TokenLimits{}, parts, out), Status::Ok);
  EXPECT_EQ(out.detail, "");
  EXPECT_EQ(out.header_json, R"({"alg":"HS256"})");
  EXPECT_EQ(parts.payload, "cGF5bG9hZA");
  EXPECT_EQ(parts.signature, "c2ln");
  EXPECT_EQ(read_header_part(".e30.", TokenLimits{}, parts, out), Status::JwsInvalid);
  EXPECT_EQ(read_header_part(b64("{}") + "..", TokenLimits{}, parts, out), Status::Ok);
  EXPECT_EQ(read_header_part(b64("{} ") + "..", TokenLimits{}, parts, out), Status::Ok);
  EXPECT_EQ(read_header_part(b64("1") + "..", TokenLimits{}, parts, out), Status::JsonNotObject);
  EXPECT_EQ(out.detail, "header");
}

TEST(TokenParts, SignatureStepTakesOnlyCanonicalBase64url) {
  DecodedToken out;
  CompactParts parts;
  for (std::string_view signature : {"c2ln", "", "AA", "AAA"}) {
    parts.signature = signature;
    EXPECT_EQ(read_signature_part(parts, TokenLimits{}, out), Status::Ok) << signature;
  }
  for (std::string_view signature : {"c2ln=", "A", "AB", "c2l+", "c2l/", "c2 l", "AAB"}) {
    out.detail.clear();
    parts.signature = signature;
    EXPECT_EQ(read_signature_part(parts, TokenLimits{}, out), Status::Base64UrlInvalid) << signature;
    EXPECT_EQ(out.detail, "signature");
  }
}

TEST(TokenParts, PayloadStepDependsOnTheKind) {
  DecodedToken out;
  CompactParts parts;
  parts.payload = "cGF5bG9hZA";  // "payload"
  EXPECT_EQ(read_payload_part(parts, TokenLimits{}, PayloadKind::Bytes, out), Status::Ok);
  EXPECT_EQ(out.payload, "payload");
  EXPECT_EQ(read_payload_part(parts, TokenLimits{}, PayloadKind::JwtClaims, out), Status::JsonInvalid);
  EXPECT_EQ(out.detail, "payload");
  TokenLimits small;
  small.max_payload_size = 6;
  EXPECT_EQ(read_payload_part(parts, small, PayloadKind::Bytes, out), Status::PayloadTooLarge);
  const std::string claims = b64(R"({"sub":"a"})");
  parts.payload = claims;
  EXPECT_EQ(read_payload_part(parts, TokenLimits{}, PayloadKind::JwtClaims, out), Status::Ok);
  EXPECT_TRUE(out.payload_document.root().IsObject());
}
