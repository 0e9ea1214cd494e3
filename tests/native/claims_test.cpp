#include "jwt/claims.h"

#include <gtest/gtest.h>

using namespace edgejwt;

namespace {

struct Outcome {
  Status status;
  std::string detail;
  TimeWindow window;
};

Outcome check(std::string_view payload_json, const VerifyPolicy &policy = {}, double now = 1000,
              std::string_view typ = {}) {
  JsonDocument payload;
  EXPECT_EQ(parse_json_object(payload_json, {}, payload), Status::Ok) << payload_json;
  ProtectedHeader header;
  header.has_typ = !typ.empty();
  header.typ = typ;
  Outcome outcome{Status::Ok, {}, {}};
  outcome.status = check_claims(payload.root(), header, policy, now, outcome.detail, outcome.window);
  return outcome;
}

void expect(const Outcome &outcome, Status status, const char *detail) {
  EXPECT_EQ(outcome.status, status);
  EXPECT_EQ(outcome.detail, detail);
}

}  // namespace

TEST(Claims, NumericDatesMustBeNumbersInRange) {
  expect(check(R"({"exp":"2000"})"), Status::ClaimValidationFailed, "exp:invalid");
  expect(check(R"({"exp":true})"), Status::ClaimValidationFailed, "exp:invalid");
  expect(check(R"({"exp":-1})"), Status::ClaimValidationFailed, "exp:invalid");
  expect(check(R"({"exp":1e300})"), Status::ClaimValidationFailed, "exp:invalid");
  expect(check(R"({"nbf":null})"), Status::ClaimValidationFailed, "nbf:invalid");
  expect(check(R"({"iat":[1]})"), Status::ClaimValidationFailed, "iat:invalid");
  EXPECT_EQ(check(R"({"exp":1000.5,"nbf":999.5,"iat":999.25})").status, Status::Ok);  // fractions are fine
}

TEST(Claims, TimesHoldAtTheToleranceBoundary) {
  VerifyPolicy policy;
  policy.clock_tolerance = 30;
  EXPECT_EQ(check(R"({"exp":971})", policy).status, Status::Ok);  // exp > now - tolerance
  expect(check(R"({"exp":970})", policy), Status::JwtExpired, "exp:check_failed");
  EXPECT_EQ(check(R"({"nbf":1030})", policy).status, Status::Ok);
  expect(check(R"({"nbf":1031})", policy), Status::ClaimValidationFailed, "nbf:check_failed");
  EXPECT_EQ(check(R"({"iat":1030})", policy).status, Status::Ok);
  expect(check(R"({"iat":1031})", policy), Status::ClaimValidationFailed, "iat:check_failed");
}

TEST(Claims, MaxTokenAgeNeedsIat) {
  VerifyPolicy policy;
  policy.has_max_token_age = true;
  policy.max_token_age = 100;
  expect(check(R"({})", policy), Status::ClaimValidationFailed, "iat:missing");
  EXPECT_EQ(check(R"({"iat":900})", policy).status, Status::Ok);
  expect(check(R"({"iat":899})", policy), Status::JwtExpired, "iat:check_failed");
}

