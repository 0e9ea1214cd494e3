// verify_jws: the verify path's steps in order, each refusing what it must.
#include <gtest/gtest.h>

#include "jwt/verify.h"
#include "test_support.h"
#include "token_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

Status verify(const Key &key, std::string_view token, double now = 1e9, VerifyPolicy policy = {}) {
  DecodedToken out;
  return verify_jws(VerificationKeys{&key, nullptr}, policy, PayloadKind::JwtClaims, token, now, out);
}

}  // namespace

TEST(VerifyJwt, Rfc7515AppendixA1) {
  const Key key = imported(KeyImportFormat::Secret, from_base64url(kRfc7515A1Key));
  DecodedToken out;
  ASSERT_EQ(verify_jws(VerificationKeys{&key, nullptr}, VerifyPolicy{}, PayloadKind::JwtClaims, kRfc7515A1Token, kRfc7515A1Exp - 1, out), Status::Ok) << out.detail;
  EXPECT_EQ(out.header.alg, Algorithm::HS256);
  EXPECT_EQ(out.header.typ, "JWT");
  EXPECT_EQ(out.payload, "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}");
  EXPECT_EQ(verify_jws(VerificationKeys{&key, nullptr}, VerifyPolicy{}, PayloadKind::JwtClaims, kRfc7515A1Token, kRfc7515A1Exp, out), Status::JwtExpired);
}

TEST(VerifyJwt, SignsAndVerifiesEveryHsAlgorithm) {
  const Key key = secret_key(64);
  for (const char *alg : {"HS256", "HS384", "HS512"}) {
    const std::string token = signed_token(key, std::string("{\"alg\":\"") + alg + "\"}", R"({"sub":"u1"})");
    EXPECT_EQ(verify(key, token), Status::Ok) << alg;
  }
}

TEST(VerifyJwt, RejectsTamperedPayloadAndSignature) {
  const Key key = secret_key(32);
  const std::string token = signed_token(key, R"({"alg":"HS256"})", R"({"sub":"u1"})");
  const size_t dot = token.rfind('.');
  std::string tampered_payload = token;
  tampered_payload.replace(token.find('.') + 1, dot - token.find('.') - 1, b64(R"({"sub":"u2"})"));
  EXPECT_EQ(verify(key, tampered_payload), Status::SignatureInvalid);
  std::string tampered_signature = token;
  tampered_signature[dot + 1] = tampered_signature[dot + 1] == 'A' ? 'B' : 'A';
  EXPECT_EQ(verify(key, tampered_signature), Status::SignatureInvalid);
  EXPECT_EQ(verify(secret_key(32, 8), token), Status::SignatureInvalid);
}

TEST(VerifyJwt, RequiresExactSignatureLength) {
  const Key key = secret_key(32);
  const std::string token = signed_token(key, R"({"alg":"HS256"})", R"({})");
  EXPECT_EQ(verify(key, token.substr(0, token.size() - 3)), Status::SignatureLength);  // 30 bytes
  EXPECT_EQ(verify(key, token.substr(0, token.rfind('.') + 1)), Status::SignatureLength);
  EXPECT_EQ(verify(key, token + "AAAA"), Status::SignatureLength);
}

TEST(VerifyJwt, ChecksAlgorithmAgainstPolicyAndKey) {
  const Key key = secret_key(64);
  const std::string hs384 = signed_token(key, R"({"alg":"HS384"})", "{}");
  VerifyPolicy only_hs256;
  only_hs256.has_algorithms = true;
  only_hs256.algorithms = AlgorithmSet::of(Algorithm::HS256);
  EXPECT_EQ(verify(key, hs384, 1e9, only_hs256), Status::AlgNotAllowed);
  // A 32-byte secret is usable with HS256 only: without an allowlist the key says why it cannot
  // serve HS384 (the detail "key"), a secret shorter than the hash (RFC 7518 §3.2), as with one.
  EXPECT_EQ(verify(secret_key(32), hs384), Status::KeyTooShort);
  VerifyPolicy only_hs384;
  only_hs384.has_algorithms = true;
  only_hs384.algorithms = AlgorithmSet::of(Algorithm::HS384);
  EXPECT_EQ(verify(secret_key(32), hs384, 1e9, only_hs384), Status::KeyTooShort);
}

TEST(VerifyJwt, RefusesUnknownAndNoneAlgorithms) {
  const Key key = secret_key(32);
  for (const char *alg : {"none", "None", "NONE", "nOnE", "hs256", "HS257", "", "RS256x"}) {
    const std::string token = token_over(key, b64(std::string("{\"alg\":\"") + alg + "\"}"), b64("{}"));
    EXPECT_EQ(verify(key, token), Status::AlgNotSupported) << alg;
  }
  EXPECT_EQ(verify(key, b64(R"({"alg":"none"})") + "." + b64("{}") + "."), Status::AlgNotSupported);
}

