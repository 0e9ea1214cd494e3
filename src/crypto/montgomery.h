// Montgomery arithmetic modulo a public odd integer of up to 4096 bits, for verification only: the
// RSA public operation (rsa_public.cpp) and ECDSA's products modulo the group order
// (p256_scalar.cpp). Variable time, since every value it sees is public (a signature, a public
// key, a hash); never give it a secret.
//
// Limbs are 28 bits in 32-bit words, so that a product fits 56 bits and a column of up to 256 of
// them sums in 64 bits without carries; products are summed column by column (product scanning)
// four at a time with lanes.h, Wasm SIMD's i64x2.extmul where the build has it. R = 2^(28·limbs)
// with limbs chosen so that R > 4n: products of values below 2n stay below 2n without any
// subtraction, and only the final encoding reduces below n.
#pragma once
#include <cstddef>
#include <cstdint>

#include "../bytes.h"

namespace edgejwt {

constexpr unsigned kMontgomeryLimbBits = 28;
constexpr size_t kMontgomeryMaxModulusBits = 4096;
constexpr size_t kMontgomeryMaxLimbs = (kMontgomeryMaxModulusBits + 2 + kMontgomeryLimbBits - 1) / kMontgomeryLimbBits;
// Zero words after each operand's limbs, so that a 4-word chunk ending up to 3 words past the last
// limb reads zeros (and as many before them, which keeps the limbs 16-byte aligned).
constexpr size_t kMontgomeryMargin = 4;
constexpr size_t kMontgomeryFrame = kMontgomeryMargin + (kMontgomeryMaxLimbs + 3) / 4 * 4 + kMontgomeryMargin;

// An integer below R as little-endian limbs, kept in order and reversed (the product loops read one
// operand backwards so that both advance together). The words around the limbs are zero.
struct MontgomeryInteger {
  alignas(16) uint32_t forward[kMontgomeryFrame];
  alignas(16) uint32_t backward[kMontgomeryFrame];
};

// What a modulus needs, computed once per modulus (per RSA key, once for the P-256 order).
struct MontgomeryModulus {
  size_t limbs = 0;         // R = 2^(28·limbs) > 4n
  uint32_t n0_inverse = 0;  // −n⁻¹ mod 2^28
  MontgomeryInteger n;
  MontgomeryInteger r_squared;  // R² mod n, below n
};

// False unless `n` (big-endian, leading zeros allowed) is odd, at least 3, and at most
// kMontgomeryMaxModulusBits bits long.
bool montgomery_init(ByteView n, MontgomeryModulus &modulus);

// The big-endian `bytes` (any length, leading zeros allowed) as an integer; false when it is n or more.
bool montgomery_decode(const MontgomeryModulus &modulus, ByteView bytes, MontgomeryInteger &out);
// x (below 2n) reduced below n, written big-endian on `size` bytes; false when it does not fit.
bool montgomery_encode(const MontgomeryModulus &modulus, const MontgomeryInteger &x, uint8_t *out, size_t size);

// out = a·b·R⁻¹ mod n, below 2n when a and b are. `out` must not be `a` or `b`.
void montgomery_multiply(const MontgomeryModulus &modulus, const MontgomeryInteger &a, const MontgomeryInteger &b,
                         MontgomeryInteger &out);
// out = a²·R⁻¹ mod n, the same as montgomery_multiply(a, a) with about a quarter fewer products.
void montgomery_square(const MontgomeryModulus &modulus, const MontgomeryInteger &a, MontgomeryInteger &out);

}  // namespace edgejwt
