// Tokens made by others (jose_jwe_fixtures.h, written by jose_jwe_fixtures.mjs with jose and
// node:crypto): each jose-made JWE opens with its key, the encrypted JWT's claims check, and the
// nested token (jose's SignJWT inside its CompactEncrypt) decrypts and verifies in one call. The
// node:crypto-made tokens that are valid AES-GCM only with sizes JWE does not allow (a 128-bit IV,
// a 96-bit tag) are refused with the one decryption code; the same shapes with JWE's sizes open.
#include <gtest/gtest.h>

#include "jose_jwe_fixtures.h"
#include "jwe_support.h"
#include "jwt/decrypt.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

Key jwk_key(std::string_view jwk, std::string_view alg, KeyUse use = KeyUse::Encryption) {
  Key key;
  std::string detail;
  EXPECT_EQ(import_jwk_text(jwk, use, alg, key, detail), Status::Ok) << jwk << " " << detail;
  return key;
}

}  // namespace

TEST(JoseJwe, TokensMadeByJoseAndNodeCryptoDecrypt) {
  for (const JoseJwe &jwe : kJoseJwes) {
    const Decrypted result = decrypted(jwk_key(jwe.jwk, jwe.alg), jwe.token);
    EXPECT_EQ(result.status, Status::Ok) << jwe.name << " (" << jwe.made_by << "): " << result.detail;
    EXPECT_EQ(result.plaintext, kJosePlaintext) << jwe.name;
  }
}

TEST(JoseJwe, LenientGcmIsRefused) {
  for (const JoseJwe &jwe : kLenientGcmJwes) {
    const Decrypted result = decrypted(jwk_key(jwe.jwk, jwe.alg), jwe.token);
    EXPECT_EQ(result.status, Status::JweDecryptionFailed) << jwe.name;
    EXPECT_EQ(result.detail, "") << jwe.name;
  }
}

TEST(JoseJwe, EncryptedAndNestedJwtsFromJose) {
  const Key key = jwk_key(kJoseEncryptedJwtKey, "ECDH-ES+A256KW");
  DecryptedJwt out;
  VerifyPolicy claims;
  claims.issuers = {"https://jose.example"};
  claims.audiences = {"edgejwt"};
  ASSERT_EQ(decrypt_jwt(DecryptionKeys{&key, nullptr}, DecryptionPolicy{}, claims, kJoseEncryptedJwt, 1850000000, out),
            Status::Ok)
      << out.detail;
  EXPECT_EQ(out.jwe.plaintext, kJoseClaims);

  const Key recipient = jwk_key(kJoseNestedDecryptionKey, "ECDH-ES+A256KW");
  const Key verifier = jwk_key(kJoseNestedVerificationKey, "ES256", KeyUse::Signature);
  ASSERT_EQ(decrypt_and_verify(DecryptionKeys{&recipient, nullptr}, DecryptionPolicy{},
                               VerificationKeys{&verifier, nullptr}, claims, kJoseNestedJwt, 1850000000, out),
            Status::Ok)
      << out.detail;
  EXPECT_EQ(out.inner.payload, kJoseClaims);
  EXPECT_EQ(out.inner.header.alg, Algorithm::ES256);
}
