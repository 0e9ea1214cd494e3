#include "jws/header.h"

#include <gtest/gtest.h>

using namespace edgejwt;

namespace {

Status read(std::string_view json, const std::vector<std::string> *understood = nullptr, std::string *detail = nullptr) {
  JsonDocument document;
  EXPECT_EQ(parse_json_object(json, {}, document), Status::Ok);
  ProtectedHeader header;
  std::string ignored;
  return read_protected_header(document.root(), HeaderRules{understood, 16}, header, detail ? *detail : ignored);
}

const std::vector<std::string> kUnderstood = {"exp", "http://example.com/ext"};

}  // namespace

TEST(ProtectedHeader, AcceptsUnderstoodCrit) {
  EXPECT_EQ(read(R"({"alg":"ES256","crit":["exp"],"exp":1})", &kUnderstood), Status::Ok);
  EXPECT_EQ(read(R"({"alg":"ES256","crit":["exp","http://example.com/ext"],"exp":1,"http://example.com/ext":true})",
                 &kUnderstood),
            Status::Ok);
}

TEST(ProtectedHeader, RefusesMalformedCrit) {
  for (const char *json : {R"({"alg":"ES256","crit":[]})", R"({"alg":"ES256","crit":"exp","exp":1})",
                           R"({"alg":"ES256","crit":[1]})", R"({"alg":"ES256","crit":[""]})",
                           R"({"alg":"ES256","crit":["exp","exp"],"exp":1})",  // duplicate
                           R"({"alg":"ES256","crit":["exp"]})",                // not present
                           R"({"alg":"ES256","crit":["kid"],"kid":"a"})",      // standard name
                           R"({"alg":"ES256","crit":["alg"]})", R"({"alg":"ES256","crit":["b64"]})"}) {
    EXPECT_EQ(read(json, &kUnderstood), Status::CritInvalid) << json;
  }
}

TEST(ProtectedHeader, RefusesCritNotUnderstood) {
  std::string detail;
  EXPECT_EQ(read(R"({"alg":"ES256","crit":["nope"],"nope":1})", &kUnderstood, &detail), Status::CritNotUnderstood);
  EXPECT_EQ(detail, "nope");
  const std::vector<std::string> none;
  EXPECT_EQ(read(R"({"alg":"ES256","crit":["exp"],"exp":1})", &none), Status::CritNotUnderstood);
  // The signer's own header (no rules): any well-formed crit.
  EXPECT_EQ(read(R"({"alg":"ES256","crit":["nope"],"nope":1})"), Status::Ok);
}

TEST(ProtectedHeader, BoundsKidAndRefusesB64FalseAndZip) {
  std::string detail;
  EXPECT_EQ(read(R"({"alg":"ES256","kid":"0123456789abcdef"})"), Status::Ok);
  EXPECT_EQ(read(R"({"alg":"ES256","kid":"0123456789abcdefg"})", nullptr, &detail), Status::HeaderTooLarge);
  EXPECT_EQ(detail, "kid");
  EXPECT_EQ(read(R"({"alg":"ES256","kid":"../../dev/null"})"), Status::Ok);  // opaque: never a path
  EXPECT_EQ(read(R"({"alg":"ES256","b64":false,"crit":["b64"]})", nullptr, &detail), Status::HeaderInvalid);
  EXPECT_EQ(detail, "b64");
  EXPECT_EQ(read(R"({"alg":"ES256","b64":true})"), Status::Ok);
  EXPECT_EQ(read(R"({"alg":"ES256","zip":"DEF"})", nullptr, &detail), Status::HeaderInvalid);
  EXPECT_EQ(detail, "zip");
}

TEST(ProtectedHeader, NothingCarriesOverWhenReused) {
  ProtectedHeader header;
  std::string detail;
  JsonDocument first, second;
  ASSERT_EQ(parse_json_object(R"({"alg":"ES256","kid":"a","typ":"JWT"})", {}, first), Status::Ok);
  ASSERT_EQ(parse_json_object(R"({"alg":"HS256"})", {}, second), Status::Ok);
  ASSERT_EQ(read_protected_header(first.root(), HeaderRules{}, header, detail), Status::Ok);
  ASSERT_EQ(read_protected_header(second.root(), HeaderRules{}, header, detail), Status::Ok);
  EXPECT_FALSE(header.has_kid);
  EXPECT_TRUE(header.kid.empty());
  EXPECT_FALSE(header.has_typ);
}
