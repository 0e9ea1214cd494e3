// The JWE protected header (src/jwe/header.h): "alg" and "enc" from the tables, each member typed,
// each algorithm's parameters present exactly when it takes them (the producer's own ones made by
// the library), "zip" refused, "crit" as for JWS; failures name the member.
#include "jwe/header.h"

#include <gtest/gtest.h>

#include <string>

#include "pkix_fixtures.h"
#include "test_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

struct Read {
  Status status;
  std::string detail;
};

// Reads `json` into `out`, whose string members are views into `document`: the caller keeps both
// for as long as it looks at them.
Read read_into(const std::string &json, JsonDocument &document, JweHeader &out,
               JweHeaderReader reader = JweHeaderReader::Recipient,
               const std::vector<std::string> *understood = nullptr) {
  EXPECT_EQ(parse_json_object(json, JsonLimits{}, document), Status::Ok) << json;
  Read result;
  result.status = read_jwe_header(document.root(), JweHeaderRules{reader, understood, 16}, out, result.detail);
  return result;
}

Read read(const std::string &json, JweHeaderReader reader = JweHeaderReader::Recipient,
          const std::vector<std::string> *understood = nullptr) {
  JsonDocument document;
  JweHeader header;
  return read_into(json, document, header, reader, understood);
}

void expect_read(const std::string &json, Status status, const char *detail,
                 JweHeaderReader reader = JweHeaderReader::Recipient) {
  const Read result = read(json, reader);
  EXPECT_EQ(result.status, status) << json;
  EXPECT_EQ(result.detail, detail) << json;
}

std::string epk_p256() {
  const std::string point(kEcKeys[0].point.substr(2));
  return R"({"kty":"EC","crv":"P-256","x":")" + base64url_of_hex(point.substr(0, 64)) + R"(","y":")" +
         base64url_of_hex(point.substr(64)) + "\"}";
}

}  // namespace

TEST(JweHeader, ReadsTheMembersOfEachAlgorithm) {
  JweHeader header;
  JsonDocument documents[4];
  ASSERT_EQ(read_into(R"({"alg":"A128KW","enc":"A256GCM","kid":"k","typ":"JWT","cty":"JWT"})", documents[0],
                      header)
                .status,
            Status::Ok);
  EXPECT_EQ(header.alg, KeyManagement::A128KW);
  EXPECT_EQ(header.enc, ContentEncryption::A256Gcm);
  EXPECT_EQ(header.kid, "k");
  EXPECT_TRUE(header.has_typ && header.has_cty);
  EXPECT_EQ(header.cty, "JWT");

  ASSERT_EQ(read_into(R"({"alg":"ECDH-ES","enc":"A128GCM","epk":)" + epk_p256() + R"(,"apu":"QWxpY2U","apv":"Qm9i"})",
                      documents[1], header)
                .status,
            Status::Ok);
  EXPECT_EQ(header.epk.family(), KeyFamily::EcP256);
  EXPECT_EQ(std::string(header.apu.begin(), header.apu.end()), "Alice");
  EXPECT_EQ(std::string(header.apv.begin(), header.apv.end()), "Bob");

  ASSERT_EQ(read_into(R"({"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2s":"AAAAAAAAAAA","p2c":4096})",
                      documents[2], header)
                .status,
            Status::Ok);
  EXPECT_EQ(header.p2s.size(), 8u);
  EXPECT_EQ(header.p2c, 4096u);
  ASSERT_EQ(read_into(R"({"alg":"A256GCMKW","enc":"A128GCM","iv":"AAAAAAAAAAAAAAAA","tag":"AAAAAAAAAAAAAAAAAAAAAA"})",
                      documents[3], header)
                .status,
            Status::Ok);
  EXPECT_EQ(header.iv.size(), 12u);
  EXPECT_EQ(header.tag.size(), 16u);
}

TEST(JweHeader, AlgAndEncAreRequiredStringsFromTheTables) {
  expect_read(R"({"enc":"A128GCM"})", Status::JweInvalid, "alg");
  expect_read(R"({"alg":"dir"})", Status::JweInvalid, "enc");
  expect_read(R"({"alg":1,"enc":"A128GCM"})", Status::JweInvalid, "alg");
  expect_read(R"({"alg":"dir","enc":["A128GCM"]})", Status::JweInvalid, "enc");
  expect_read(R"({"alg":"RSA1_5","enc":"A128GCM"})", Status::AlgNotSupported, "alg");
  expect_read(R"({"alg":"HS256","enc":"A128GCM"})", Status::AlgNotSupported, "alg");
  expect_read(R"({"alg":"none","enc":"A128GCM"})", Status::AlgNotSupported, "alg");
  expect_read(R"({"alg":"dir","enc":"A128CBC"})", Status::AlgNotSupported, "enc");
  expect_read(R"({"alg":"dir","enc":"a128gcm"})", Status::AlgNotSupported, "enc");
}

TEST(JweHeader, OptionalMembersAreTypedAndKidIsBounded) {
  expect_read(R"({"alg":"dir","enc":"A128GCM","kid":1})", Status::JweInvalid, "kid");
  expect_read(R"({"alg":"dir","enc":"A128GCM","typ":null})", Status::JweInvalid, "typ");
  expect_read(R"({"alg":"dir","enc":"A128GCM","cty":{}})", Status::JweInvalid, "cty");
  expect_read(R"({"alg":"dir","enc":"A128GCM","kid":"0123456789abcdefg"})", Status::JweInvalid, "kid");
  expect_read(R"({"alg":"dir","enc":"A128GCM","zip":"DEF"})", Status::AlgNotSupported, "zip");
}

