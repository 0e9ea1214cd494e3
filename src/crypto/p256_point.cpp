#include "p256_point.h"

#include <vector>

namespace edgejwt {
namespace {

using Element = P256FieldElement;

Element multiply(const Element &a, const Element &b) {
  Element out;
  p256_field_multiply(out, a, b);
  return out;
}
Element square(const Element &a) {
  Element out;
  p256_field_square(out, a);
  return out;
}
Element add(const Element &a, const Element &b) {
  Element out;
  p256_field_add(out, a, b);
  return out;
}
Element subtract(const Element &a, const Element &b) {
  Element out;
  p256_field_subtract(out, a, b);
  return out;
}
Element times(uint32_t k, const Element &a) {
  Element out;
  p256_field_multiply_small(out, a, k);
  return out;
}

}  // namespace

bool p256_point_decode(const uint8_t *encoded, size_t size, P256Affine &out) {
  if (size != 1 + 2 * kP256Bytes || encoded[0] != 0x04) return false;
  if (!p256_field_decode(encoded + 1, out.x) || !p256_field_decode(encoded + 1 + kP256Bytes, out.y)) return false;
  // y² = x³ − 3x + b
  const Element right = add(multiply(subtract(square(out.x), times(3, p256_field_one())), out.x), p256_field_b());
  return p256_field_equal(square(out.y), right);
}

bool p256_point_encode(const P256Jacobian &point, uint8_t *x, uint8_t *y) {
  P256Affine affine;
  if (!p256_point_normalize(&point, 1, &affine)) return false;
  p256_field_encode(affine.x, x);
  p256_field_encode(affine.y, y);
  return true;
}

P256Jacobian p256_point_from_affine(const P256Affine &point) {
  return P256Jacobian{point.x, point.y, p256_field_one(), false};
}

// dbl-2001-b (a = −3), 3M + 5S: δ = Z², γ = Y², β = Xγ, α = 3(X − δ)(X + δ), X' = α² − 8β,
// Z' = (Y + Z)² − γ − δ, Y' = α(4β − X') − 8γ². P-256 has no point of order 2 (its order is an odd
// prime), so Y is never 0 and the double of a finite point is finite.
void p256_point_double(P256Jacobian &point) {
  if (point.infinity) return;
  const Element delta = square(point.z);
  const Element gamma = square(point.y);
  const Element beta = multiply(point.x, gamma);
  const Element alpha = times(3, multiply(subtract(point.x, delta), add(point.x, delta)));
  const Element x = subtract(square(alpha), times(8, beta));
  const Element z = subtract(subtract(square(add(point.y, point.z)), gamma), delta);
  const Element y = subtract(multiply(alpha, subtract(times(4, beta), x)), times(8, square(gamma)));
  point.x = x;
  point.y = y;
  point.z = z;
}

// madd-2007-bl, 7M + 4S: U2 = x2·Z1², S2 = y2·Z1³, H = U2 − X1, r = 2(S2 − Y1), I = 4H², J = H·I,
// V = X1·I, X' = r² − J − 2V, Y' = r(V − X') − 2·Y1·J, Z' = (Z1 + H)² − Z1² − H². H = 0 means the
// same x: the same point (r = 0), to be doubled, or its negation, whose sum is infinity.
void p256_point_add_affine(P256Jacobian &point, const P256Affine &addend) {
  if (point.infinity) {
    point = p256_point_from_affine(addend);
    return;
  }
  const Element z1z1 = square(point.z);
  const Element u2 = multiply(addend.x, z1z1);
  const Element s2 = multiply(addend.y, multiply(point.z, z1z1));
  const Element h = subtract(u2, point.x);
  const Element s2_minus_y1 = subtract(s2, point.y);
  if (p256_field_is_zero(h)) {
    if (p256_field_is_zero(s2_minus_y1)) {
      point = p256_point_from_affine(addend);
      p256_point_double(point);
    } else {
      point.infinity = true;
    }
    return;
  }
  const Element hh = square(h);
  const Element i = times(4, hh);
  const Element j = multiply(h, i);
  const Element r = times(2, s2_minus_y1);
  const Element v = multiply(point.x, i);
  const Element x = subtract(subtract(square(r), j), times(2, v));
  const Element y = subtract(multiply(r, subtract(v, x)), times(2, multiply(point.y, j)));
  const Element z = subtract(subtract(square(add(point.z, h)), z1z1), hh);
  point.x = x;
  point.y = y;
  point.z = z;
}

// Montgomery's trick: prefix products of the Z's, one inversion, then each 1/Z from the prefix
// before it and the inverse of the prefix through it.
bool p256_point_normalize(const P256Jacobian *points, size_t count, P256Affine *out) {
  if (count == 0) return true;
  std::vector<Element> prefix(count);
  for (size_t i = 0; i < count; ++i) {
    if (points[i].infinity) return false;
    prefix[i] = i == 0 ? points[i].z : multiply(prefix[i - 1], points[i].z);
  }
  Element inverse;
  p256_field_invert(inverse, prefix[count - 1]);
  for (size_t i = count; i-- > 0;) {
    const Element z_inverse = i == 0 ? inverse : multiply(inverse, prefix[i - 1]);
    if (i > 0) inverse = multiply(inverse, points[i].z);
    const Element z2 = square(z_inverse);
    out[i].x = multiply(points[i].x, z2);
    out[i].y = multiply(points[i].y, multiply(z2, z_inverse));
  }
  return true;
}

}  // namespace edgejwt
