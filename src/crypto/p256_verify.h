// ECDSA verification on P-256 (SEC 1 §4.1.4) for verification only: ours, on p256_scalar,
// p256_comb and p256_field, variable time, since the key, the message's hash and the signature
// are all public. A key's comb table is made once (p256_verify_init), then each verification is
// 31 doublings and up to 64 mixed additions, and allocates nothing.
#pragma once
#include <cstddef>
#include <cstdint>

#include "p256_comb.h"

namespace edgejwt {

constexpr size_t kP256PointSize = 1 + 2 * kP256Bytes;
constexpr size_t kP256SignatureSize = 2 * kP256Bytes;

struct P256VerifyKey {
  uint8_t point[kP256PointSize];  // 0x04 || X || Y: which key the table is for
  P256Comb comb;
};

// False unless `point` is an uncompressed point on the curve (p256_point_decode).
bool p256_verify_init(const uint8_t *point, size_t size, P256VerifyKey &key);

// True when `key` was made for exactly this encoded point.
bool p256_verify_matches(const P256VerifyKey &key, const uint8_t *point, size_t size);

// True when `signature` (r || s, 64 bytes) is valid for `hash` under the key: r and s in
// [1, n − 1], z = the hash's leftmost 256 bits, R = (z/s)·G + (r/s)·Q not infinity, and
// x(R) ≡ r (mod n).
bool p256_verify(const P256VerifyKey &key, const uint8_t *hash, size_t hash_size, const uint8_t *signature,
                 size_t signature_size);

}  // namespace edgejwt
