// Fixed-base comb tables for P-256 (Lim–Lee with 8 teeth 32 bits apart) and the double-scalar
// product u1·A + u2·B from two of them, for ECDSA verification only (variable time: public data).
//
// A table holds, for each nonzero 8-bit j, Σ 2^(32k)·P over the bits k set in j, in affine form.
// Bit i of each of a scalar's eight 32-bit words then picks one entry, so u·P is 31 doublings and
// at most 32 mixed additions; two tables share the doublings. Made once per point: for the
// generator on first use, for a public key once per key.
#pragma once
#include <cstddef>
#include <cstdint>

#include "p256_point.h"
#include "p256_scalar.h"

namespace edgejwt {

constexpr size_t kP256CombTeeth = kP256ScalarWords;  // one scalar word per tooth
constexpr size_t kP256CombSpacing = 32;

struct P256Comb {
  P256Affine entry[(1u << kP256CombTeeth) - 1];  // entry[j − 1] for j in [1, 255]
};

// `point`'s table: 224 doublings, 247 mixed additions and one batched inversion.
void p256_comb_init(const P256Affine &point, P256Comb &comb);
// The generator's table (SEC 2 §2.4.2's G), made on first use.
const P256Comb &p256_comb_generator();

// u1·A + u2·B, where `a` and `b` are A's and B's tables; infinity when the sum is.
P256Jacobian p256_comb_multiply_add(const P256Comb &a, const P256ScalarWords &u1, const P256Comb &b,
                                    const P256ScalarWords &u2);

}  // namespace edgejwt
