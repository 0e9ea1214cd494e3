#include "montgomery.h"

#include <cstring>

#include "lanes.h"

namespace edgejwt {
namespace {

constexpr uint32_t kLimbMask = (uint32_t{1} << kMontgomeryLimbBits) - 1;

uint32_t *limbs_of(MontgomeryInteger &x) { return x.forward + kMontgomeryMargin; }
const uint32_t *limbs_of(const MontgomeryInteger &x) { return x.forward + kMontgomeryMargin; }

void clear(MontgomeryInteger &x) {
  std::memset(x.forward, 0, sizeof x.forward);
  std::memset(x.backward, 0, sizeof x.backward);
}

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

// The big-endian bytes into the forward limbs of `out` (cleared first); false when the value needs
// more than `limbs` limbs.
bool read_limbs(ByteView bytes, size_t limbs, MontgomeryInteger &out) {
  if (bit_length(bytes) > limbs * kMontgomeryLimbBits) return false;
  while (bytes.size > 0 && bytes.data[0] == 0) bytes = ByteView(bytes.data + 1, bytes.size - 1);
  clear(out);
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

// Σ a_i·b_j over i + j = k, for i from `start` (aligned, a multiple of 4) to `high`; squaring (b = a)
// sums each pair i < j once and doubles it, then adds the square a_(k/2)² when k is even.
template <bool kSquare>
uint64_t column_product(const uint32_t *a_forward, const uint32_t *b_backward, size_t k, size_t start, size_t chunks,
                        size_t offset) {
  if (!kSquare) return lanes::dot(a_forward + start, b_backward + offset + start, chunks);
  const size_t half = (k + 1) / 2;  // i < j exactly when i < half
  uint64_t sum = half > start ? lanes::dot_first(a_forward + start, b_backward + offset + start, half - start) : 0;
  sum <<= 1;
  if (k % 2 == 0) sum += uint64_t{a_forward[k / 2]} * a_forward[k / 2];
  return sum;
}

// The Montgomery product by product scanning: column k of a·b + m·n, where m's limb k is chosen
// (for k below the limb count) so that the column's low 28 bits vanish; the upper columns are the
// result. Each column's two sums stay below 2^64 (at most 148 products of 56 bits each, or, when
// squaring, 74 doubled), and are added to the carry 28 bits at a time, so that no sum of three
// overflows either.
//
// m_k depends on column k, which depends on m_(k−1): that chain is the multiplication's latency.
// So the three newest limbs of m stay in registers and are added as scalars, and each is stored
// for the vector sums only three columns later, when nothing waits for it any more.
template <bool kSquare>
void product(const MontgomeryModulus &modulus, const MontgomeryInteger &a, const MontgomeryInteger &b,
             MontgomeryInteger &out) {
  const size_t limbs = modulus.limbs;
  alignas(16) uint32_t m_frame[kMontgomeryFrame];
  std::memset(m_frame, 0, (limbs + 2 * kMontgomeryMargin + 3) / 4 * 4 * sizeof(uint32_t));
  uint32_t *m = m_frame + kMontgomeryMargin;
  const uint32_t *a_forward = limbs_of(a);
  // b_j is b_backward[limbs − 1 − j]: for the column k = i + j, b_backward[(limbs − 1 − k) + i].
  const uint32_t *b_backward = b.backward + kMontgomeryMargin;
  const uint32_t *n_backward = modulus.n.backward + kMontgomeryMargin;
  const uint32_t *n_forward = limbs_of(modulus.n);  // limbs past the top are zero
  const uint64_t n0 = n_forward[0], n1 = n_forward[1], n2 = n_forward[2], n3 = n_forward[3];
  uint32_t *result = limbs_of(out);
  uint64_t carry = 0;
  uint64_t m1 = 0, m2 = 0, m3 = 0;  // m_(k−1), m_(k−2), m_(k−3)
  for (size_t k = 0; k < limbs; ++k) {
    const size_t chunks = k / 4 + 1;  // i runs over [0, k]
    const size_t offset = limbs - 1 - k;
    const uint64_t ab = column_product<kSquare>(a_forward, b_backward, k, 0, chunks, offset);
    // The stored limbs of m end at k − 4: the words after them are still zero.
    const uint64_t mn = lanes::dot(m, n_backward + offset, chunks) + m3 * n3 + m2 * n2 + m1 * n1;
    uint64_t column = (ab & kLimbMask) + (mn & kLimbMask) + (carry & kLimbMask);
    const uint64_t upper = (ab >> kMontgomeryLimbBits) + (mn >> kMontgomeryLimbBits) + (carry >> kMontgomeryLimbBits);
    const uint32_t mk = (static_cast<uint32_t>(column) * modulus.n0_inverse) & kLimbMask;
    column += mk * n0;  // now a multiple of 2^28
    carry = upper + (column >> kMontgomeryLimbBits);
    if (k >= 3) m[k - 3] = static_cast<uint32_t>(m3);
    m3 = m2;
    m2 = m1;
    m1 = mk;
  }
  for (size_t i = 1; i <= 3 && i <= limbs; ++i) {
    m[limbs - i] = static_cast<uint32_t>(i == 1 ? m1 : i == 2 ? m2 : m3);
  }
  for (size_t k = limbs; k + 1 < 2 * limbs; ++k) {
    const size_t low = k - limbs + 1;  // i runs over [low, limbs − 1]
    const size_t start = low & ~size_t{3};  // chunks start aligned; words before `low` meet zeros
    const size_t chunks = (limbs - 1 - start) / 4 + 1;
    const size_t offset = limbs - 1 - k;  // wraps below zero: (offset + i) is what is used
    const uint64_t ab = column_product<kSquare>(a_forward, b_backward, k, start, chunks, offset);
    const uint64_t mn = lanes::dot(m + start, n_backward + offset + start, chunks);
    const uint64_t column = (ab & kLimbMask) + (mn & kLimbMask) + (carry & kLimbMask);
    const uint64_t upper = (ab >> kMontgomeryLimbBits) + (mn >> kMontgomeryLimbBits) + (carry >> kMontgomeryLimbBits);
    result[k - limbs] = static_cast<uint32_t>(column) & kLimbMask;
    carry = upper + (column >> kMontgomeryLimbBits);
  }
  // The result is below 2n < R/2, so the last carry is its top limb, below 2^28.
  result[limbs - 1] = static_cast<uint32_t>(carry);
  mirror(out, limbs);
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
  clear(x);
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

void montgomery_multiply(const MontgomeryModulus &modulus, const MontgomeryInteger &a, const MontgomeryInteger &b,
                         MontgomeryInteger &out) {
  product<false>(modulus, a, b, out);
}

void montgomery_square(const MontgomeryModulus &modulus, const MontgomeryInteger &a, MontgomeryInteger &out) {
  product<true>(modulus, a, a, out);
}

}  // namespace edgejwt
