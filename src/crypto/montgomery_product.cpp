// The Montgomery product itself, where RSA verification spends its time (montgomery.h).
#include <cstring>

#include "lanes.h"
#include "montgomery.h"

namespace edgejwt {
namespace {

constexpr uint32_t kLimbMask = (uint32_t{1} << kMontgomeryLimbBits) - 1;

// Below this many limbs (moduli up to 3554 bits: RSA 2048 and 3072), a column's a·b and m·n sums,
// the few scalar products and the carry add up below 254·2^56 + 2^40 < 2^64: they share lanes and
// are added once. From it (RSA 4096) each sum alone stays below 2^64, and they are added to the carry
// 28 bits at a time.
constexpr size_t kNarrowLimbs = 128;

// Σ a_i·b_j over i + j = k, for i from `start` over `chunks` chunks of 4, in two lanes; `b_column` is
// b_(k − start) in b's backward order, so that it advances with a. Squaring (b = a) sums each pair
// i < j once and doubles it; the square a_(k/2)² (k even) goes to `square`.
template <bool kSquare>
lanes::U64x2 column_product(const uint32_t *a_forward, const uint32_t *b_column, size_t k, size_t start,
                            size_t chunks, uint64_t &square) {
  if (!kSquare) return lanes::dot(a_forward + start, b_column, chunks);
  const size_t half = (k + 1) / 2;  // i < j exactly when i < half
  square = k % 2 == 0 ? uint64_t{a_forward[k / 2]} * a_forward[k / 2] : 0;
  if (half <= start) return lanes::zero();
  return lanes::twice(lanes::dot_first(a_forward + start, b_column, half - start));
}

// A column's value as low + upper·2^28, from its a·b lanes, m·n lanes, scalar products and carry.
struct Column {
  uint64_t low, upper;
};

Column column_value(bool narrow, lanes::U64x2 ab, lanes::U64x2 mn, uint64_t scalars, uint64_t carry) {
  if (narrow) return {lanes::sum(lanes::add(ab, mn)) + scalars + carry, 0};
  const uint64_t ab_sum = lanes::sum(ab), mn_sum = lanes::sum(mn) + scalars;
  return {(ab_sum & kLimbMask) + (mn_sum & kLimbMask) + (carry & kLimbMask),
          (ab_sum >> kMontgomeryLimbBits) + (mn_sum >> kMontgomeryLimbBits) + (carry >> kMontgomeryLimbBits)};
}

// The Montgomery product by product scanning: column k of a·b + m·n, where m's limb k is chosen
// (for k below the limb count) so that the column's low 28 bits vanish; the upper columns are the
// result. Every lane and sum stays below 2^64: at most 147 products of 56 bits each per sum, or,
// when squaring, 74 doubled (column_value says how they are added).
//
// m_k depends on column k, which depends on m_(k−1): that chain is the multiplication's latency.
// So the three newest limbs of m stay in registers and are added as scalars, and each is stored
// for the vector sums only three columns later, when nothing waits for it any more.
template <bool kSquare>
void product(const MontgomeryModulus &modulus, const MontgomeryInteger &a, const MontgomeryInteger &b,
             MontgomeryInteger &out) {
  const size_t limbs = modulus.limbs;
  const bool narrow = limbs < kNarrowLimbs;
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
  uint64_t carry = 0, square = 0;
  uint64_t m1 = 0, m2 = 0, m3 = 0;  // m_(k−1), m_(k−2), m_(k−3)
  // Columns 0 to limbs − 1: i runs over [0, k]; b_(k − i) is b_backward[limbs − 1 − k + i], and its
  // last chunk reads up to 3 words past b's top limb, in the zeros that frame it.
  for (size_t k = 0; k < limbs; ++k) {
    const uint32_t *b_column = b_backward + (limbs - 1 - k), *n_column = n_backward + (limbs - 1 - k);
    const lanes::U64x2 ab = column_product<kSquare>(a_forward, b_column, k, 0, k / 4 + 1, square);
    // The stored limbs of m end at k − 4 (the words after them are still zero): k − 3 of them.
    const lanes::U64x2 mn = lanes::dot(m, n_column, k / 4);
    Column column = column_value(narrow, ab, mn, square + m3 * n3 + m2 * n2 + m1 * n1, carry);
    const uint32_t mk = (static_cast<uint32_t>(column.low) * modulus.n0_inverse) & kLimbMask;
    column.low += mk * n0;  // now a multiple of 2^28
    carry = column.upper + (column.low >> kMontgomeryLimbBits);
    if (k >= 3) m[k - 3] = static_cast<uint32_t>(m3);
    m3 = m2;
    m2 = m1;
    m1 = mk;
  }
  for (size_t i = 1; i <= 3 && i <= limbs; ++i) {
    m[limbs - i] = static_cast<uint32_t>(i == 1 ? m1 : i == 2 ? m2 : m3);
  }
  // Columns limbs to 2·limbs − 2: i runs over [low, limbs − 1], so b_(k − i) starts at b_(limbs − 1),
  // b_backward[0]. Unaligned loads cost no more than aligned ones; the last chunk reads zeros again.
  for (size_t k = limbs; k + 1 < 2 * limbs; ++k) {
    const size_t low = k - limbs + 1;
    const size_t chunks = (limbs - low + 3) / 4;
    const lanes::U64x2 ab = column_product<kSquare>(a_forward, b_backward, k, low, chunks, square);
    const lanes::U64x2 mn = lanes::dot(m + low, n_backward, chunks);
    const Column column = column_value(narrow, ab, mn, square, carry);
    result[k - limbs] = static_cast<uint32_t>(column.low) & kLimbMask;
    result_backward[2 * limbs - 1 - k] = result[k - limbs];
    carry = column.upper + (column.low >> kMontgomeryLimbBits);
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
