// libFuzzer target: our verify-only arithmetic and BearSSL on the same inputs, through the
// differential suite's comparisons (tests/native/differential.h). The first byte picks the kind:
//   0  RSA: a modulus length (two bytes), e (four bytes, made odd and at least 3), n (made odd),
//      then s, whatever is left (so of any length);
//   1  P-256 u1·G + u2·Q for Q = d·G: d, u1, u2 (32 bytes each, inputs outside [1, n − 1] skipped);
//   2  ECDSA P-256: a flag byte (Q from a scalar d, or 65 raw bytes that may be no point at all), a
//      hash length (0 to 64), Q's source, the hash, then the signature, whatever is left.
// Any disagreement is printed and trapped, so that libFuzzer keeps the input.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <bearssl_ec.h>

#include "differential.h"

using namespace edgejwt;
using namespace edgejwt::differential;

namespace {

class Input {
 public:
  Input(const uint8_t *data, size_t size) : data_(data), size_(size) {}
  size_t left() const { return size_ - used_; }
  uint8_t byte() { return used_ < size_ ? data_[used_++] : 0; }
  // The next `count` bytes, zero-padded past the end.
  std::vector<uint8_t> take(size_t count) {
    std::vector<uint8_t> out(count, 0);
    for (size_t i = 0; i < count && used_ < size_; ++i) out[i] = data_[used_++];
    return out;
  }
  std::vector<uint8_t> rest() { return take(left()); }

 private:
  const uint8_t *data_;
  size_t size_;
  size_t used_ = 0;
};

void require_agreement(bool agreed, const std::string &mismatch) {
  if (agreed) return;
  std::fprintf(stderr, "differential mismatch: %s\n", mismatch.c_str());
  __builtin_trap();
}

bool in_scalar_range(const std::vector<uint8_t> &value) {
  size_t length = 0;
  const uint8_t *order = br_ec_p256_m31.order(BR_EC_secp256r1, &length);
  bool zero = true;
  for (uint8_t b : value) zero = zero && b == 0;
  return !zero && std::memcmp(value.data(), order, length) < 0;
}

void rsa(Input &input) {
  const size_t length = 1 + (input.byte() | input.byte() << 8) % 512;
  std::vector<uint8_t> e = input.take(4), n = input.take(length);
  e[3] |= 1;
  if (e[0] == 0 && e[1] == 0 && e[2] == 0 && e[3] < 3) e[3] = 3;
  n.back() |= 1;
  if (n.size() == 1 && n[0] < 3) n[0] = 3;
  if (n[0] == 0) n[0] = 1;
  const std::vector<uint8_t> s = input.rest();
  std::string mismatch;
  require_agreement(rsa_agrees(n, e, s, mismatch), mismatch);
}

void multiply_add(Input &input) {
  const std::vector<uint8_t> d = input.take(32), u1 = input.take(32), u2 = input.take(32);
  if (!in_scalar_range(d) || !in_scalar_range(u1) || !in_scalar_range(u2)) return;
  std::string mismatch;
  require_agreement(p256_multiply_add_agrees(d.data(), u1.data(), u2.data(), mismatch), mismatch);
}

void ecdsa(Input &input) {
  const uint8_t flags = input.byte();
  const size_t hash_size = input.byte() % 65;
  std::vector<uint8_t> point;
  if (flags & 1) {
    const std::vector<uint8_t> d = input.take(32);
    if (!in_scalar_range(d)) return;
    point.resize(65);
    point.resize(br_ec_p256_m31.mulgen(point.data(), d.data(), d.size(), BR_EC_secp256r1));
  } else {
    point = input.take(65);
  }
  const std::vector<uint8_t> hash = input.take(hash_size), signature = input.rest();
  std::string mismatch;
  require_agreement(ecdsa_p256_agrees(point, hash, signature, mismatch), mismatch);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Input input(data, size);
  switch (input.byte() % 3) {
    case 0:
      rsa(input);
      break;
    case 1:
      multiply_add(input);
      break;
    default:
      ecdsa(input);
      break;
  }
  return 0;
}
