// PBKDF2 (RFC 8018 §5.2) with HMAC-SHA-256/384/512, the key derivation of JWE's PBES2 algorithms
// (RFC 7518 §4.8): ours, as BearSSL 0.6 has none, on BearSSL's HMAC. The password's HMAC key
// state is made once and each iteration starts from it, so an iteration costs two hash blocks.
#pragma once
#include <cstddef>
#include <cstdint>

#include "../bytes.h"
#include "../status.h"
#include "hash.h"

namespace edgejwt {

// A hard ceiling on the iteration count whatever a caller's policy allows (PBES2's p2c comes from
// the token; the JWE layer bounds it lower, by default to 10,000): a million iterations already
// take seconds in Wasm.
constexpr uint32_t kPbkdf2MaxIterations = 1'000'000;
// At most one hash block of output in PBES2 (16 to 32 bytes); 64 covers every hash's full block.
constexpr size_t kPbkdf2MaxKeySize = 64;

// `key` receives key_size bytes (1 to 64) of PBKDF2-HMAC-`hash`(password, salt, iterations).
// InvalidArgument for 0 or more than kPbkdf2MaxIterations iterations or a key size outside 1..64.
Status pbkdf2(Hash hash, ByteView password, ByteView salt, uint32_t iterations, uint8_t *key, size_t key_size);

}  // namespace edgejwt
