// The signature step of JWS: one place that dispatches an algorithm to its primitive for a key,
// after the key has agreed to the operation (family, length, alg/use/key_ops, private for signing).
#pragma once
#include <vector>

#include "../bytes.h"
#include "../keys/key.h"
#include "../status.h"
#include "../jwa/algorithm.h"

namespace edgejwt {

// Replaces `signature` with the signature of `signing_input`.
Status create_signature(const Key &key, Algorithm alg, ByteView signing_input, std::vector<uint8_t> &signature);

// The checks a signature passes before any primitive runs: its exact length for the algorithm
// and key, and for ECDSA r and s in [1, n-1], for RSA a value below the modulus, for Ed25519 a
// canonical S. Run on its own where the host checks the primitive.
Status check_signature_encoding(const Key &key, Algorithm alg, ByteView signature);

// Ok only for a signature of the algorithm's exact length that verifies under `key`.
Status check_signature(const Key &key, Algorithm alg, ByteView signing_input, ByteView signature);

}  // namespace edgejwt
