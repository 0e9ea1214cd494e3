// HMAC-SHA-2 (RFC 2104) and the constant-time comparison MAC checks need.
#pragma once
#include <bearssl_hmac.h>

#include "../bytes.h"
#include "hash.h"

namespace edgejwt {

// A key's HMAC state after its inner and outer pads, for each SHA-2 size: hashed once when the key
// is imported rather than on every MAC (two hash blocks of the few a token's MAC takes). As secret
// as the key itself: wiped when released.
class HmacPads {
 public:
  HmacPads() = default;  // empty: mac() is only for pads made from a key
  explicit HmacPads(ByteView key);
  HmacPads(const HmacPads &) = delete;
  HmacPads &operator=(const HmacPads &) = delete;
  HmacPads(HmacPads &&other) noexcept { *this = std::move(other); }
  HmacPads &operator=(HmacPads &&other) noexcept;
  ~HmacPads();

  // Writes hash_size(hash) bytes of HMAC(key, data) to `out`.
  void mac(Hash hash, ByteView data, uint8_t *out) const;

 private:
  br_hmac_key_context contexts_[3]{};  // by Hash
};

// Compares without an early exit, so timing does not reveal where two MACs first differ.
bool constant_time_equal(const uint8_t *a, const uint8_t *b, size_t size);

}  // namespace edgejwt
