// parse_verify_policy: jose's option names, strictly typed and bounded, each refusal naming the
// option.
#include "jwt/policy.h"

#include <gtest/gtest.h>

using namespace edgejwt;

namespace {

struct Parsed {
  Status status;
  std::string detail;
  VerifyPolicy policy;
};

Parsed parse(std::string_view json) {
  Parsed parsed;
  parsed.status = parse_verify_policy(json, parsed.policy, parsed.detail);
  return parsed;
}

}  // namespace

TEST(Policy, ReadsEveryOption) {
  const Parsed parsed = parse(R"({"algorithms":["HS256","ES384"],"issuer":"https://idp","audience":["api","web"],)"
                              R"("subject":"u1","typ":"at+jwt","maxTokenAge":3600,"clockTolerance":5.5,)"
                              R"("requiredClaims":["jti"],"crit":["b64x"],"maxTokenLength":4096,"maxHeaderSize":512,)"
                              R"("maxPayloadSize":2048,"maxJsonDepth":8,"maxJsonEntries":100,"maxKidLength":64})");
  ASSERT_EQ(parsed.status, Status::Ok) << parsed.detail;
  const VerifyPolicy &policy = parsed.policy;
  EXPECT_TRUE(policy.has_algorithms);
  EXPECT_TRUE(policy.algorithms.contains(Algorithm::HS256) && policy.algorithms.contains(Algorithm::ES384));
  EXPECT_FALSE(policy.algorithms.contains(Algorithm::HS384));
  EXPECT_EQ(policy.issuers, (std::vector<std::string>{"https://idp"}));
  EXPECT_EQ(policy.audiences, (std::vector<std::string>{"api", "web"}));
  EXPECT_TRUE(policy.has_subject && policy.subject == "u1");
  EXPECT_TRUE(policy.has_typ && policy.typ == "at+jwt");
  EXPECT_TRUE(policy.has_max_token_age && policy.max_token_age == 3600);
  EXPECT_EQ(policy.clock_tolerance, 5.5);
  EXPECT_EQ(policy.required_claims, (std::vector<std::string>{"jti"}));
  EXPECT_EQ(policy.crit, (std::vector<std::string>{"b64x"}));
  EXPECT_EQ(policy.limits.max_token_length, 4096u);
  EXPECT_EQ(policy.limits.max_header_size, 512u);
  EXPECT_EQ(policy.limits.max_payload_size, 2048u);
  EXPECT_EQ(policy.limits.json.max_depth, 8u);
  EXPECT_EQ(policy.limits.json.max_entries, 100u);
  EXPECT_EQ(policy.max_kid_length, 64u);
  EXPECT_EQ(policy.header_rules().understood, &policy.crit);
}

TEST(Policy, EmptyOptionsAreTheDefaults) {
  const Parsed parsed = parse("{}");
  ASSERT_EQ(parsed.status, Status::Ok);
  EXPECT_FALSE(parsed.policy.has_algorithms);
  EXPECT_EQ(parsed.policy.limits.max_token_length, TokenLimits{}.max_token_length);
}

// jose's list options take any length: an empty issuer or audience list is a check that no token
// passes (not no check), an empty requiredClaims or crit requires or understands nothing.
TEST(Policy, EmptyListsAreTaken) {
  const Parsed parsed = parse(R"({"issuer":[],"audience":[],"requiredClaims":[],"crit":[]})");
  ASSERT_EQ(parsed.status, Status::Ok) << parsed.detail;
  EXPECT_TRUE(parsed.policy.has_issuers);
  EXPECT_TRUE(parsed.policy.issuers.empty());
  EXPECT_TRUE(parsed.policy.has_audiences);
  EXPECT_TRUE(parsed.policy.audiences.empty());
  EXPECT_FALSE(parse("{}").policy.has_issuers);
  EXPECT_FALSE(parse("{}").policy.has_audiences);
}

TEST(Policy, RefusesAnyOtherShapeAndNamesTheOption) {
  const struct {
    const char *json;
    Status status;
    const char *detail;
  } cases[] = {
      {R"({"algorithms":["none"]})", Status::AlgNotSupported, "algorithms"},
      {R"({"algorithms":["hs256"]})", Status::AlgNotSupported, "algorithms"},
      {R"({"algorithms":[]})", Status::InvalidArgument, "algorithms"},
      {R"({"algorithms":"HS256"})", Status::InvalidArgument, "algorithms"},
      {R"({"unknownOption":1})", Status::InvalidArgument, "unknownOption"},
      {R"({"issuer":""})", Status::InvalidArgument, "issuer"},
      {R"({"issuer":[""]})", Status::InvalidArgument, "issuer"},
      {R"({"audience":["api",""]})", Status::InvalidArgument, "audience"},
      {R"({"subject":1})", Status::InvalidArgument, "subject"},
      {R"({"requiredClaims":"exp"})", Status::InvalidArgument, "requiredClaims"},
      {R"({"clockTolerance":-1})", Status::InvalidArgument, "clockTolerance"},
      {R"({"maxTokenAge":"1h"})", Status::InvalidArgument, "maxTokenAge"},
      {R"({"maxTokenLength":0})", Status::InvalidArgument, "maxTokenLength"},
      {R"({"maxTokenLength":4294967296})", Status::InvalidArgument, "maxTokenLength"},
      {R"({"maxKidLength":1.5})", Status::InvalidArgument, "maxKidLength"},
      {"[]", Status::InvalidArgument, "options"},
      {R"({"issuer":"a","issuer":"b"})", Status::JsonDuplicateKey, "options"},
  };
  for (const auto &c : cases) {
    const Parsed parsed = parse(c.json);
    EXPECT_EQ(parsed.status, c.status) << c.json;
    EXPECT_EQ(parsed.detail, c.detail) << c.json;
  }
  const std::string long_subject = R"({"subject":")" + std::string(1025, 's') + "\"}";
  EXPECT_EQ(parse(long_subject).status, Status::InvalidArgument);
  std::string many = R"({"audience":[)";
  for (int i = 0; i < 65; ++i) many += std::string(i ? "," : "") + "\"a\"";
  EXPECT_EQ(parse(many + "]}").status, Status::InvalidArgument);
}
