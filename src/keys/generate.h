// New keys for an algorithm, from the platform's secure randomness.
#pragma once
#include <cstdint>

#include "../jwa/algorithm.h"
#include "../status.h"
#include "key.h"

namespace edgejwt {

// An HMAC secret as long as the hash, an RSA key of `modulus_bits` (0 for 2048), a P-256/384/521
// key, or an Ed25519 key; bound to `alg`.
Status generate_key(Algorithm alg, uint32_t modulus_bits, Key &out);

}  // namespace edgejwt
