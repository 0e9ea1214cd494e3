// HMAC-SHA-2 (RFC 2104) and the constant-time comparison MAC checks need.
#pragma once
#include "../bytes.h"
#include "hash.h"

namespace edgejwt {

// Writes hash_size(hash) bytes of HMAC(key, data) to `out`.
void hmac(Hash hash, ByteView key, ByteView data, uint8_t *out);

// Compares without an early exit, so timing does not reveal where two MACs first differ.
bool constant_time_equal(const uint8_t *a, const uint8_t *b, size_t size);

}  // namespace edgejwt
