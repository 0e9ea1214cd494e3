// JWK import, export and thumbprints: strict members, details that name the member at fault, and
// exports that import back to the same key.
#include "keys/jwk.h"

#include <gtest/gtest.h>

#include "keys/formats.h"
#include "pkix_fixtures.h"
#include "test_support.h"
#include "token_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

struct Imported {
  Status status;
  std::string detail;
  Key key;
};

Imported import(const std::string &json, std::string_view alg = {}) {
  Imported imported;
  imported.status = import_jwk_text(json, alg, imported.key, imported.detail);
  return imported;
}

std::string rsa_public_jwk(const std::string &n_b64, std::string_view extra = "") {
  return R"({"kty":"RSA","e":"AQAB","n":")" + n_b64 + "\"" + std::string(extra) + "}";
}

std::string exported(const Key &key, bool include_private) {
  std::string json;
  EXPECT_EQ(export_jwk(key, include_private, json), Status::Ok);
  return json;
}

void expect_refused(const std::string &json, Status status, const char *detail) {
  const Imported imported = import(json);
  EXPECT_EQ(imported.status, status) << json;
  EXPECT_EQ(imported.detail, detail) << json;
}

}  // namespace

TEST(Jwk, EveryKindExportsAndImportsBackTheSame) {
  const Key keys[] = {
      secret_key(32),
      imported(KeyImportFormat::Pem, kRsa2048.pkcs8_pem),
      imported(KeyImportFormat::Pem, kEcKeys[0].pkcs8_pem),
      imported(KeyImportFormat::Pem, kEcKeys[2].spki_pem),
      imported(KeyImportFormat::Pem, kEd25519.pkcs8_pem),
  };
  for (const Key &key : keys) {
    const std::string json = exported(key, key.can_sign());
    const Imported again = import(json);
    ASSERT_EQ(again.status, Status::Ok) << json << " " << again.detail;
    EXPECT_EQ(exported(again.key, key.can_sign()), json);
    EXPECT_EQ(again.key.family(), key.family());
  }
}

TEST(Jwk, ExportsOnlyTheFormsAKeyHas) {
  std::string json;
  EXPECT_EQ(export_jwk(secret_key(32), false, json), Status::KeyUsageRefused);
  EXPECT_EQ(export_jwk(imported(KeyImportFormat::Pem, kRsa2048.spki_pem), true, json), Status::KeyUsageRefused);
  ASSERT_EQ(export_jwk(imported(KeyImportFormat::Pem, kEd25519.pkcs8_pem), false, json), Status::Ok);
  EXPECT_EQ(json, R"({"crv":"Ed25519","kty":"OKP","x":")" + base64url_of_hex(kEd25519.public_key) + R"("})");
}

TEST(Jwk, UsageMembersRoundTrip) {
  const std::string json = rsa_public_jwk(base64url_of_hex(kRsa2048.n), R"(,"kid":"k1","alg":"PS256","use":"sig","key_ops":["verify"])");
  const Imported key = import(json);
  ASSERT_EQ(key.status, Status::Ok) << key.detail;
  EXPECT_EQ(exported(key.key, false), R"({"e":"AQAB","kty":"RSA","n":")" + base64url_of_hex(kRsa2048.n) +
                                          R"(","kid":"k1","alg":"PS256","use":"sig","key_ops":["verify"]})");
}

// An alg the importer passes binds the key but is not the key's: the export carries none (as
// jose's exportJWK), and importing the export needs the alg again. The JWK's own alg comes back.
TEST(Jwk, ImportersAlgIsNotExported) {
  const std::string members = R"({"e":"AQAB","kty":"RSA","n":")" + base64url_of_hex(kRsa2048.n) + "\"";
  const Imported bound = import(rsa_public_jwk(base64url_of_hex(kRsa2048.n)), "RS256");
  ASSERT_EQ(bound.status, Status::Ok) << bound.detail;
  EXPECT_EQ(bound.key.usable_algorithms(), AlgorithmSet::of(Algorithm::RS256));
  EXPECT_EQ(exported(bound.key, false), members + "}");
  const Imported own = import(rsa_public_jwk(base64url_of_hex(kRsa2048.n), R"(,"alg":"PS256")"), "PS256");
  ASSERT_EQ(own.status, Status::Ok) << own.detail;
  EXPECT_EQ(exported(own.key, false), members + R"(,"alg":"PS256"})");
  const Key from_pem = imported(KeyImportFormat::Pem, kEd25519.pkcs8_pem, "EdDSA");
  EXPECT_EQ(exported(from_pem, false), R"({"crv":"Ed25519","kty":"OKP","x":")" + base64url_of_hex(kEd25519.public_key) + R"("})");
}

// "ext" (WebCrypto's extractable flag) is a boolean when present, as jose and WebCrypto require.
TEST(Jwk, ExtMustBeABoolean) {
  const std::string n = base64url_of_hex(kRsa2048.n);
  for (const char *ext : {R"(,"ext":"yes")", R"(,"ext":1)", R"(,"ext":null)", R"(,"ext":[true])"}) {
    expect_refused(rsa_public_jwk(n, ext), Status::JwkInvalid, "ext");
  }
  for (const char *ext : {R"(,"ext":true)", R"(,"ext":false)"}) EXPECT_EQ(import(rsa_public_jwk(n, ext), "RS256").status, Status::Ok);
}

