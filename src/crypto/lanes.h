// Four 32-bit lanes multiplied into two 64-bit lanes: the one vector idea the verify-only bignum
// code (montgomery_product.cpp) is written with. In a build with Wasm SIMD (-msimd128) these are
// i64x2.extmul_{low,high}_i32x4_u and i64x2.add; elsewhere the same operations on plain integers,
// so that the native tests, sanitizers and fuzzers run the very algorithm the Wasm builds run.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace edgejwt::lanes {

#if defined(__wasm_simd128__)

using U32x4 = v128_t;
using U64x2 = v128_t;

inline U32x4 load(const uint32_t *words) { return wasm_v128_load(words); }
inline U64x2 zero() { return wasm_i64x2_const(0, 0); }
// Lanes 0 and 1 of a and b multiplied: a0·b0, a1·b1.
inline U64x2 multiply_low(U32x4 a, U32x4 b) { return wasm_u64x2_extmul_low_u32x4(a, b); }
// Lanes 2 and 3: a2·b2, a3·b3.
inline U64x2 multiply_high(U32x4 a, U32x4 b) { return wasm_u64x2_extmul_high_u32x4(a, b); }
inline U64x2 add(U64x2 a, U64x2 b) { return wasm_i64x2_add(a, b); }
inline U64x2 twice(U64x2 a) { return wasm_i64x2_shl(a, 1); }
inline uint64_t sum(U64x2 a) {
  return static_cast<uint64_t>(wasm_i64x2_extract_lane(a, 0)) + static_cast<uint64_t>(wasm_i64x2_extract_lane(a, 1));
}
// a with lanes from `count` (0 to 4) on set to zero.
inline U32x4 keep_first(U32x4 a, size_t count) {
  alignas(16) static constexpr uint32_t kMasks[5][4] = {
      {0, 0, 0, 0}, {~0u, 0, 0, 0}, {~0u, ~0u, 0, 0}, {~0u, ~0u, ~0u, 0}, {~0u, ~0u, ~0u, ~0u}};
  return wasm_v128_and(a, wasm_v128_load(kMasks[count]));
}

#else

struct U32x4 {
  uint32_t lane[4];
};
struct U64x2 {
  uint64_t lane[2];
};

inline U32x4 load(const uint32_t *words) {
  U32x4 v;
  std::memcpy(v.lane, words, sizeof v.lane);
  return v;
}
inline U64x2 zero() { return U64x2{{0, 0}}; }
inline U64x2 multiply_low(U32x4 a, U32x4 b) {
  return U64x2{{uint64_t{a.lane[0]} * b.lane[0], uint64_t{a.lane[1]} * b.lane[1]}};
}
inline U64x2 multiply_high(U32x4 a, U32x4 b) {
  return U64x2{{uint64_t{a.lane[2]} * b.lane[2], uint64_t{a.lane[3]} * b.lane[3]}};
}
inline U64x2 add(U64x2 a, U64x2 b) { return U64x2{{a.lane[0] + b.lane[0], a.lane[1] + b.lane[1]}}; }
inline U64x2 twice(U64x2 a) { return U64x2{{a.lane[0] << 1, a.lane[1] << 1}}; }
inline uint64_t sum(U64x2 a) { return a.lane[0] + a.lane[1]; }
inline U32x4 keep_first(U32x4 a, size_t count) {
  for (size_t i = count; i < 4; ++i) a.lane[i] = 0;
  return a;
}

#endif

// Σ a[i]·b[i] over `chunks` × 4 words, as two lanes whose sum is the total (sum() adds them); both
// pointers may be unaligned. Two accumulators, so that consecutive additions do not wait on each
// other. The caller bounds every lane below 2^64.
inline U64x2 dot(const uint32_t *a, const uint32_t *b, size_t chunks) {
  U64x2 low = zero(), high = zero();
  for (size_t c = 0; c < chunks; ++c, a += 4, b += 4) {
    const U32x4 x = load(a), y = load(b);
    low = add(low, multiply_low(x, y));
    high = add(high, multiply_high(x, y));
  }
  return add(low, high);
}

// The same over the first `count` words (rounded up to chunks, the words past `count` in the last
// one counted as zero).
inline U64x2 dot_first(const uint32_t *a, const uint32_t *b, size_t count) {
  U64x2 low = zero(), high = zero();
  for (; count >= 4; count -= 4, a += 4, b += 4) {
    const U32x4 x = load(a), y = load(b);
    low = add(low, multiply_low(x, y));
    high = add(high, multiply_high(x, y));
  }
  if (count != 0) {
    const U32x4 x = keep_first(load(a), count), y = load(b);
    low = add(low, multiply_low(x, y));
    high = add(high, multiply_high(x, y));
  }
  return add(low, high);
}

}  // namespace edgejwt::lanes
