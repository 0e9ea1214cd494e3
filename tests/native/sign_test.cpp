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

// RFC 7515 §4.1.11 at signing: a "crit" may name only extensions the signer declares it
// understands (jose's sign option crit), each present in the header; so no token is made that its
// own signer could not verify.
TEST(SignJwt, CritNamesOnlyDeclaredExtensionsPresentInTheHeader) {
  const Key key = secret_key(32);
  DecodedToken scratch;
  std::string token;
  const std::string_view claims("{}");
  const std::vector<std::string> declared{"http://example/ext"};
  const std::vector<std::string> none;
  const char *header = R"({"alg":"HS256","crit":["http://example/ext"],"http://example/ext":true})";
  EXPECT_EQ(sign_jws(key, header, claims, PayloadKind::JwtClaims, {}, scratch, token, &none), Status::CritNotUnderstood);
  EXPECT_EQ(scratch.detail, "http://example/ext");
  EXPECT_EQ(sign_jws(key, R"({"alg":"HS256","crit":["other"],"other":1})", claims, PayloadKind::JwtClaims, {}, scratch,
                     token, &declared),
            Status::CritNotUnderstood);
  ASSERT_EQ(sign_jws(key, header, claims, PayloadKind::JwtClaims, {}, scratch, token, &declared), Status::Ok);
  DecodedToken out;
  VerifyPolicy policy;
  policy.crit = declared;
  EXPECT_EQ(verify_jws(VerificationKeys{&key, nullptr}, policy, PayloadKind::JwtClaims, token, 0, out), Status::Ok);
  // Declared but absent from the header, named twice, or a standard member: malformed either way.
  for (const char *malformed : {R"({"alg":"HS256","crit":["http://example/ext"]})",
                                R"({"alg":"HS256","crit":["http://example/ext","http://example/ext"],"http://example/ext":1})",
                                R"({"alg":"HS256","crit":["kid"],"kid":"k"})", R"({"alg":"HS256","crit":[]})"}) {
    EXPECT_EQ(sign_jws(key, malformed, claims, PayloadKind::JwtClaims, {}, scratch, token, &declared), Status::CritInvalid)
        << malformed;
  }
  // A header without crit needs no declaration.
  EXPECT_EQ(sign_jws(key, R"({"alg":"HS256"})", claims, PayloadKind::JwtClaims, {}, scratch, token, &none), Status::Ok);
}
