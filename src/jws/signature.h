// The signature step of JWS: one place that dispatches an algorithm to its primitive for a key,
// after checking that the key's family fits the algorithm and the key is long enough.
#pragma once
#include <vector>

#include "../bytes.h"
#include "../keys/key.h"
#include "../status.h"
#include "algorithm.h"

namespace edgejwt {

// Replaces `signature` with the signature of `signing_input`.
Status create_signature(const Key &key, Algorithm alg, ByteView signing_input, std::vector<uint8_t> &signature);

// Ok only for a signature of the algorithm's exact length that verifies under `key`.
Status check_signature(const Key &key, Algorithm alg, ByteView signing_input, ByteView signature);

}  // namespace edgejwt
