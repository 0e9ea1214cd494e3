// Verifying a JWS or JWT (the product's hot path), one named step after another; see verify.cpp.
#pragma once
#include <string_view>

#include "../jws/compact.h"
#include "../keys/key.h"
#include "../keys/key_set.h"
#include "../status.h"
#include "policy.h"
#include "token.h"

namespace edgejwt {

// One key, or a set to choose the key from by the token's header.
struct VerificationKeys {
  const Key *key = nullptr;
  const KeySet *set = nullptr;
};

// Ok when `token` is a compact JWS signed by the key (or the one key of the set that fits it) with
// an allowed algorithm and, for a JWT, its time claims hold at `now` (seconds since the epoch).
// `out` holds the decoded header and payload either way, as far as verification got.
Status verify_jws(const VerificationKeys &keys, const VerifyPolicy &policy, PayloadKind kind, std::string_view token,
                  double now, DecodedToken &out);

// verify_jws in two halves, for hosts that check the signature primitive themselves:
// prepare runs steps 1-4 (split, header, policy, key) and the signature's checks short of the
// primitive (the key's consent to the algorithm, its exact length, its range: see
// check_signature_encoding), and sets `key` to the key the signature must verify under; finish
// runs the steps after the primitive.
Status prepare_verification(const VerificationKeys &keys, const VerifyPolicy &policy, std::string_view token,
                            CompactParts &parts, DecodedToken &out, const Key *&key);
Status finish_verification(const VerifyPolicy &policy, PayloadKind kind, const CompactParts &parts, double now,
                           DecodedToken &out);

}  // namespace edgejwt
