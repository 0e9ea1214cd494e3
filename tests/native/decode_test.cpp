// decode_jwt and decode_protected_header: decoding verifies nothing, and reads the parts with
// verify's own steps, so a malformed token fails the same way in both.
#include <gtest/gtest.h>

#include "jwt/decode.h"
#include "jwt/verify.h"
#include "token_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

TEST(DecodeJwt, DecodesWithoutVerifyingEvenUnsecuredTokens) {
  DecodedToken out;
  const std::string unsecured = b64(R"({"alg":"none"})") + "." + b64(R"({"sub":"x"})") + ".";
  ASSERT_EQ(decode_jwt(unsecured, TokenLimits{}, out), Status::Ok);
  EXPECT_EQ(out.header_json, R"({"alg":"none"})");
  EXPECT_EQ(out.payload, R"({"sub":"x"})");
  EXPECT_EQ(decode_jwt(b64("{}") + "." + b64("[]") + ".", TokenLimits{}, out), Status::JsonNotObject);
  EXPECT_EQ(out.detail, "payload");
  EXPECT_EQ(decode_jwt(b64("{}") + "." + b64("{}") + ".A", TokenLimits{}, out), Status::Base64UrlInvalid);
  EXPECT_EQ(out.detail, "signature");
}

TEST(DecodeJwt, ProtectedHeaderOfAnyCompactJwsOrJwe) {
  DecodedToken out;
  ASSERT_EQ(decode_protected_header(b64(R"({"alg":"ES256","kid":"k"})") + ".not-json!.", TokenLimits{}, out),
            Status::Ok);
  EXPECT_EQ(out.header_json, R"({"alg":"ES256","kid":"k"})");
  EXPECT_EQ(decode_protected_header(b64("[]") + "..", TokenLimits{}, out), Status::JsonNotObject);
  EXPECT_EQ(out.detail, "header");
  EXPECT_EQ(decode_protected_header("a.b", TokenLimits{}, out), Status::JwsInvalid);
  EXPECT_EQ(decode_protected_header(b64("{}") + ".b.c.d", TokenLimits{}, out), Status::JwsInvalid);
  // A JWE's protected header is its first part too (jose's decodeProtectedHeader reads both).
  ASSERT_EQ(decode_protected_header(b64(R"({"alg":"dir","enc":"A128GCM"})") + "..aXY.Y3Q.dGFn", TokenLimits{}, out),
            Status::Ok);
  EXPECT_EQ(out.header_json, R"({"alg":"dir","enc":"A128GCM"})");
  EXPECT_EQ(decode_protected_header(b64("{}") + "..a.b.c.d", TokenLimits{}, out), Status::JwsInvalid);
}

// decode_jwt_payload reads the payload alone: a header or signature part that is not even base64url
// is not looked at (jose's decodeJwt), but the payload is held to verify's rules.
TEST(DecodeJwt, PayloadAloneWhateverTheOtherParts) {
  DecodedToken out;
  ASSERT_EQ(decode_jwt_payload("{alg." + b64(R"({"sub":"x"})") + ".!", TokenLimits{}, out), Status::Ok);
  EXPECT_EQ(out.payload, R"({"sub":"x"})");
  EXPECT_EQ(decode_jwt_payload(b64("{}") + "." + b64(R"({"a":1,"a":2})") + ".", TokenLimits{}, out),
            Status::JsonDuplicateKey);
  EXPECT_EQ(out.detail, "payload");
  EXPECT_EQ(decode_jwt_payload(b64("{}") + "." + b64("{}") + "==.", TokenLimits{}, out), Status::Base64UrlInvalid);
  EXPECT_EQ(decode_jwt_payload(b64("{}") + "." + b64("{}") + ".a.b.c", TokenLimits{}, out), Status::JwsInvalid);
}

// Every token here is refused before verification reaches the signature primitive, or has a good
// signature: decode must refuse it with verify's status and detail. A bad signature part comes
// before the payload, as in verify: it is ERR_BASE64URL_INVALID ("signature") in both, whatever
// the payload holds.
TEST(DecodeJwt, FailsWhereVerifyFailsWithTheSameStatusAndDetail) {
  const Key key = secret_key(32);
  const std::string header = b64(R"({"alg":"HS256"})");
  const std::string good = token_over(key, header, b64(R"({"sub":"a"})"));
  const std::string good_signature = good.substr(good.rfind('.'));
  VerifyPolicy policy;
  policy.limits.max_token_length = 512;
  policy.limits.max_header_size = 64;
  policy.limits.max_payload_size = 128;
  const struct {
    const char *name;
    std::string token;
    Status status;
    const char *detail;
  } cases[] = {
      {"two parts", header + "." + b64("{}"), Status::JwsInvalid, ""},
      {"too long", good + std::string(600, 'A'), Status::TokenTooLarge, ""},
      {"padded header", header + "=." + b64("{}") + good_signature, Status::Base64UrlInvalid, "header"},
      {"header not JSON", b64(R"({"alg":"HS256")") + "." + b64("{}") + good_signature, Status::JsonInvalid, "header"},
      {"header too large", b64(R"({"alg":"HS256","x":")" + std::string(80, 'x') + R"("})") + "." + b64("{}") +
                               good_signature,
       Status::HeaderTooLarge, "header"},
      {"signature of 4n+1 characters, bad payload too", header + "." + b64("[1]") + ".A", Status::Base64UrlInvalid,
       "signature"},
      {"padded signature, bad payload too", header + "." + b64("[1]") + good_signature + "=", Status::Base64UrlInvalid,
       "signature"},
      {"payload not an object", token_over(key, header, b64("[1]")), Status::JsonNotObject, "payload"},
      {"payload too large", token_over(key, header, b64(R"({"x":")" + std::string(200, 'x') + R"("})")),
       Status::PayloadTooLarge, "payload"},
  };
  for (const auto &c : cases) {
    DecodedToken decoded, verified;
    const Status decode_status = decode_jwt(c.token, policy.limits, decoded);
    const Status verify_status =
        verify_jws(VerificationKeys{&key, nullptr}, policy, PayloadKind::JwtClaims, c.token, 0, verified);
    EXPECT_EQ(decode_status, c.status) << c.name;
    EXPECT_EQ(decoded.detail, c.detail) << c.name;
    EXPECT_EQ(verify_status, c.status) << c.name;
    EXPECT_EQ(verified.detail, c.detail) << c.name;
  }
}
