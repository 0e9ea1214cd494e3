// Encrypted and nested JWTs (src/jwt/encrypt, decrypt, cty): claims checked by verify's code and
// policy after decryption, the JWE header's "typ" and replicated claims, "cty": "JWT" marking a
// nested token and verified only in one call with its inner signature, keys of one use each; and
// the decryption options as one JSON object.
#include <gtest/gtest.h>

#include <string>

#include "jwe_support.h"
#include "jwt/decrypt.h"
#include "jwt/encrypt.h"
#include "jwt/policy.h"
#include "keys/generate.h"
#include "token_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

constexpr double kNow = 1'800'000'000;
const std::string kClaims = R"({"iss":"https://issuer.example","sub":"u1","aud":"app","exp":1800000060,"iat":1800000000})";

VerifyPolicy policy(std::string_view json) {
  VerifyPolicy out;
  std::string detail;
  EXPECT_EQ(parse_verify_policy(json, out, detail), Status::Ok) << detail;
  return out;
}

struct Result {
  Status status;
  std::string detail;
};

Result decrypt_claims(const Key &key, std::string_view token, const VerifyPolicy &claims = VerifyPolicy{},
                      double now = kNow) {
  DecryptedJwt out;
  const Status status = decrypt_jwt(DecryptionKeys{&key, nullptr}, DecryptionPolicy{}, claims, token, now, out);
  return Result{status, out.detail};
}

std::string encrypted_jwt(const Key &key, std::string_view header, std::string_view claims = kClaims) {
  std::string token, detail;
  EXPECT_EQ(encrypt_jwt(key, header, claims, TokenLimits{}, token, detail), Status::Ok) << detail;
  return token;
}

Key signing_key(Algorithm alg) {
  Key key;
  EXPECT_EQ(generate_key(alg, 0, key), Status::Ok);
  return key;
}

}  // namespace

