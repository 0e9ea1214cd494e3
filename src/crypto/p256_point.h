// Points of P-256 (y² = x³ − 3x + b over p256_field) for ECDSA verification only: affine points
// for tables, Jacobian points (X/Z², Y/Z³) for sums, and the group law with every exceptional case
// (a sum with infinity, a point plus itself, a point plus its negation). Variable time: public data.
#pragma once
#include <cstddef>

#include "p256_field.h"

namespace edgejwt {

struct P256Affine {
  P256FieldElement x, y;
};

struct P256Jacobian {
  P256FieldElement x, y, z;
  bool infinity = true;
};

// The uncompressed SEC 1 encoding 0x04 || X || Y (65 bytes): false unless both coordinates are
// below p and the point is on the curve. (The curve's order is prime: every such point generates
// the group.)
bool p256_point_decode(const uint8_t *encoded, size_t size, P256Affine &out);
// The point's affine coordinates as 32 big-endian bytes each; false for infinity.
bool p256_point_encode(const P256Jacobian &point, uint8_t *x, uint8_t *y);

P256Jacobian p256_point_from_affine(const P256Affine &point);
// point = 2·point.
void p256_point_double(P256Jacobian &point);
// point = point + addend.
void p256_point_add_affine(P256Jacobian &point, const P256Affine &addend);

// points[i] in affine form, with one field inversion for all; false when one is infinity.
bool p256_point_normalize(const P256Jacobian *points, size_t count, P256Affine *out);

}  // namespace edgejwt
