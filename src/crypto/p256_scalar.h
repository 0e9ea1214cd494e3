// Integers modulo P-256's group order n, as ECDSA verification needs them (SEC 1 §4.1.4 steps 1,
// 4-5): the range check of r and s, then w = s⁻¹, u1 = z·w and u2 = r·w. Variable time: a
// signature and a hash are public.
#pragma once
#include <cstddef>
#include <cstdint>

namespace edgejwt {

constexpr size_t kP256ScalarWords = 8;

// A scalar below 2^256 as eight little-endian 32-bit words.
struct P256ScalarWords {
  uint32_t word[kP256ScalarWords];
};

// n, big-endian (SEC 2 §2.4.2).
const uint8_t *p256_scalar_order();

// 1 ≤ value ≤ n − 1 for 32 big-endian bytes.
bool p256_scalar_in_range(const uint8_t *value);

// For r and s in [1, n − 1] and z below 2^256 (each 32 big-endian bytes): u1 = z·s⁻¹ mod n and
// u2 = r·s⁻¹ mod n.
void p256_scalar_verify_products(const uint8_t *z, const uint8_t *r, const uint8_t *s, P256ScalarWords &u1,
                                 P256ScalarWords &u2);

}  // namespace edgejwt
