#include "p256_comb.h"

#include <memory>

namespace edgejwt {
namespace {

constexpr size_t kEntries = (1u << kP256CombTeeth) - 1;

// SEC 2 §2.4.2: G in uncompressed form.
constexpr uint8_t kGenerator[1 + 2 * kP256Bytes] = {
    0x04, 0x6B, 0x17, 0xD1, 0xF2, 0xE1, 0x2C, 0x42, 0x47, 0xF8, 0xBC, 0xE6, 0xE5, 0x63, 0xA4, 0x40, 0xF2,
    0x77, 0x03, 0x7D, 0x81, 0x2D, 0xEB, 0x33, 0xA0, 0xF4, 0xA1, 0x39, 0x45, 0xD8, 0x98, 0xC2, 0x96,
    0x4F, 0xE3, 0x42, 0xE2, 0xFE, 0x1A, 0x7F, 0x9B, 0x8E, 0xE7, 0xEB, 0x4A, 0x7C, 0x0F, 0x9E, 0x16,
    0x2B, 0xCE, 0x33, 0x57, 0x6B, 0x31, 0x5E, 0xCE, 0xCB, 0xB6, 0x40, 0x68, 0x37, 0xBF, 0x51, 0xF5};

// Bit i of each word, word k giving bit k of the index.
unsigned comb_index(const P256ScalarWords &u, unsigned i) {
  unsigned index = 0;
  for (size_t k = 0; k < kP256CombTeeth; ++k) index |= (u.word[k] >> i & 1) << k;
  return index;
}

}  // namespace

// entry[2^k − 1] = 2^(32k)·P by doubling; every other j adds its highest power of two's entry
// (affine) to j's remaining bits' entry (still Jacobian). No entry is infinity, and no sum meets
// an exceptional case: each is Σ 2^(32k)·P over a nonempty set of k, a nonzero multiple of P
// below 2^225 < the group order.
void p256_comb_init(const P256Affine &point, P256Comb &comb) {
  const auto jacobian = std::make_unique<P256Jacobian[]>(kEntries);
  P256Jacobian powers[kP256CombTeeth];
  powers[0] = p256_point_from_affine(point);
  for (size_t k = 1; k < kP256CombTeeth; ++k) {
    powers[k] = powers[k - 1];
    for (size_t i = 0; i < kP256CombSpacing; ++i) p256_point_double(powers[k]);
  }
  P256Affine powers_affine[kP256CombTeeth];
  p256_point_normalize(powers, kP256CombTeeth, powers_affine);
  for (unsigned j = 1; j <= kEntries; ++j) {
    const unsigned high = 31 - __builtin_clz(j);
    if (j == (1u << high)) {
      jacobian[j - 1] = powers[high];
    } else {
      jacobian[j - 1] = jacobian[(j & ~(1u << high)) - 1];
      p256_point_add_affine(jacobian[j - 1], powers_affine[high]);
    }
  }
  p256_point_normalize(jacobian.get(), kEntries, comb.entry);
}

const P256Comb &p256_comb_generator() {
  static const std::unique_ptr<const P256Comb> table = [] {
    P256Affine g;
    p256_point_decode(kGenerator, sizeof kGenerator, g);
    auto comb = std::make_unique<P256Comb>();
    p256_comb_init(g, *comb);
    return comb;
  }();
  return *table;
}

P256Jacobian p256_comb_multiply_add(const P256Comb &a, const P256ScalarWords &u1, const P256Comb &b,
                                    const P256ScalarWords &u2) {
  P256Jacobian sum;
  for (unsigned i = kP256CombSpacing; i-- > 0;) {
    p256_point_double(sum);
    if (const unsigned index = comb_index(u1, i)) p256_point_add_affine(sum, a.entry[index - 1]);
    if (const unsigned index = comb_index(u2, i)) p256_point_add_affine(sum, b.entry[index - 1]);
  }
  return sum;
}

}  // namespace edgejwt
