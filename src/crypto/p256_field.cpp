#include "p256_field.h"

namespace edgejwt {
namespace {

using Element = P256FieldElement;
constexpr size_t kLimbs = kP256FieldLimbs;
constexpr unsigned kLimbBits = 29;
constexpr int64_t kLimbMask = (int64_t{1} << kLimbBits) - 1;

// SEC 2 §2.4.2, big-endian.
constexpr uint8_t kPrime[kP256Bytes] = {0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
                                        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF,
                                        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
constexpr uint8_t kB[kP256Bytes] = {0x5A, 0xC6, 0x35, 0xD8, 0xAA, 0x3A, 0x93, 0xE7, 0xB3, 0xEB, 0xBD,
                                    0x55, 0x76, 0x98, 0x86, 0xBC, 0x65, 0x1D, 0x06, 0xB0, 0xCC, 0x53,
                                    0xB0, 0xF6, 0x3B, 0xCE, 0x3C, 0x3E, 0x27, 0xD2, 0x60, 0x4B};

// 32 big-endian bytes as 29-bit limbs (plain, not in Montgomery form).
constexpr Element limbs_of(const uint8_t *bytes) {
  Element out{};
  for (size_t bit = 0; bit < 8 * kP256Bytes; ++bit) {
    const unsigned value = bytes[kP256Bytes - 1 - bit / 8] >> (bit % 8) & 1;
    out.limb[bit / kLimbBits] |= static_cast<uint32_t>(value) << (bit % kLimbBits);
  }
  return out;
}

constexpr Element kP = limbs_of(kPrime);

// 4p, with limbs in [0, 2^29): what subtraction adds so that a − b stays positive for b < 2^257.
constexpr Element four_p() {
  Element out{};
  uint64_t carry = 0;
  for (size_t i = 0; i < kLimbs; ++i) {
    const uint64_t value = 4 * uint64_t{kP.limb[i]} + carry;
    out.limb[i] = static_cast<uint32_t>(value & kLimbMask);
    carry = value >> kLimbBits;
  }
  return out;
}
constexpr Element kFourP = four_p();

// Signed limbs (any sign, value in [0, 2^261)) into limbs in [0, 2^29) with the value below
// 2^256 + 2^229, congruent mod p: carries are propagated, then the bits from 256 up (h, below
// 2^5) are folded back in as h·(2^224 − 2^192 − 2^96 + 1) ≡ h·2^256, and carried again. The
// folded value is positive, as h·2^224 outweighs h·(2^192 + 2^96).
void fold(int64_t *c, Element &out) {
  for (size_t i = 0; i + 1 < kLimbs; ++i) {
    c[i + 1] += c[i] >> kLimbBits;
    c[i] &= kLimbMask;
  }
  const int64_t h = c[8] >> 24;  // limb 8 starts at bit 232
  c[8] &= (int64_t{1} << 24) - 1;
  c[0] += h;
  c[3] -= h << 9;   // 2^96 = limb 3, bit 9
  c[6] -= h << 18;  // 2^192 = limb 6, bit 18
  c[7] += h << 21;  // 2^224 = limb 7, bit 21
  for (size_t i = 0; i + 1 < kLimbs; ++i) {
    c[i + 1] += c[i] >> kLimbBits;
    c[i] &= kLimbMask;
  }
  for (size_t i = 0; i < kLimbs; ++i) out.limb[i] = static_cast<uint32_t>(c[i]);
}

// Montgomery reduction of the 17 product columns c[0..16] (c[17] = 0), each below 2^62: out =
// c·2^−261 mod p. Step i adds m·p·2^(29i) with m = c[i] mod 2^29, which clears limb i (p ≡ −1 mod
// 2^29): the −m cancels c[i]'s low bits, leaving a carry, and m·2^256, −m·2^224, m·2^192, m·2^96
// land at limbs i+8, i+7, i+6, i+3 shifted by 24, 21, 18 and 9 bits. The columns stay within
// (−2^51, 2^63). For inputs below 2^257, the result (a·b + m·p)/R is below 2^253 + p < 2^257.
void reduce(int64_t *c, Element &out) {
  for (size_t i = 0; i < kLimbs; ++i) {
    const int64_t m = c[i] & kLimbMask;
    c[i + 1] += c[i] >> kLimbBits;
    c[i + 3] += m << 9;
    c[i + 6] += m << 18;
    c[i + 7] -= m << 21;
    c[i + 8] += m << 24;
  }
  for (size_t i = kLimbs; i < 2 * kLimbs - 1; ++i) {
    c[i + 1] += c[i] >> kLimbBits;
    c[i] &= kLimbMask;
  }
  for (size_t i = 0; i < kLimbs; ++i) out.limb[i] = static_cast<uint32_t>(c[kLimbs + i]);
}

bool less_than_p(const Element &a) {
  for (size_t i = kLimbs; i-- > 0;) {
    if (a.limb[i] != kP.limb[i]) return a.limb[i] < kP.limb[i];
  }
  return false;
}

// a −= p for a ≥ p.
void subtract_p(Element &a) {
  int64_t borrow = 0;
  for (size_t i = 0; i < kLimbs; ++i) {
    const int64_t difference = int64_t{a.limb[i]} - kP.limb[i] + borrow;
    a.limb[i] = static_cast<uint32_t>(difference & kLimbMask);
    borrow = difference >> kLimbBits;
  }
}

// What the Montgomery form needs, derived from p and b once.
struct Constants {
  Element r_squared;  // R² mod p
  Element one;        // R mod p
  Element b;          // b·R mod p
};

// 2^k mod p by k doublings of 1 (weakly reduced).
Element power_of_two(unsigned k) {
  Element x{};
  x.limb[0] = 1;
  for (unsigned i = 0; i < k; ++i) p256_field_add(x, x, x);
  return x;
}

const Constants &constants() {
  static const Constants values = [] {
    Constants c;
    c.r_squared = power_of_two(2 * kLimbs * kLimbBits);
    c.one = power_of_two(kLimbs * kLimbBits);
    p256_field_multiply(c.b, limbs_of(kB), c.r_squared);
    return c;
  }();
  return values;
}

}  // namespace

bool p256_field_decode(const uint8_t *bytes, P256FieldElement &out) {
  const Element plain = limbs_of(bytes);
  if (!less_than_p(plain)) return false;
  p256_field_multiply(out, plain, constants().r_squared);
  return true;
}

void p256_field_encode(const P256FieldElement &x, uint8_t *bytes) {
  Element one{};
  one.limb[0] = 1;
  Element plain;
  p256_field_multiply(plain, x, one);
  plain = p256_field_canonical(plain);
  for (size_t i = 0; i < kP256Bytes; ++i) bytes[i] = 0;
  for (size_t bit = 0; bit < 8 * kP256Bytes; ++bit) {
    const unsigned value = plain.limb[bit / kLimbBits] >> (bit % kLimbBits) & 1;
    bytes[kP256Bytes - 1 - bit / 8] |= static_cast<uint8_t>(value << (bit % 8));
  }
}

const P256FieldElement &p256_field_one() { return constants().one; }
const P256FieldElement &p256_field_b() { return constants().b; }

// Columns below 9 · 2^58 < 2^61.2.
void p256_field_multiply(P256FieldElement &out, const P256FieldElement &a, const P256FieldElement &b) {
  int64_t c[2 * kLimbs] = {};
  for (size_t i = 0; i < kLimbs; ++i) {
    const uint64_t ai = a.limb[i];
    for (size_t j = 0; j < kLimbs; ++j) c[i + j] += static_cast<int64_t>(ai * b.limb[j]);
  }
  reduce(c, out);
}

// The cross products once, against doubled limbs (below 2^30): columns below 5 · 2^59.
void p256_field_square(P256FieldElement &out, const P256FieldElement &a) {
  int64_t c[2 * kLimbs] = {};
  for (size_t i = 0; i < kLimbs; ++i) {
    const uint64_t ai = a.limb[i];
    c[2 * i] += static_cast<int64_t>(ai * ai);
    const uint64_t doubled = 2 * ai;
    for (size_t j = i + 1; j < kLimbs; ++j) c[i + j] += static_cast<int64_t>(doubled * a.limb[j]);
  }
  reduce(c, out);
}

void p256_field_add(P256FieldElement &out, const P256FieldElement &a, const P256FieldElement &b) {
  int64_t c[kLimbs];
  for (size_t i = 0; i < kLimbs; ++i) c[i] = int64_t{a.limb[i]} + b.limb[i];
  fold(c, out);
}

// a + 4p − b: positive, as b < 2^257 < 4p, and below 2^259.
void p256_field_subtract(P256FieldElement &out, const P256FieldElement &a, const P256FieldElement &b) {
  int64_t c[kLimbs];
  for (size_t i = 0; i < kLimbs; ++i) c[i] = int64_t{a.limb[i]} + kFourP.limb[i] - b.limb[i];
  fold(c, out);
}

// Below 8 · 2^257 = 2^260.
void p256_field_multiply_small(P256FieldElement &out, const P256FieldElement &a, uint32_t k) {
  int64_t c[kLimbs];
  for (size_t i = 0; i < kLimbs; ++i) c[i] = int64_t{a.limb[i]} * k;
  fold(c, out);
}

// Fermat: a^(p−2), square and multiply over p − 2's bits. Used only when tables are made.
void p256_field_invert(P256FieldElement &out, const P256FieldElement &a) {
  uint8_t exponent[kP256Bytes];
  for (size_t i = 0; i < kP256Bytes; ++i) exponent[i] = kPrime[i];
  exponent[kP256Bytes - 1] -= 2;  // p ends in 0xFF
  Element x = constants().one;
  for (size_t bit = 8 * kP256Bytes; bit-- > 0;) {
    p256_field_square(x, x);
    if (exponent[kP256Bytes - 1 - bit / 8] >> (bit % 8) & 1) p256_field_multiply(x, x, a);
  }
  out = x;
}

// Values below 2^257 < 3p: at most two subtractions.
P256FieldElement p256_field_canonical(const P256FieldElement &a) {
  Element x = a;
  while (!less_than_p(x)) subtract_p(x);
  return x;
}

bool p256_field_is_zero(const P256FieldElement &a) {
  const Element x = p256_field_canonical(a);
  for (uint32_t limb : x.limb) {
    if (limb != 0) return false;
  }
  return true;
}

bool p256_field_equal(const P256FieldElement &a, const P256FieldElement &b) {
  const Element x = p256_field_canonical(a), y = p256_field_canonical(b);
  for (size_t i = 0; i < kLimbs; ++i) {
    if (x.limb[i] != y.limb[i]) return false;
  }
  return true;
}

}  // namespace edgejwt
