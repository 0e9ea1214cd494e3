// The differential suite's one comparison per case, ours against BearSSL on the same inputs, and
// its seeded case generators (random and edge values). One copy serves three runners: the native
// GoogleTest (differential_test.cpp), the libFuzzer target (tests/fuzz/arithmetic_fuzz.cpp) and the
// WASI program (differential_main.cpp) that runs the same cases on the Wasm build's own code,
// SIMD included. No GoogleTest here: a mismatch is reported as text.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bytes.h"

namespace edgejwt::differential {

// What a run found: how many cases ran, how many disagreed, and the first disagreement's inputs.
struct Outcome {
  size_t cases = 0;
  size_t mismatches = 0;
  std::string first_mismatch;

  void record(bool agreed, const std::string &what);
};

// s^e mod n: rsa_public_apply (with per-key constants) against br_rsa_i31_public. Both must refuse
// the same inputs (s not below n, s not of n's length) and agree byte for byte on the others.
// n odd and e odd, 3 ≤ e < 2^32 (what rsa_public_init accepts; the caller keeps to it).
bool rsa_agrees(ByteView n, ByteView e, ByteView s, std::string &mismatch);

// u1·G + u2·Q for Q = d·G: p256_comb_multiply_add against BearSSL's p256_m31 muladd (x·A + y·G),
// the affine result or infinity. d, u1 and u2 are 32 bytes big-endian, each in [1, n − 1].
bool p256_multiply_add_agrees(const uint8_t *d, const uint8_t *u1, const uint8_t *u2, std::string &mismatch);

// An ECDSA P-256 verdict: p256_verify (the key's table made by p256_verify_init) against
// br_ecdsa_i31_vrfy_raw behind the range check of r and s that edgejwt always ran before it. A
// point BearSSL refuses must be refused by p256_verify_init too. BearSSL refuses every signature
// over a hash of 0 mod n (u1 = 0, a multiplier its muladd does not take) where SEC 1 verifies
// R = u2·Q: there only the point is compared (run_ecdsa_p256 checks such signatures it made).
bool ecdsa_p256_agrees(ByteView point, ByteView hash, ByteView signature, std::string &mismatch);

// `count` cases of each kind from `seed`, a fixed share of them edge values.
Outcome run_rsa(uint64_t seed, size_t count);
Outcome run_p256_multiply_add(uint64_t seed, size_t count);
Outcome run_ecdsa_p256(uint64_t seed, size_t count);

}  // namespace edgejwt::differential
