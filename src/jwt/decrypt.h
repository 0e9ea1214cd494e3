// Decrypting encrypted JWTs and nested ones (RFC 7519 §7.2 steps 8-10 with a JWE), with the claims
// checked by the same code and policy verify uses; see decrypt.cpp.
#pragma once
#include <string>
#include <string_view>

#include "../encoding/json.h"
#include "../jwe/decrypt.h"
#include "../status.h"
#include "claims.h"
#include "policy.h"
#include "token.h"
#include "verify.h"

namespace edgejwt {

struct DecryptedJwt {
  DecryptedJwe jwe;          // the JWE's header and plaintext
  JsonDocument claims;       // an encrypted JWT: the plaintext's claims
  DecodedToken inner;        // a nested JWT: the inner JWS, verified, with its claims
  TimeWindow window;         // when the claims hold
  std::string detail;        // on failure: which part, member or claim (for the inner JWS, its own)
};

// An encrypted JWT: decrypt_jwe (its statuses), then the plaintext must be a claims set (a strict
// JSON object within the limits: the JSON statuses, "payload"), checked by check_claims against
// `claims_policy` with the JWE header's "typ" standing for the JWS's; claims the header replicates
// (RFC 7519 §5.3: "iss", "sub", "aud") must equal the claims' (ClaimValidationFailed,
// "<claim>:mismatch"). A token whose "cty" is "JWT" is nested: JweInvalid ("cty"), before any
// decryption, as its claims are the inner token's, which only decrypt_and_verify verifies.
Status decrypt_jwt(const DecryptionKeys &keys, const DecryptionPolicy &decryption, const VerifyPolicy &claims_policy,
                   std::string_view token, double now, DecryptedJwt &out);

// The outer layer of a nested JWT, as decrypt_and_verify decrypts it: the JWE's "cty" must be "JWT"
// (JweInvalid, "cty", before any decryption), then decrypt_jwe. out.jwe.plaintext is the inner JWS,
// not yet verified: nothing of it counts until verify_jws holds under the same verification policy
// (or a host's verdict on its signature settles edgejwt_verify_on_host's held one).
Status decrypt_nested_jws(const DecryptionKeys &keys, const DecryptionPolicy &decryption, std::string_view token,
                          DecryptedJwt &out);

// A nested JWT in one call: decrypt_nested_jws with the decryption keys and policy, then verify_jws
// of the plaintext as a JWT with the verification keys and policy (its statuses, and its detail).
// Both headers and the claims are in `out`; nothing of the plaintext counts until the inner
// signature and claims hold.
Status decrypt_and_verify(const DecryptionKeys &decryption_keys, const DecryptionPolicy &decryption,
                          const VerificationKeys &verification_keys, const VerifyPolicy &verification,
                          std::string_view token, double now, DecryptedJwt &out);

}  // namespace edgejwt
