// sign_jws: the signer checks its own header and payload strictly and never makes a token that
// verification under the same limits would refuse.
#include <gtest/gtest.h>

#include "jwt/sign.h"
#include "jwt/verify.h"
#include "token_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

TEST(SignJwt, RefusesBadInput) {
  const Key key = secret_key(32);
  DecodedToken scratch;
  std::string token;
  EXPECT_EQ(sign_jws(key, R"({"alg":"HS512"})", std::string_view("{}"), PayloadKind::JwtClaims, {}, scratch, token), Status::KeyTooShort);
  EXPECT_EQ(sign_jws(key, R"({"alg":"none"})", std::string_view("{}"), PayloadKind::JwtClaims, {}, scratch, token), Status::AlgNotSupported);
  EXPECT_EQ(sign_jws(key, R"({"typ":"JWT"})", std::string_view("{}"), PayloadKind::JwtClaims, {}, scratch, token), Status::HeaderInvalid);
  EXPECT_EQ(sign_jws(key, R"({"alg":"HS256"})", std::string_view("[]"), PayloadKind::JwtClaims, {}, scratch, token), Status::JsonNotObject);
  EXPECT_EQ(scratch.detail, "payload");
  EXPECT_EQ(sign_jws(key, R"({"alg":"HS256"})", std::string_view(R"({"a":1,"a":2})"), PayloadKind::JwtClaims, {}, scratch, token), Status::JsonDuplicateKey);
  EXPECT_EQ(sign_jws(key, R"({"alg":"HS256",})", std::string_view("{}"), PayloadKind::JwtClaims, {}, scratch, token), Status::JsonInvalid);
  EXPECT_EQ(scratch.detail, "header");
}

TEST(SignJwt, AnyPayloadBytesForACompactJws) {
  const Key key = secret_key(32);
  DecodedToken scratch;
  std::string token;
  const std::string payload("\x00\xff not JSON", 11);
  ASSERT_EQ(sign_jws(key, R"({"alg":"HS256"})", payload, PayloadKind::Bytes, {}, scratch, token), Status::Ok);
  DecodedToken out;
  ASSERT_EQ(verify_jws(VerificationKeys{&key, nullptr}, VerifyPolicy{}, PayloadKind::Bytes, token, 0, out), Status::Ok);
  EXPECT_EQ(out.payload, payload);
  EXPECT_EQ(sign_jws(key, R"({"alg":"HS256"})", payload, PayloadKind::JwtClaims, {}, scratch, token), Status::JsonInvalid);
}

TEST(SignJwt, StaysWithinTheLimitsVerificationApplies) {
  const Key key = secret_key(32);
  DecodedToken scratch;
  std::string token;
  TokenLimits limits;
  limits.max_header_size = 16;
  EXPECT_EQ(sign_jws(key, R"({"alg":"HS256","typ":"JWT"})", std::string_view("{}"), PayloadKind::JwtClaims, limits,
                     scratch, token),
            Status::HeaderTooLarge);
  limits = TokenLimits{};
  limits.max_payload_size = 8;
  EXPECT_EQ(sign_jws(key, R"({"alg":"HS256"})", std::string_view(R"({"sub":"someone"})"), PayloadKind::JwtClaims,
                     limits, scratch, token),
            Status::PayloadTooLarge);
  // Header and payload fit, the token they make does not.
  limits = TokenLimits{};
  limits.max_token_length = 60;
  EXPECT_EQ(sign_jws(key, R"({"alg":"HS256"})", std::string_view(R"({"sub":"someone"})"), PayloadKind::JwtClaims,
                     limits, scratch, token),
            Status::TokenTooLarge);
}