TEST(VerifyJwt, RequiresWellFormedHeader) {
  const Key key = secret_key(32);
  const std::string payload = b64("{}");
  for (const char *header : {R"({})", R"({"alg":256})", R"({"alg":null})", R"({"alg":"HS256","kid":1})",
                             R"({"alg":"HS256","typ":[]})",
                             R"({"alg":"HS256","b64":false})", R"({"alg":"HS256","zip":"DEF"})"}) {
    EXPECT_EQ(verify(key, token_over(key, b64(header), payload)), Status::HeaderInvalid) << header;
  }
  EXPECT_EQ(verify(key, token_over(key, b64(R"({"alg":"HS256","alg":"HS256"})"), payload)), Status::JsonDuplicateKey);
  EXPECT_EQ(verify(key, token_over(key, b64(R"(["HS256"])"), payload)), Status::JsonNotObject);
  EXPECT_EQ(verify(key, token_over(key, b64(R"({"alg":"HS256")"), payload)), Status::JsonInvalid);
  EXPECT_EQ(verify(key, token_over(key, b64(R"({"alg":"HS256"})") + "=", payload)), Status::Base64UrlInvalid);
}

TEST(VerifyJwt, ChecksPayloadOnlyAfterSignature) {
  const Key key = secret_key(32);
  const std::string header = b64(R"({"alg":"HS256"})");
  EXPECT_EQ(verify(key, token_over(key, header, b64("[1]"))), Status::JsonNotObject);
  EXPECT_EQ(verify(key, token_over(key, header, b64(R"({"a":1,"a":1})"))), Status::JsonDuplicateKey);
  EXPECT_EQ(verify(key, token_over(key, header, "e30=")), Status::Base64UrlInvalid);
  // The same bad payload under a wrong signature is a signature failure, not a payload one.
  std::string forged = token_over(secret_key(32, 9), header, b64("[1]"));
  EXPECT_EQ(verify(key, forged), Status::SignatureInvalid);
}

TEST(VerifyJwt, ChecksTimeClaimsWithTolerance) {
  const Key key = secret_key(32);
  const std::string token = signed_token(key, R"({"alg":"HS256"})", R"({"exp":1000,"nbf":900})");
  EXPECT_EQ(verify(key, token, 950), Status::Ok);
  EXPECT_EQ(verify(key, token, 1000), Status::JwtExpired);
  EXPECT_EQ(verify(key, token, 899.5), Status::ClaimValidationFailed);
  VerifyPolicy lenient;
  lenient.clock_tolerance = 30;
  EXPECT_EQ(verify(key, token, 1029, lenient), Status::Ok);
  EXPECT_EQ(verify(key, token, 1030, lenient), Status::JwtExpired);
  EXPECT_EQ(verify(key, token, 870, lenient), Status::Ok);
  EXPECT_EQ(verify(key, signed_token(key, R"({"alg":"HS256"})", R"({"exp":"2000"})"), 1), Status::ClaimValidationFailed);
}

TEST(VerifyJwt, EnforcesSizeLimits) {
  const Key key = secret_key(32);
  VerifyPolicy small;
  small.limits.max_token_length = 100;
  const std::string big = signed_token(key, R"({"alg":"HS256"})", "{\"x\":\"" + std::string(200, 'a') + "\"}");
  EXPECT_EQ(verify(key, big, 1e9, small), Status::TokenTooLarge);
  VerifyPolicy small_payload;
  small_payload.limits.max_payload_size = 100;
  EXPECT_EQ(verify(key, big, 1e9, small_payload), Status::PayloadTooLarge);
  VerifyPolicy small_header;
  small_header.limits.max_header_size = 10;
  EXPECT_EQ(verify(key, big, 1e9, small_header), Status::HeaderTooLarge);
  EXPECT_EQ(verify(key, std::string(10 * 1024 * 1024, 'a')), Status::TokenTooLarge);
}

// verify.h promises that prepare_verification runs the signature's checks short of the primitive,
// so a host that checks only the primitive never sees a signature of the wrong length or range.
TEST(VerifyJwt, PrepareRunsTheSignatureChecksShortOfThePrimitive) {
  const Key key = secret_key(32);
  const std::string token = signed_token(key, R"({"alg":"HS256"})", R"({"sub":"u1"})");
  const auto prepare = [&](const std::string &candidate, const Key &with) {
    CompactParts parts;
    DecodedToken out;
    const Key *chosen = nullptr;
    return prepare_verification(VerificationKeys{&with, nullptr}, VerifyPolicy{}, candidate, parts, out, chosen);
  };
  EXPECT_EQ(prepare(token, key), Status::Ok);
  EXPECT_EQ(prepare(token.substr(0, token.size() - 3), key), Status::SignatureLength);  // 30 bytes
  EXPECT_EQ(prepare(token + "AAAA", key), Status::SignatureLength);
  // A wrong MAC of the right length passes: only the primitive can tell.
  std::string wrong_mac = token;
  wrong_mac[token.rfind('.') + 1] = wrong_mac[token.rfind('.') + 1] == 'A' ? 'B' : 'A';
  EXPECT_EQ(prepare(wrong_mac, key), Status::Ok);
  // The key's consent is part of it: a key bound to another algorithm refuses.
  const Key hs384_only = imported(KeyImportFormat::Secret, std::vector<uint8_t>(48, 7), "HS384");
  VerifyPolicy any_hs;
  any_hs.has_algorithms = true;
  any_hs.algorithms = algorithms_of_family(KeyFamily::Hmac);
  CompactParts parts;
  DecodedToken out;
  const Key *chosen = nullptr;
  EXPECT_EQ(prepare_verification(VerificationKeys{&hs384_only, nullptr}, any_hs, token, parts, out, chosen),
            Status::KeyUsageRefused);
}
