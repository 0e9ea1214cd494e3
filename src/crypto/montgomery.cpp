// Montgomery set-up, decoding and encoding (montgomery.h); the product is montgomery_product.cpp.
#include "montgomery.h"

#include <cstring>

namespace edgejwt {
namespace {

constexpr uint32_t kLimbMask = (uint32_t{1} << kMontgomeryLimbBits) - 1;

uint32_t *limbs_of(MontgomeryInteger &x) { return x.forward + kMontgomeryMargin; }
const uint32_t *limbs_of(const MontgomeryInteger &x) { return x.forward + kMontgomeryMargin; }

void zero_limbs(MontgomeryInteger &x, size_t limbs) { std::memset(limbs_of(x), 0, limbs * sizeof(uint32_t)); }

// Writes the reversed copy from the forward limbs, and zeros where a chunk may read past the
// limbs (an integer may be a fresh, uninitialised one).
void mirror(MontgomeryInteger &x, size_t limbs) {
  uint32_t *forward = limbs_of(x);
  uint32_t *backward = x.backward + kMontgomeryMargin;
  for (size_t i = 0; i < limbs; ++i) backward[limbs - 1 - i] = forward[i];
  for (size_t i = 0; i < kMontgomeryMargin; ++i) {
    forward[limbs + i] = 0;
    backward[limbs + i] = 0;
    x.backward[i] = 0;
  }
}

// −1, 0 or 1 as a compares with b, over `limbs` limbs.
int compare(const uint32_t *a, const uint32_t *b, size_t limbs) {
  for (size_t i = limbs; i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

// a −= b, when a ≥ b.
void subtract(uint32_t *a, const uint32_t *b, size_t limbs) {
  uint32_t borrow = 0;
  for (size_t i = 0; i < limbs; ++i) {
    const uint32_t difference = a[i] - b[i] - borrow;
    borrow = difference >> 31;  // limbs are below 2^28, so a negative difference sets the top bit
    a[i] = difference & kLimbMask;
  }
}

// x below 2n (as every product is) reduced below n, in place (forward limbs only).
void reduce_once(const MontgomeryModulus &modulus, uint32_t *x) {
  if (compare(x, limbs_of(modulus.n), modulus.limbs) >= 0) subtract(x, limbs_of(modulus.n), modulus.limbs);
}

// x = 2x mod n for x below n.
void double_modulo(const MontgomeryModulus &modulus, MontgomeryInteger &x) {
  uint32_t *limbs = limbs_of(x);
  uint32_t carry = 0;
  for (size_t i = 0; i < modulus.limbs; ++i) {
    const uint32_t doubled = limbs[i] << 1 | carry;
    carry = doubled >> kMontgomeryLimbBits;
    limbs[i] = doubled & kLimbMask;
  }
  // 2x < 2n < R, so nothing carries out of the top limb.
  reduce_once(modulus, limbs);
  mirror(x, modulus.limbs);
}

size_t bit_length(ByteView bytes) {
  size_t first = 0;
  while (first < bytes.size && bytes.data[first] == 0) ++first;
  if (first == bytes.size) return 0;
  size_t bits = (bytes.size - first) * 8;
  for (unsigned top = bytes.data[first]; (top & 0x80) == 0; top <<= 1) --bits;
  return bits;
}

// The big-endian bytes into the forward limbs of `out` (the rest for mirror() to write); false when
// the value needs more than `limbs` limbs.
bool read_limbs(ByteView bytes, size_t limbs, MontgomeryInteger &out) {
  if (bit_length(bytes) > limbs * kMontgomeryLimbBits) return false;
  while (bytes.size > 0 && bytes.data[0] == 0) bytes = ByteView(bytes.data + 1, bytes.size - 1);
  zero_limbs(out, limbs);
  uint32_t *words = limbs_of(out);
  uint64_t buffer = 0;
  unsigned buffered = 0;
  size_t limb = 0;
  for (size_t i = bytes.size; i-- > 0;) {
    buffer |= uint64_t{bytes.data[i]} << buffered;
    buffered += 8;
    if (buffered >= kMontgomeryLimbBits) {
      words[limb++] = static_cast<uint32_t>(buffer) & kLimbMask;
      buffer >>= kMontgomeryLimbBits;
      buffered -= kMontgomeryLimbBits;
    }
  }
  if (buffer != 0) words[limb] = static_cast<uint32_t>(buffer);
  return true;
}

}  // namespace

bool montgomery_init(ByteView n, MontgomeryModulus &modulus) {
  const size_t bits = bit_length(n);
  if (bits < 2 || bits > kMontgomeryMaxModulusBits || (n.data[n.size - 1] & 1) == 0) return false;
  // R > 4n: two bits to spare above n's.
  const size_t limbs = (bits + 2 + kMontgomeryLimbBits - 1) / kMontgomeryLimbBits;
  modulus.limbs = limbs;
  if (!read_limbs(n, limbs, modulus.n)) return false;
  mirror(modulus.n, limbs);

  // n⁻¹ mod 2^32 by Newton's iteration (x·n0 ≡ 1 mod 8 holds for x = n0; each step doubles the
  // correct bits: 3, 6, 12, 24, 48).
  const uint32_t n0 = limbs_of(modulus.n)[0];
  uint32_t inverse = n0;
  for (int i = 0; i < 4; ++i) inverse *= 2 - n0 * inverse;
  modulus.n0_inverse = (0 - inverse) & kLimbMask;

  // R mod n, from 2^(bits − 1) (below n, as n is odd) doubled up to 2^(28·limbs).
  MontgomeryInteger &x = modulus.r_squared;
  zero_limbs(x, limbs);
  limbs_of(x)[(bits - 1) / kMontgomeryLimbBits] = uint32_t{1} << ((bits - 1) % kMontgomeryLimbBits);
  mirror(x, limbs);
  for (size_t exponent = bits - 1; exponent < limbs * kMontgomeryLimbBits; ++exponent) double_modulo(modulus, x);
  // x = 2^e·R mod n for e = 0 so far: R² mod n is e = 28·limbs. Squaring doubles e, doubling adds
  // one, so e follows 28·limbs's bits from the top.
  const size_t target = limbs * kMontgomeryLimbBits;
  int top = 0;
  while ((target >> (top + 1)) != 0) ++top;
  double_modulo(modulus, x);  // e = 1, the top bit
  MontgomeryInteger squared;
  for (int bit = top - 1; bit >= 0; --bit) {
    montgomery_square(modulus, x, squared);
    x = squared;
    reduce_once(modulus, limbs_of(x));
    mirror(x, limbs);
    if ((target >> bit) & 1) double_modulo(modulus, x);
  }
  return true;
}

bool montgomery_decode(const MontgomeryModulus &modulus, ByteView bytes, MontgomeryInteger &out) {
  if (!read_limbs(bytes, modulus.limbs, out)) return false;
  if (compare(limbs_of(out), limbs_of(modulus.n), modulus.limbs) >= 0) return false;
  mirror(out, modulus.limbs);
  return true;
}

bool montgomery_encode(const MontgomeryModulus &modulus, const MontgomeryInteger &x, uint8_t *out, size_t size) {
  uint32_t limbs[kMontgomeryMaxLimbs];
  std::memcpy(limbs, limbs_of(x), modulus.limbs * sizeof(uint32_t));
  reduce_once(modulus, limbs);
  uint64_t buffer = 0;
  unsigned buffered = 0;
  size_t limb = 0;
  for (size_t i = size; i-- > 0;) {
    if (buffered < 8 && limb < modulus.limbs) {
      buffer |= uint64_t{limbs[limb++]} << buffered;
      buffered += kMontgomeryLimbBits;
    }
    out[i] = static_cast<uint8_t>(buffer);
    buffer >>= 8;
    buffered = buffered >= 8 ? buffered - 8 : 0;
  }
  while (limb < modulus.limbs) buffer |= limbs[limb++];
  return buffer == 0;
}

}  // namespace edgejwt