// RFC 7638 §3.1.
TEST(Jwk, ThumbprintOfTheRfc7638Example) {
  const std::string n =
      "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknj"
      "hMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6q"
      "MQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awap"
      "JzKnqDKgw";
  const Imported key = import(rsa_public_jwk(n, R"(,"alg":"RS256","kid":"2011-04-29")"));
  ASSERT_EQ(key.status, Status::Ok) << key.detail;
  std::string thumbprint;
  ASSERT_EQ(jwk_thumbprint(key.key, Hash::Sha256, thumbprint), Status::Ok);
  EXPECT_EQ(thumbprint, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
}

TEST(Jwk, MalformedMembersAreNamed) {
  expect_refused("[]", Status::JwkInvalid, "jwk");
  expect_refused(R"({"e":"AQAB"})", Status::JwkInvalid, "kty");
  expect_refused(rsa_public_jwk("AA" + base64url_of_hex(kRsa2048.n).substr(2)), Status::JwkInvalid, "n");  // leading zero
  expect_refused(rsa_public_jwk(base64url_of_hex(kRsa2048.n) + "="), Status::JwkInvalid, "n");
  expect_refused(R"({"kty":"RSA","e":"AQAB","n":")" + base64url_of_hex(kRsa2048.n) + R"(","d":"AQAB"})", Status::JwkInvalid, "p");
  expect_refused(rsa_public_jwk(base64url_of_hex(kRsa2048.n), R"(,"key_ops":["verify","verify"])"), Status::JwkInvalid,
                 "key_ops");
  expect_refused(rsa_public_jwk(base64url_of_hex(kRsa2048.n), R"(,"kid":7)"), Status::JwkInvalid, "kid");
  const std::string point(kEcKeys[0].point.substr(2));
  const std::string x = base64url_of_hex(point.substr(0, 64)), y = base64url_of_hex(point.substr(64));
  expect_refused(R"({"kty":"EC","crv":"P-256","x":")" + x.substr(0, 40) + R"(","y":")" + y + "\"}", Status::JwkInvalid,
                 "x");
}

TEST(Jwk, KindsJwsCannotUseAreUnsupported) {
  expect_refused(R"({"kty":"RSA-X"})", Status::KeyUnsupported, "kty");
  expect_refused(R"({"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"})", Status::KeyUnsupported, "crv");
  expect_refused(R"({"kty":"OKP","crv":"X25519","x":"AA"})", Status::KeyUnsupported, "crv");
  expect_refused(rsa_public_jwk(base64url_of_hex(kRsa2048.n), R"(,"oth":[])"), Status::KeyUnsupported, "oth");
  expect_refused(rsa_public_jwk(base64url_of_hex(kRsa2048.n), R"(,"alg":"RSA-OAEP")"), Status::KeyUnsupported, "alg");
}

// A modulus over 4096 bits is unsupported whatever its size, and the detail says it is n: one a
// few bits over reaches Key::create's size check, a longer one the reader's bound.
TEST(Jwk, ModulusTooLongIsUnsupportedAndNamed) {
  for (size_t bits : {4104, 4608, 8192}) {
    std::vector<uint8_t> n(bits / 8, 0xc5);
    n.back() |= 1;
    std::string encoded;
    base64url_encode(n, encoded);
    const Imported imported = import(rsa_public_jwk(encoded));
    EXPECT_EQ(imported.status, Status::KeyUnsupported) << bits;
    EXPECT_EQ(imported.detail, "n") << bits;
  }
  expect_refused(rsa_public_jwk(base64url_of_hex(kRsa2048.n.substr(2))), Status::KeyTooShort, "n");
}

TEST(Jwk, MaterialThatFailsValidationIsNamed) {
  expect_refused(R"({"kty":"RSA","e":"AQ","n":")" + base64url_of_hex(kRsa2048.n) + "\"}", Status::KeyInvalid, "e");
  const std::string point(kEcKeys[0].point.substr(2));
  std::string y_hex = point.substr(64);
  y_hex.back() = y_hex.back() == '0' ? '1' : '0';
  expect_refused(R"({"kty":"EC","crv":"P-256","x":")" + base64url_of_hex(point.substr(0, 64)) + R"(","y":")" + base64url_of_hex(y_hex) +
                     "\"}",
                 Status::KeyInvalid, "x,y");
  expect_refused(R"({"kty":"oct","k":")" + base64url_of_hex(std::string(62, 'a')) + "\"}", Status::KeyTooShort, "k");
  expect_refused(R"({"kty":"oct","k":")" + base64url_of_hex(std::string(64, 'a')) + R"(","alg":"ES256"})", Status::JwkInvalid,
                 "alg");
}

TEST(Jwk, TheCallersAlgBindsAndMustAgree) {
  const std::string json = rsa_public_jwk(base64url_of_hex(kRsa2048.n));
  const Imported bound = import(json, "PS512");
  ASSERT_EQ(bound.status, Status::Ok);
  EXPECT_EQ(bound.key.usage().alg, "PS512");
  const Imported disagreeing = import(rsa_public_jwk(base64url_of_hex(kRsa2048.n), R"(,"alg":"RS256")"), "PS512");
  EXPECT_EQ(disagreeing.status, Status::KeyUsageRefused);
  EXPECT_EQ(disagreeing.detail, "alg");
}
