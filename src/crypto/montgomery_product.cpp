// The Montgomery product itself, where RSA verification spends its time (montgomery.h).
#include <cstddef>
#include <cstring>

#include "lanes.h"
#include "montgomery.h"

namespace edgejwt {
namespace {

constexpr uint32_t kLimbMask = (uint32_t{1} << kMontgomeryLimbBits) - 1;

// Σ a_i·b_j over i + j = k, for i from `start` (a multiple of 4) over `chunks` chunks; `b_column`
// is b_(k − start) in b's backward order, so that it advances with a. Squaring (b = a) sums each
// pair i < j once and doubles it, then adds the square a_(k/2)² when k is even.
template <bool kSquare>
uint64_t column_product(const uint32_t *a_forward, const uint32_t *b_column, size_t k, size_t start, size_t chunks) {
  if (!kSquare) return lanes::dot(a_forward + start, b_column, chunks);
  const size_t half = (k + 1) / 2;  // i < j exactly when i < half
  uint64_t sum = half > start ? lanes::dot_first(a_forward + start, b_column, half - start) : 0;
  sum <<= 1;
  if (k % 2 == 0) sum += uint64_t{a_forward[k / 2]} * a_forward[k / 2];
  return sum;
}

// Where column k's chunks start in a backward operand (b_(k − start)): up to 3 words before its
// first limb, in the zeros that frame it.
ptrdiff_t column_offset(size_t limbs, size_t k, size_t start) {
  return static_cast<ptrdiff_t>(limbs + start) - 1 - static_cast<ptrdiff_t>(k);
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
  const uint32_t *a_forward = a.forward + kMontgomeryMargin;
  // b_j is b_backward[limbs − 1 − j]: for the column k = i + j, b_backward[(limbs − 1 − k) + i].
  const uint32_t *b_backward = b.backward + kMontgomeryMargin;
  const uint32_t *n_backward = modulus.n.backward + kMontgomeryMargin;
  const uint32_t *n_forward = modulus.n.forward + kMontgomeryMargin;  // limbs past the top are zero
  const uint64_t n0 = n_forward[0], n1 = n_forward[1], n2 = n_forward[2], n3 = n_forward[3];
  uint32_t *result = out.forward + kMontgomeryMargin;  // written in both orders, framed in zeros
  uint32_t *result_backward = out.backward + kMontgomeryMargin;
  uint64_t carry = 0;
  uint64_t m1 = 0, m2 = 0, m3 = 0;  // m_(k−1), m_(k−2), m_(k−3)
  for (size_t k = 0; k < limbs; ++k) {
    const size_t chunks = k / 4 + 1;  // i runs over [0, k]
    const ptrdiff_t offset = column_offset(limbs, k, 0);
    const uint64_t ab = column_product<kSquare>(a_forward, b_backward + offset, k, 0, chunks);
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
    const ptrdiff_t offset = column_offset(limbs, k, start);
    const uint64_t ab = column_product<kSquare>(a_forward, b_backward + offset, k, start, chunks);
    const uint64_t mn = lanes::dot(m + start, n_backward + offset, chunks);
    const uint64_t column = (ab & kLimbMask) + (mn & kLimbMask) + (carry & kLimbMask);
    const uint64_t upper = (ab >> kMontgomeryLimbBits) + (mn >> kMontgomeryLimbBits) + (carry >> kMontgomeryLimbBits);
    result[k - limbs] = static_cast<uint32_t>(column) & kLimbMask;
    result_backward[2 * limbs - 1 - k] = result[k - limbs];
    carry = upper + (column >> kMontgomeryLimbBits);
  }
  // The result is below 2n < R/2, so the last carry is its top limb, below 2^28.
  result[limbs - 1] = static_cast<uint32_t>(carry);
  result_backward[0] = static_cast<uint32_t>(carry);
  for (size_t i = 0; i < kMontgomeryMargin; ++i) {
    result[limbs + i] = 0;
    result_backward[limbs + i] = 0;
    out.backward[i] = 0;
  }
}

}  // namespace

void montgomery_multiply(const MontgomeryModulus &modulus, const MontgomeryInteger &a, const MontgomeryInteger &b,
                         MontgomeryInteger &out) {
  product<false>(modulus, a, b, out);
}

void montgomery_square(const MontgomeryModulus &modulus, const MontgomeryInteger &a, MontgomeryInteger &out) {
  product<true>(modulus, a, a, out);
}

}  // namespace edgejwt