TEST(Claims, IssuerAudienceSubjectAreRequiredWhenExpected) {
  VerifyPolicy policy;
  policy.issuers = {"https://a.example", "https://b.example"};
  policy.has_issuers = true;
  policy.audiences = {"api"};
  policy.has_audiences = true;
  policy.has_subject = true;
  policy.subject = "u1";
  EXPECT_EQ(check(R"({"iss":"https://b.example","aud":"api","sub":"u1"})", policy).status, Status::Ok);
  EXPECT_EQ(check(R"({"iss":"https://a.example","aud":["web","api"],"sub":"u1"})", policy).status, Status::Ok);
  expect(check(R"({"aud":"api","sub":"u1"})", policy), Status::ClaimValidationFailed, "iss:missing");
  expect(check(R"({"iss":"https://c.example","aud":"api","sub":"u1"})", policy), Status::ClaimValidationFailed,
         "iss:check_failed");
  expect(check(R"({"iss":"https://a.example","aud":["web"],"sub":"u1"})", policy), Status::ClaimValidationFailed,
         "aud:check_failed");
  expect(check(R"({"iss":"https://a.example","aud":"api","sub":"u2"})", policy), Status::ClaimValidationFailed,
         "sub:check_failed");
  expect(check(R"({"iss":"https://a.example","sub":"u1"})", policy), Status::ClaimValidationFailed, "aud:missing");
}

TEST(Claims, RegisteredClaimsHaveTheirTypes) {
  expect(check(R"({"aud":1})"), Status::ClaimValidationFailed, "aud:invalid");
  expect(check(R"({"aud":{"x":"api"}})"), Status::ClaimValidationFailed, "aud:invalid");
  expect(check(R"({"aud":["api",1]})"), Status::ClaimValidationFailed, "aud:invalid");
  expect(check(R"({"iss":1})"), Status::ClaimValidationFailed, "iss:invalid");
  expect(check(R"({"sub":{}})"), Status::ClaimValidationFailed, "sub:invalid");
  expect(check(R"({"jti":2})"), Status::ClaimValidationFailed, "jti:invalid");
}

TEST(Claims, RequiredClaimsMustBePresent) {
  VerifyPolicy policy;
  policy.required_claims = {"sub", "org"};
  expect(check(R"({"sub":"u1"})", policy), Status::ClaimValidationFailed, "org:missing");
  EXPECT_EQ(check(R"({"sub":"u1","org":null})", policy).status, Status::Ok);
  // Several missing: the last required first, after those an option implies (jose's order).
  policy.required_claims = {"jti", "nonce"};
  expect(check(R"({"sub":"u1"})", policy), Status::ClaimValidationFailed, "nonce:missing");
  policy.has_subject = true;
  policy.subject = "u1";
  policy.has_audiences = true;
  policy.audiences = {"api"};
  expect(check("{}", policy), Status::ClaimValidationFailed, "sub:missing");
}

TEST(Claims, TypIsComparedCaseInsensitivelyWithoutApplicationPrefix) {
  VerifyPolicy policy;
  policy.has_typ = true;
  policy.typ = "at+jwt";
  EXPECT_EQ(check("{}", policy, 1000, "at+jwt").status, Status::Ok);
  EXPECT_EQ(check("{}", policy, 1000, "application/AT+JWT").status, Status::Ok);
  expect(check("{}", policy, 1000, "JWT"), Status::ClaimValidationFailed, "typ:check_failed");
  expect(check("{}", policy), Status::ClaimValidationFailed, "typ:check_failed");
}

// RFC 7515 §4.1.9: only a "typ" without a "/" stands for "application/<typ>"; a full media type is
// never stripped of its prefix, so another type cannot pass for it.
TEST(Claims, TypGainsApplicationPrefixOnlyWithoutSlash) {
  VerifyPolicy policy;
  policy.has_typ = true;
  policy.typ = "text/plain";
  expect(check("{}", policy, 1000, "application/text/plain"), Status::ClaimValidationFailed, "typ:check_failed");
  EXPECT_EQ(check("{}", policy, 1000, "TEXT/Plain").status, Status::Ok);
  policy.typ = "application/text/plain";
  expect(check("{}", policy, 1000, "text/plain"), Status::ClaimValidationFailed, "typ:check_failed");
  policy.typ = "JWT";
  EXPECT_EQ(check("{}", policy, 1000, "application/jwt").status, Status::Ok);
  expect(check("{}", policy, 1000, "application/x/jwt"), Status::ClaimValidationFailed, "typ:check_failed");
  expect(check("{}", policy, 1000, "application/jwtx"), Status::ClaimValidationFailed, "typ:check_failed");
  policy.typ = "application/jwt";
  EXPECT_EQ(check("{}", policy, 1000, "JWT").status, Status::Ok);
  expect(check("{}", policy, 1000, "jwt/application"), Status::ClaimValidationFailed, "typ:check_failed");
}

// An empty issuer or audience list (jose's issuer: [], audience: []) expects the claim and accepts
// no value of it: every token fails that claim, none is let through unchecked.
TEST(Claims, EmptyIssuerOrAudienceListMatchesNothing) {
  VerifyPolicy policy;
  policy.has_issuers = true;
  expect(check(R"({"iss":"https://a.example"})", policy), Status::ClaimValidationFailed, "iss:check_failed");
  expect(check(R"({})", policy), Status::ClaimValidationFailed, "iss:missing");
  policy = VerifyPolicy{};
  policy.has_audiences = true;
  expect(check(R"({"aud":["api","web"]})", policy), Status::ClaimValidationFailed, "aud:check_failed");
  expect(check(R"({"aud":"api"})", policy), Status::ClaimValidationFailed, "aud:check_failed");
  expect(check(R"({})", policy), Status::ClaimValidationFailed, "aud:missing");
}

// The window a verification reports is exactly when the time claims hold, so a cache answering
// from it agrees with the core: inside it the claims pass, outside it they fail (the max-age bound
// is inclusive in the core and exclusive in the window, so the cache asks again at that instant).
TEST(Claims, TimeWindowIsWhenTheTimeClaimsHold) {
  const char *payloads[] = {R"({})", R"({"exp":1100})", R"({"nbf":950,"exp":1100})", R"({"iat":990,"exp":1100})",
                            R"({"iat":990})", R"({"iat":995.5,"nbf":980.25,"exp":1050.75})"};
  for (const double tolerance : {0.0, 5.0, 30.0}) {
    for (const bool max_age : {false, true}) {
      VerifyPolicy policy;
      policy.clock_tolerance = tolerance;
      policy.has_max_token_age = max_age;
      policy.max_token_age = 40;
      for (const char *payload : payloads) {
        const Outcome at_issue = check(payload, policy, 1000);
        if (at_issue.status != Status::Ok) continue;
        const TimeWindow window = at_issue.window;
        EXPECT_LE(window.from, 1000) << payload;
        EXPECT_GT(window.until, 1000) << payload;
        for (double now = 900; now <= 1200; now += 0.25) {
          const bool inside = window.from <= now && now < window.until;
          const bool holds = check(payload, policy, now).status == Status::Ok;
          if (inside) {
            EXPECT_TRUE(holds) << payload << " at " << now;
          } else if (holds) {
            EXPECT_EQ(now, window.until) << payload << " at " << now;
          }
        }
      }
    }
  }
}
