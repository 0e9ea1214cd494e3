// HMAC-SHA-2 (RFC 2104), the HMAC secret a key holds, and the constant-time comparison MAC checks
// need. BearSSL stays behind hmac.cpp: its key contexts live in storage of their exact size here.
#pragma once
#include <cstddef>
#include <cstdint>
#include <utility>

#include "../bytes.h"
#include "../secret_bytes.h"
#include "hash.h"

namespace edgejwt {

// A key's HMAC state after its inner and outer pads, for each SHA-2 size: hashed once when the key
// is imported rather than on every MAC (two hash blocks of the few a token's MAC takes). As secret
// as the key itself: wiped when released.
class HmacPads {
 public:
  HmacPads();  // empty: mac() is only for pads made from a key
  explicit HmacPads(ByteView key);
  HmacPads(const HmacPads &) = delete;
  HmacPads &operator=(const HmacPads &) = delete;
  HmacPads(HmacPads &&other) noexcept;
  HmacPads &operator=(HmacPads &&other) noexcept;
  ~HmacPads();

  // Writes hash_size(hash) bytes of HMAC(key, data) to `out`.
  void mac(Hash hash, ByteView data, uint8_t *out) const;

  // BearSSL's br_hmac_key_context (a hash class pointer and two 64-byte chaining states), one per
  // Hash; hmac.cpp checks the size and alignment against BearSSL's own.
  static constexpr size_t kContextSize = sizeof(void *) + 2 * 64;
  static constexpr size_t kContextCount = 3;

 private:
  alignas(void *) unsigned char contexts_[kContextCount * kContextSize];
};

struct HmacSecret {
  HmacSecret() = default;
  explicit HmacSecret(SecretBytes secret) : bytes(std::move(secret)) {}

  SecretBytes bytes;
  HmacPads pads;  // made by Key::create once the secret is validated
};

// Compares without an early exit, so timing does not reveal where two MACs first differ.
bool constant_time_equal(const uint8_t *a, const uint8_t *b, size_t size);

}  // namespace edgejwt
