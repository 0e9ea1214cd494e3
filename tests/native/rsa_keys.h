// RSA private keys for the native tests: written as a JWK's base64url members (RFC 7518 §6.3),
// copied (SecretBytes is move-only), and the 2048-bit PKCS#8 fixture (pkix_fixtures.h) parsed once
// per test process — ctest runs each test in a process of its own, so a generated key would be
// generated again for every test.
#pragma once
#include <string_view>
#include <variant>

#include <gtest/gtest.h>

#include "crypto/rsa.h"
#include "keys/pkix.h"
#include "pkix_fixtures.h"
#include "test_support.h"

namespace edgejwt::test {

struct JwkParts {
  std::string_view n, e, d, p, q, dp, dq, qi;
};

inline SecretBytes secret(std::string_view base64url) { return SecretBytes(from_base64url(base64url)); }

inline RsaPrivateKey private_key(const JwkParts &jwk) {
  RsaPrivateKey key;
  key.public_key = {from_base64url(jwk.n), from_base64url(jwk.e)};
  key.d = secret(jwk.d);
  key.p = secret(jwk.p);
  key.q = secret(jwk.q);
  key.dp = secret(jwk.dp);
  key.dq = secret(jwk.dq);
  key.qi = secret(jwk.qi);
  return key;
}

inline SecretBytes copy(const SecretBytes &bytes) { return SecretBytes(bytes.view()); }

inline RsaPrivateKey copy(const RsaPrivateKey &key) {
  RsaPrivateKey out;
  out.public_key = key.public_key;
  out.d = copy(key.d);
  out.p = copy(key.p);
  out.q = copy(key.q);
  out.dp = copy(key.dp);
  out.dq = copy(key.dq);
  out.qi = copy(key.qi);
  return out;
}

// A valid 2048-bit key, for the tests that need some key rather than a fresh one.
inline const RsaPrivateKey &fixture_key() {
  static const RsaPrivateKey key = [] {
    KeyMaterial material;
    EXPECT_EQ(parse_pem(kRsa2048.pkcs8_pem, material), Status::Ok);
    const RsaPrivateKey *parsed = std::get_if<RsaPrivateKey>(&material);
    return parsed ? copy(*parsed) : RsaPrivateKey{};
  }();
  return key;
}

}  // namespace edgejwt::test
