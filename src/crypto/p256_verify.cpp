#include "p256_verify.h"

#include <cstring>

namespace edgejwt {

bool p256_verify_init(const uint8_t *point, size_t size, P256VerifyKey &key) {
  P256Affine q;
  if (!p256_point_decode(point, size, q)) return false;
  std::memcpy(key.point, point, kP256PointSize);
  p256_comb_init(q, key.comb);
  return true;
}

bool p256_verify_matches(const P256VerifyKey &key, const uint8_t *point, size_t size) {
  return size == kP256PointSize && std::memcmp(key.point, point, kP256PointSize) == 0;
}

// x(R) ≡ r (mod n) with x(R) = X/Z² in [0, p): as p < 2n, x(R) is r or r + n (when r + n < p).
// Compared as X = r·Z² and X = (r + n)·Z², both sides in Montgomery form, so that no inversion is
// needed.
bool p256_verify(const P256VerifyKey &key, const uint8_t *hash, size_t hash_size, const uint8_t *signature,
                 size_t signature_size) {
  if (signature_size != kP256SignatureSize) return false;
  const uint8_t *r = signature, *s = signature + kP256Bytes;
  if (!p256_scalar_in_range(r) || !p256_scalar_in_range(s)) return false;
  // bits2int (SEC 1 §4.1.4 step 5): the leftmost 256 bits of the hash.
  uint8_t z[kP256Bytes] = {};
  if (hash_size >= kP256Bytes) {
    std::memcpy(z, hash, kP256Bytes);
  } else if (hash_size > 0) {  // none at all is 0, and may come as a null pointer
    std::memcpy(z + kP256Bytes - hash_size, hash, hash_size);
  }
  P256ScalarWords u1, u2;
  p256_scalar_verify_products(z, r, s, u1, u2);
  const P256Jacobian sum = p256_comb_multiply_add(p256_comb_generator(), u1, key.comb, u2);
  if (sum.infinity) return false;

  P256FieldElement z2, candidate, scaled;
  p256_field_square(z2, sum.z);
  if (!p256_field_decode(r, candidate)) return false;  // r < n < p
  p256_field_multiply(scaled, candidate, z2);
  if (p256_field_equal(scaled, sum.x)) return true;
  // r + n, when it is below 2^256 and (p256_field_decode) below p.
  uint8_t r_plus_n[kP256Bytes];
  const uint8_t *n = p256_scalar_order();
  unsigned carry = 0;
  for (size_t i = kP256Bytes; i-- > 0;) {
    carry += unsigned{r[i]} + n[i];
    r_plus_n[i] = static_cast<uint8_t>(carry);
    carry >>= 8;
  }
  if (carry != 0 || !p256_field_decode(r_plus_n, candidate)) return false;
  p256_field_multiply(scaled, candidate, z2);
  return p256_field_equal(scaled, sum.x);
}

}  // namespace edgejwt