TEST(EncryptedJwt, ClaimsAreCheckedAsVerifyChecksThem) {
  const Key key = encryption_key(KeyManagement::A256KW, ContentEncryption::A256Gcm);
  const std::string token = encrypted_jwt(key, R"({"alg":"A256KW","enc":"A256GCM","typ":"JWT"})");
  DecryptedJwt out;
  ASSERT_EQ(decrypt_jwt(DecryptionKeys{&key, nullptr}, DecryptionPolicy{},
                        policy(R"({"issuer":"https://issuer.example","audience":"app","typ":"JWT"})"), token, kNow, out),
            Status::Ok)
      << out.detail;
  EXPECT_EQ(out.jwe.plaintext, kClaims);
  EXPECT_EQ(out.window.until, 1800000060);
  const Result issuer = decrypt_claims(key, token, policy(R"({"issuer":"https://other.example"})"));
  EXPECT_EQ(issuer.status, Status::ClaimValidationFailed);
  EXPECT_EQ(issuer.detail, "iss:check_failed");
  const Result expired = decrypt_claims(key, token, VerifyPolicy{}, 1800000060);
  EXPECT_EQ(expired.status, Status::JwtExpired);
  EXPECT_EQ(expired.detail, "exp:check_failed");
  // The JWE header's "typ" is the one checked.
  const Result typ = decrypt_claims(key, encrypted_jwt(key, R"({"alg":"A256KW","enc":"A256GCM"})"),
                                    policy(R"({"typ":"JWT"})"));
  EXPECT_EQ(typ.status, Status::ClaimValidationFailed);
  EXPECT_EQ(typ.detail, "typ:check_failed");  // an absent typ fails the check, as in jose
  // A plaintext that is no claims set.
  std::string not_claims, detail;
  ASSERT_EQ(encrypt_jwe(key, R"({"alg":"A256KW","enc":"A256GCM"})", std::string_view("[1]"), TokenLimits{}, not_claims,
                        detail),
            Status::Ok);
  const Result array = decrypt_claims(key, not_claims);
  EXPECT_EQ(array.status, Status::JsonNotObject);
  EXPECT_EQ(array.detail, "payload");
}

// RFC 7519 §5.3: claims the producer copied into the (protected) header must be the claims.
TEST(EncryptedJwt, ReplicatedClaimsMustMatch) {
  const Key key = encryption_key(KeyManagement::Dir, ContentEncryption::A128Gcm);
  EXPECT_EQ(decrypt_claims(key, encrypted_jwt(key, R"({"alg":"dir","enc":"A128GCM","iss":"https://issuer.example","aud":"app"})"))
                .status,
            Status::Ok);
  for (std::string_view replicated : {R"("iss":"https://evil.example")", R"("sub":"u2")", R"("aud":["app"])"}) {
    const Result result =
        decrypt_claims(key, encrypted_jwt(key, R"({"alg":"dir","enc":"A128GCM",)" + std::string(replicated) + "}"));
    EXPECT_EQ(result.status, Status::ClaimValidationFailed) << replicated;
    EXPECT_EQ(result.detail, std::string(replicated.substr(1, 3)) + ":mismatch");
  }
}

TEST(EncryptedJwt, ProducerChecksItsClaimsAndCty) {
  const Key key = encryption_key(KeyManagement::Dir, ContentEncryption::A128Gcm);
  std::string token, detail;
  EXPECT_EQ(encrypt_jwt(key, R"({"alg":"dir","enc":"A128GCM"})", "[]", TokenLimits{}, token, detail),
            Status::JsonNotObject);
  EXPECT_EQ(detail, "payload");
  EXPECT_EQ(encrypt_jwt(key, R"({"alg":"dir","enc":"A128GCM","cty":"jwt"})", kClaims, TokenLimits{}, token, detail),
            Status::InvalidArgument);
  EXPECT_EQ(detail, "cty");
}

// Sign, then encrypt (RFC 7519 §11.2); decrypt and verify in one call, with a key of each use.
TEST(NestedJwt, SignedThenEncryptedVerifiesInOneCall) {
  const Key signer = signing_key(Algorithm::ES256);
  Key verifier;
  ASSERT_EQ(signer.public_key(verifier), Status::Ok);
  const Key recipient = encryption_key(KeyManagement::EcdhEsA256KW, ContentEncryption::A256Gcm, KeyFamily::X25519);
  Key recipient_public;
  DecodedToken scratch;
  std::string token;
  ASSERT_EQ(sign_and_encrypt(signer, R"({"alg":"ES256","typ":"JWT"})", kClaims, encrypting_key(recipient, recipient_public),
                             R"({"alg":"ECDH-ES+A256KW","enc":"A256GCM","kid":"r1"})", TokenLimits{}, scratch, token),
            Status::Ok)
      << scratch.detail;

  DecryptedJwt out;
  const DecryptionKeys decryption{&recipient, nullptr};
  const VerifyPolicy verification = policy(R"({"algorithms":["ES256"],"issuer":"https://issuer.example","typ":"JWT"})");
  ASSERT_EQ(decrypt_and_verify(decryption, DecryptionPolicy{}, VerificationKeys{&verifier, nullptr}, verification, token,
                               kNow, out),
            Status::Ok)
      << out.detail;
  EXPECT_TRUE(out.jwe.header.has_cty);
  EXPECT_EQ(out.jwe.header.cty, "JWT");  // added by sign_and_encrypt
  EXPECT_EQ(out.jwe.header.kid, "r1");
  EXPECT_EQ(out.inner.header.alg, Algorithm::ES256);
  EXPECT_EQ(out.inner.payload, kClaims);
  EXPECT_EQ(out.window.until, 1800000060);

  // The inner token's signature, algorithm and claims decide as verify decides them.
  const Key stranger = signing_key(Algorithm::ES256);
  Key stranger_public;
  ASSERT_EQ(stranger.public_key(stranger_public), Status::Ok);
  EXPECT_EQ(decrypt_and_verify(decryption, DecryptionPolicy{}, VerificationKeys{&stranger_public, nullptr}, verification,
                               token, kNow, out),
            Status::SignatureInvalid);
  EXPECT_EQ(decrypt_and_verify(decryption, DecryptionPolicy{}, VerificationKeys{&verifier, nullptr},
                               policy(R"({"algorithms":["EdDSA"]})"), token, kNow, out),
            Status::AlgNotAllowed);
  EXPECT_EQ(decrypt_and_verify(decryption, DecryptionPolicy{}, VerificationKeys{&verifier, nullptr}, verification, token,
                               1800000061, out),
            Status::JwtExpired);
  EXPECT_EQ(out.detail, "exp:check_failed");
  // An encryption key never verifies (the verifier's own public key, imported for encryption), a
  // signing key never decrypts.
  const Key ec_for_encryption = encryption_key_of(*verifier.as<EcPublicKey>());
  EXPECT_EQ(decrypt_and_verify(decryption, DecryptionPolicy{}, VerificationKeys{&ec_for_encryption, nullptr},
                               verification, token, kNow, out),
            Status::KeyUsageRefused);
  EXPECT_EQ(decrypt_and_verify(DecryptionKeys{&signer, nullptr}, DecryptionPolicy{}, VerificationKeys{&verifier, nullptr},
                               verification, token, kNow, out),
            Status::AlgNotAllowed);
}

// "cty": "JWT" says which call a token is for, before anything is decrypted: a nested token's
// claims are the inner token's, never to be taken without its signature.
TEST(NestedJwt, CtyDecidesBetweenEncryptedAndNested) {
  const Key signer = signing_key(Algorithm::HS256);
  const Key key = encryption_key(KeyManagement::A128GCMKW, ContentEncryption::A128CbcHs256);
  DecodedToken scratch;
  std::string nested;
  ASSERT_EQ(sign_and_encrypt(signer, R"({"alg":"HS256"})", kClaims, key, R"({"cty":"JWT","alg":"A128GCMKW","enc":"A128CBC-HS256"})",
                             TokenLimits{}, scratch, nested),
            Status::Ok);
  const Result as_claims = decrypt_claims(key, nested);
  EXPECT_EQ(as_claims.status, Status::JweInvalid);
  EXPECT_EQ(as_claims.detail, "cty");
  DecryptedJwt out;
  EXPECT_EQ(decrypt_and_verify(DecryptionKeys{&key, nullptr}, DecryptionPolicy{}, VerificationKeys{&signer, nullptr},
                               VerifyPolicy{}, encrypted_jwt(key, R"({"alg":"A128GCMKW","enc":"A128CBC-HS256"})"), kNow, out),
            Status::JweInvalid);
  EXPECT_EQ(out.detail, "cty");
  EXPECT_EQ(sign_and_encrypt(signer, R"({"alg":"HS256"})", kClaims, key,
                             R"({"alg":"A128GCMKW","enc":"A128CBC-HS256","cty":"JOSE"})", TokenLimits{}, scratch, nested),
            Status::InvalidArgument);
  EXPECT_EQ(scratch.detail, "cty");
}

// The outer layer alone (what a host that verifies the inner signature itself asks for): the same
// checks before the inner JWS as decrypt_and_verify, cty first, and the inner JWS as it was signed,
// which verify_jws then decides as decrypt_and_verify does.
TEST(NestedJwt, TheOuterLayerAloneIsDecryptAndVerifysOuterLayer) {
  const Key signer = signing_key(Algorithm::HS256);
  const Key key = encryption_key(KeyManagement::A128GCMKW, ContentEncryption::A128CbcHs256);
  DecodedToken scratch;
  std::string nested;
  ASSERT_EQ(sign_and_encrypt(signer, R"({"alg":"HS256"})", kClaims, key, R"({"alg":"A128GCMKW","enc":"A128CBC-HS256"})",
                             TokenLimits{}, scratch, nested),
            Status::Ok);
  DecryptedJwt outer;
  ASSERT_EQ(decrypt_nested_jws(DecryptionKeys{&key, nullptr}, DecryptionPolicy{}, nested, outer), Status::Ok) << outer.detail;
  EXPECT_EQ(outer.jwe.header.cty, "JWT");
  DecodedToken inner;
  ASSERT_EQ(verify_jws(VerificationKeys{&signer, nullptr}, VerifyPolicy{}, PayloadKind::JwtClaims, outer.jwe.plaintext,
                       kNow, inner),
            Status::Ok);
  EXPECT_EQ(inner.payload, kClaims);

  // A flat token: refused for its cty before anything is decrypted, whatever the key.
  const Key stranger = encryption_key(KeyManagement::A128GCMKW, ContentEncryption::A128CbcHs256);
  const std::string flat = encrypted_jwt(key, R"({"alg":"A128GCMKW","enc":"A128CBC-HS256"})");
  DecryptedJwt refused;
  EXPECT_EQ(decrypt_nested_jws(DecryptionKeys{&stranger, nullptr}, DecryptionPolicy{}, flat, refused), Status::JweInvalid);
  EXPECT_EQ(refused.detail, "cty");
  EXPECT_TRUE(refused.jwe.plaintext.empty());
  // The wrong key: the one decryption failure, no plaintext.
  DecryptedJwt wrong;
  EXPECT_EQ(decrypt_nested_jws(DecryptionKeys{&stranger, nullptr}, DecryptionPolicy{}, nested, wrong),
            Status::JweDecryptionFailed);
  EXPECT_TRUE(wrong.jwe.plaintext.empty());
}

// One options object for decrypting: the JWE's algorithms and PBES2 bound beside verify's members,
// the limits and crit bounding both tokens.
TEST(DecryptionOptions, OneObjectConfiguresTheJweAndTheClaims) {
  VerifyPolicy verification;
  DecryptionPolicy decryption;
  std::string detail;
  ASSERT_EQ(parse_decryption_options(R"({"keyManagementAlgorithms":["ECDH-ES+A256KW","dir"],
      "contentEncryptionAlgorithms":["A256GCM"],"maxPBES2Count":20000,"issuer":"i","algorithms":["ES256"],
      "maxTokenLength":100000,"crit":["b64"]})",
                                     verification, decryption, detail),
            Status::Ok)
      << detail;
  EXPECT_TRUE(decryption.has_algorithms);
  EXPECT_TRUE(decryption.algorithms.contains(KeyManagement::EcdhEsA256KW));
  EXPECT_FALSE(decryption.algorithms.contains(KeyManagement::A256KW));
  EXPECT_TRUE(decryption.encryptions.contains(ContentEncryption::A256Gcm));
  EXPECT_EQ(decryption.max_pbes2_count, 20000u);
  EXPECT_EQ(decryption.limits.max_token_length, 100000u);
  EXPECT_EQ(decryption.crit, std::vector<std::string>{"b64"});
  EXPECT_EQ(verification.issuers, std::vector<std::string>{"i"});
  EXPECT_TRUE(verification.algorithms.contains(Algorithm::ES256));

  const struct {
    const char *json;
    Status status;
    const char *detail;
  } refused[] = {
      {R"({"keyManagementAlgorithms":["RSA1_5"]})", Status::AlgNotSupported, "keyManagementAlgorithms"},
      {R"({"contentEncryptionAlgorithms":[]})", Status::InvalidArgument, "contentEncryptionAlgorithms"},
      {R"({"maxPBES2Count":1000001})", Status::InvalidArgument, "maxPBES2Count"},
      {R"({"maxPBES2Count":0})", Status::InvalidArgument, "maxPBES2Count"},
      {R"({"zip":true})", Status::InvalidArgument, "zip"},
  };
  for (const auto &r : refused) {
    EXPECT_EQ(parse_decryption_options(r.json, verification, decryption, detail), r.status) << r.json;
    EXPECT_EQ(detail, r.detail) << r.json;
  }
  // Verify's own options know none of these.
  EXPECT_EQ(parse_verify_policy(R"({"keyManagementAlgorithms":["dir"]})", verification, detail), Status::InvalidArgument);
}
