// Arithmetic modulo P-256's prime p = 2^256 − 2^224 + 2^192 + 2^96 − 1 (SEC 2 §2.4.2), for ECDSA
// verification only: variable time, as every value it sees is public.
//
// An element is kept in Montgomery form x·R mod p, R = 2^261, as nine 29-bit limbs in 32-bit words.
// A product's columns then sum in 64 bits without carries, and since p ≡ −1 mod 2^29 each
// reduction step's multiple of p is the column's own low limb, added as four shifted words
// (p's set bits) rather than multiplied. Elements are only weakly reduced: every function below
// takes and returns limbs in [0, 2^29) and values below 2^257 (not necessarily below p);
// p256_field_canonical and the comparisons reduce fully.
#pragma once
#include <cstddef>
#include <cstdint>

namespace edgejwt {

constexpr size_t kP256FieldLimbs = 9;
constexpr size_t kP256Bytes = 32;

struct P256FieldElement {
  uint32_t limb[kP256FieldLimbs];
};

// `bytes` (32, big-endian) into Montgomery form; false when the value is p or more.
bool p256_field_decode(const uint8_t *bytes, P256FieldElement &out);
// x out of Montgomery form, fully reduced, as 32 big-endian bytes.
void p256_field_encode(const P256FieldElement &x, uint8_t *bytes);

// The Montgomery forms of 1 and of the curve's b.
const P256FieldElement &p256_field_one();
const P256FieldElement &p256_field_b();

// out = a·b, a², a + b, a − b, k·a (k ≤ 8), a⁻¹ (0 for 0). `out` may be an argument.
void p256_field_multiply(P256FieldElement &out, const P256FieldElement &a, const P256FieldElement &b);
void p256_field_square(P256FieldElement &out, const P256FieldElement &a);
void p256_field_add(P256FieldElement &out, const P256FieldElement &a, const P256FieldElement &b);
void p256_field_subtract(P256FieldElement &out, const P256FieldElement &a, const P256FieldElement &b);
void p256_field_multiply_small(P256FieldElement &out, const P256FieldElement &a, uint32_t k);
void p256_field_invert(P256FieldElement &out, const P256FieldElement &a);

// The same element with its value below p.
P256FieldElement p256_field_canonical(const P256FieldElement &a);
bool p256_field_is_zero(const P256FieldElement &a);
bool p256_field_equal(const P256FieldElement &a, const P256FieldElement &b);

}  // namespace edgejwt
