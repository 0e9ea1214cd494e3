#include "rsa_public.h"

#include <cstring>

namespace edgejwt {
namespace {

ByteView without_leading_zeros(ByteView bytes) {
  while (bytes.size > 0 && bytes.data[0] == 0) bytes = ByteView(bytes.data + 1, bytes.size - 1);
  return bytes;
}

// e's value, when it is odd, at least 3 and at most 4 bytes; 0 otherwise.
uint32_t exponent_value(ByteView e) {
  e = without_leading_zeros(e);
  if (e.size == 0 || e.size > 4 || (e.data[e.size - 1] & 1) == 0) return 0;
  uint32_t exponent = 0;
  for (size_t i = 0; i < e.size; ++i) exponent = exponent << 8 | e.data[i];
  return exponent >= 3 ? exponent : 0;
}

}  // namespace

bool rsa_public_init(ByteView n, ByteView e, RsaPublicOperation &operation) {
  n = without_leading_zeros(n);
  const uint32_t exponent = exponent_value(e);
  if (exponent == 0 || n.size > sizeof operation.modulus_bytes) return false;
  if (!montgomery_init(n, operation.modulus)) return false;
  operation.exponent = exponent;
  operation.modulus_size = n.size;
  std::memcpy(operation.modulus_bytes, n.data, n.size);
  return true;
}

bool rsa_public_matches(const RsaPublicOperation &operation, ByteView n, ByteView e) {
  n = without_leading_zeros(n);
  return n.size == operation.modulus_size && std::memcmp(n.data, operation.modulus_bytes, n.size) == 0 &&
         exponent_value(e) == operation.exponent;
}

// Left to right over e's bits with x kept in Montgomery form (x·R): square for each bit, multiply by
// s·R for each set bit. The last bit (e is odd) multiplies by s itself instead, which leaves the
// Montgomery form: for e = 65537, 1 conversion + 16 squares + 1 product.
bool rsa_public_apply(const RsaPublicOperation &operation, ByteView s, uint8_t *out) {
  const MontgomeryModulus &modulus = operation.modulus;
  if (s.size != operation.modulus_size) return false;
  MontgomeryInteger base, base_montgomery, work[2];
  if (!montgomery_decode(modulus, s, base)) return false;
  montgomery_multiply(modulus, base, modulus.r_squared, base_montgomery);
  // Each product goes to the work integer the current value is not in.
  const MontgomeryInteger *x = &base_montgomery;
  const auto next = [&]() -> MontgomeryInteger & { return x == &work[0] ? work[1] : work[0]; };
  int top = 31;
  while ((operation.exponent >> top & 1) == 0) --top;
  for (int bit = top - 1; bit >= 1; --bit) {
    MontgomeryInteger &squared = next();
    montgomery_square(modulus, *x, squared);
    x = &squared;
    if (operation.exponent >> bit & 1) {
      MontgomeryInteger &product = next();
      montgomery_multiply(modulus, *x, base_montgomery, product);
      x = &product;
    }
  }
  MontgomeryInteger &squared = next();
  montgomery_square(modulus, *x, squared);
  x = &squared;
  MontgomeryInteger &result = next();
  montgomery_multiply(modulus, *x, base, result);
  return montgomery_encode(modulus, result, out, operation.modulus_size);
}

}  // namespace edgejwt
