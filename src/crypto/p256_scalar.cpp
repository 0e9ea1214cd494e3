#include "p256_scalar.h"

#include "montgomery.h"

namespace edgejwt {
namespace {

using Words = P256ScalarWords;
constexpr size_t kBytes = 4 * kP256ScalarWords;

constexpr uint8_t kOrder[kBytes] = {0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF,
                                    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17,
                                    0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51};

constexpr Words words_of(const uint8_t *bytes) {
  Words out{};
  for (size_t i = 0; i < kP256ScalarWords; ++i) {
    const uint8_t *word = bytes + kBytes - 4 * (i + 1);
    out.word[i] = uint32_t{word[0]} << 24 | uint32_t{word[1]} << 16 | uint32_t{word[2]} << 8 | word[3];
  }
  return out;
}

void bytes_of(const Words &x, uint8_t *bytes) {
  for (size_t i = 0; i < kP256ScalarWords; ++i) {
    uint8_t *word = bytes + kBytes - 4 * (i + 1);
    word[0] = static_cast<uint8_t>(x.word[i] >> 24);
    word[1] = static_cast<uint8_t>(x.word[i] >> 16);
    word[2] = static_cast<uint8_t>(x.word[i] >> 8);
    word[3] = static_cast<uint8_t>(x.word[i]);
  }
}

constexpr Words kN = words_of(kOrder);

int compare(const Words &a, const Words &b) {
  for (size_t i = kP256ScalarWords; i-- > 0;) {
    if (a.word[i] != b.word[i]) return a.word[i] < b.word[i] ? -1 : 1;
  }
  return 0;
}

bool is_one(const Words &a) {
  for (size_t i = 1; i < kP256ScalarWords; ++i) {
    if (a.word[i] != 0) return false;
  }
  return a.word[0] == 1;
}

// a += b mod 2^256; the carry out.
uint32_t add(Words &a, const Words &b) {
  uint64_t carry = 0;
  for (size_t i = 0; i < kP256ScalarWords; ++i) {
    carry += uint64_t{a.word[i]} + b.word[i];
    a.word[i] = static_cast<uint32_t>(carry);
    carry >>= 32;
  }
  return static_cast<uint32_t>(carry);
}

// a −= b mod 2^256; the borrow out.
uint32_t subtract(Words &a, const Words &b) {
  uint64_t borrow = 0;
  for (size_t i = 0; i < kP256ScalarWords; ++i) {
    const uint64_t difference = uint64_t{a.word[i]} - b.word[i] - borrow;
    a.word[i] = static_cast<uint32_t>(difference);
    borrow = difference >> 63;
  }
  return static_cast<uint32_t>(borrow);
}

// a·2⁻¹ mod n for a below n: a/2, or (a + n)/2 with the addition's carry as the top bit.
void halve(Words &a) {
  const uint32_t top = (a.word[0] & 1) ? add(a, kN) : 0;
  for (size_t i = 0; i + 1 < kP256ScalarWords; ++i) a.word[i] = a.word[i] >> 1 | a.word[i + 1] << 31;
  a.word[kP256ScalarWords - 1] = a.word[kP256ScalarWords - 1] >> 1 | top << 31;
}

void shift_right(Words &a) {
  for (size_t i = 0; i + 1 < kP256ScalarWords; ++i) a.word[i] = a.word[i] >> 1 | a.word[i + 1] << 31;
  a.word[kP256ScalarWords - 1] >>= 1;
}

// a − b mod n for a and b below n.
void subtract_modulo(Words &a, const Words &b) {
  if (subtract(a, b)) add(a, kN);
}

// a⁻¹ mod n for a in [1, n − 1], by the binary extended Euclidean algorithm (Hankerson, Menezes and
// Vanstone, Guide to Elliptic Curve Cryptography, Algorithm 2.22): u ≡ a·x1 and v ≡ a·x2 (mod n)
// hold throughout, and gcd(a, n) = 1 as n is prime.
Words invert(const Words &a) {
  Words u = a, v = kN, x1{}, x2{};
  x1.word[0] = 1;
  while (!is_one(u) && !is_one(v)) {
    while ((u.word[0] & 1) == 0) {
      shift_right(u);
      halve(x1);
    }
    while ((v.word[0] & 1) == 0) {
      shift_right(v);
      halve(x2);
    }
    if (compare(u, v) >= 0) {
      subtract(u, v);
      subtract_modulo(x1, x2);
    } else {
      subtract(v, u);
      subtract_modulo(x2, x1);
    }
  }
  return is_one(u) ? x1 : x2;
}

const MontgomeryModulus &order_modulus() {
  static const MontgomeryModulus modulus = [] {
    MontgomeryModulus value;
    montgomery_init(ByteView(kOrder, kBytes), value);
    return value;
  }();
  return modulus;
}

// a·b mod n for a and b below n: two Montgomery products, the second by R² to undo the first's R⁻¹.
Words multiply(const Words &a, const Words &b) {
  const MontgomeryModulus &modulus = order_modulus();
  uint8_t bytes[kBytes];
  MontgomeryInteger x, y, product, result;
  bytes_of(a, bytes);
  montgomery_decode(modulus, ByteView(bytes, kBytes), x);
  bytes_of(b, bytes);
  montgomery_decode(modulus, ByteView(bytes, kBytes), y);
  montgomery_multiply(modulus, x, y, product);
  montgomery_multiply(modulus, product, modulus.r_squared, result);
  montgomery_encode(modulus, result, bytes, kBytes);
  return words_of(bytes);
}

}  // namespace

const uint8_t *p256_scalar_order() { return kOrder; }

bool p256_scalar_in_range(const uint8_t *value) {
  const Words x = words_of(value);
  bool zero = true;
  for (uint32_t word : x.word) zero = zero && word == 0;
  return !zero && compare(x, kN) < 0;
}

void p256_scalar_verify_products(const uint8_t *z, const uint8_t *r, const uint8_t *s, P256ScalarWords &u1,
                                 P256ScalarWords &u2) {
  Words e = words_of(z);
  if (compare(e, kN) >= 0) subtract(e, kN);  // z < 2^256 < 2n
  const Words w = invert(words_of(s));
  u1 = multiply(e, w);
  u2 = multiply(words_of(r), w);
}

}  // namespace edgejwt
