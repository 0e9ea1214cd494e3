// New keys for an algorithm, from the platform's secure randomness.
#pragma once
#include <cstdint>
#include <string_view>

#include "../jwa/algorithm.h"
#include "../status.h"
#include "key.h"

namespace edgejwt {

// An HMAC secret as long as the hash, an RSA key of `modulus_bits` (0 for 2048), a P-256/384/521
// key, or an Ed25519 key; bound to `alg`. `crv` (jose's generateKeyPair option; empty when not
// given) must be the curve `alg` implies for a family that has one: KeyUnsupported otherwise, never
// a key of another curve or type. Families without a curve ignore it, as jose does.
Status generate_key(Algorithm alg, uint32_t modulus_bits, Key &out, std::string_view crv = {});

}  // namespace edgejwt