// Each parameter belongs to its algorithms: present elsewhere, or missing where needed, it is refused.
TEST(JweHeader, ParametersArePresentExactlyWhereTheirAlgorithmTakesThem) {
  expect_read(R"({"alg":"ECDH-ES","enc":"A128GCM"})", Status::JweInvalid, "epk");
  expect_read(R"({"alg":"A128KW","enc":"A128GCM","epk":)" + epk_p256() + "}", Status::JweInvalid, "epk");
  expect_read(R"({"alg":"dir","enc":"A128GCM","apu":"QQ"})", Status::JweInvalid, "apu");
  expect_read(R"({"alg":"RSA-OAEP","enc":"A128GCM","apv":"QQ"})", Status::JweInvalid, "apv");
  expect_read(R"({"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2c":1000})", Status::JweInvalid, "p2s");
  expect_read(R"({"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2s":"AAAAAAAAAAA"})", Status::JweInvalid, "p2c");
  expect_read(R"({"alg":"A128KW","enc":"A128GCM","p2s":"AAAAAAAAAAA","p2c":1000})", Status::JweInvalid, "p2s");
  expect_read(R"({"alg":"A128GCMKW","enc":"A128GCM","tag":"AAAAAAAAAAAAAAAAAAAAAA"})", Status::JweInvalid, "iv");
  expect_read(R"({"alg":"A128GCMKW","enc":"A128GCM","iv":"AAAAAAAAAAAAAAAA"})", Status::JweInvalid, "tag");
  expect_read(R"({"alg":"dir","enc":"A128GCM","iv":"AAAAAAAAAAAAAAAA"})", Status::JweInvalid, "iv");
  // A producer adds "epk", "iv" and "tag" itself and may leave "p2s" and "p2c" to the library.
  const auto producer = JweHeaderReader::Producer;
  expect_read(R"({"alg":"ECDH-ES","enc":"A128GCM"})", Status::Ok, "", producer);
  expect_read(R"({"alg":"ECDH-ES","enc":"A128GCM","epk":)" + epk_p256() + "}", Status::JweInvalid, "epk", producer);
  expect_read(R"({"alg":"A128GCMKW","enc":"A128GCM","iv":"AAAAAAAAAAAAAAAA"})", Status::JweInvalid, "iv", producer);
  expect_read(R"({"alg":"PBES2-HS256+A128KW","enc":"A128GCM"})", Status::Ok, "", producer);
  expect_read(R"({"alg":"ECDH-ES+A128KW","enc":"A128GCM","apu":"QWxpY2U"})", Status::Ok, "", producer);
}

TEST(JweHeader, Base64urlMembersAreCanonical) {
  expect_read(R"({"alg":"ECDH-ES","enc":"A128GCM","epk":)" + epk_p256() + R"(,"apu":"QWxpY2U="})", Status::JweInvalid,
              "apu");
  expect_read(R"({"alg":"ECDH-ES","enc":"A128GCM","epk":)" + epk_p256() + R"(,"apv":1})", Status::JweInvalid, "apv");
  expect_read(R"({"alg":"A128GCMKW","enc":"A128GCM","iv":"AAAA AAAA","tag":"AA"})", Status::JweInvalid, "iv");
  expect_read(R"({"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2s":"AAAAAAAAAAB","p2c":1000})", Status::JweInvalid,
              "p2s");  // non-zero unused bits
}

// "crit" as RFC 7516 §4.1.13 (and RFC 7515 §4.1.11) defines it: the recipient's list decides.
TEST(JweHeader, CritListsOnlyExtensionsTheRecipientUnderstands) {
  const std::vector<std::string> understood = {"exp"};
  EXPECT_EQ(read(R"({"alg":"dir","enc":"A128GCM","crit":["exp"],"exp":1})", JweHeaderReader::Recipient, &understood).status,
            Status::Ok);
  const Read unknown = read(R"({"alg":"dir","enc":"A128GCM","crit":["nope"],"nope":1})", JweHeaderReader::Recipient,
                            &understood);
  EXPECT_EQ(unknown.status, Status::CritNotUnderstood);
  EXPECT_EQ(unknown.detail, "nope");
  expect_read(R"({"alg":"dir","enc":"A128GCM","crit":["enc"]})", Status::CritInvalid, "crit");
  expect_read(R"({"alg":"dir","enc":"A128GCM","crit":[]})", Status::CritInvalid, "crit");
  expect_read(R"({"alg":"dir","enc":"A128GCM","crit":["missing"]})", Status::CritInvalid, "crit");
}

// A header is read into a reused JweHeader: nothing of the previous one carries over.
TEST(JweHeader, NothingCarriesOverFromTheLastHeader) {
  JweHeader header;
  JsonDocument documents[2];
  ASSERT_EQ(read_into(R"({"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2s":"AAAAAAAAAAA","p2c":4096,"kid":"a"})",
                      documents[0], header)
                .status,
            Status::Ok);
  ASSERT_EQ(read_into(R"({"alg":"dir","enc":"A128GCM"})", documents[1], header).status, Status::Ok);
  EXPECT_FALSE(header.has_kid);
  EXPECT_TRUE(header.p2s.empty());
  EXPECT_EQ(header.p2c, 0u);
}
