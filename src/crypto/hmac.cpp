#include "hmac.h"

#include <cstring>
#include <new>

#include <bearssl_hmac.h>

#include "../wipe.h"
#include "bearssl_hash.h"

namespace edgejwt {
namespace {

static_assert(sizeof(br_hmac_key_context) == HmacPads::kContextSize, "HmacPads::kContextSize is BearSSL's");
static_assert(alignof(br_hmac_key_context) <= alignof(void *), "HmacPads' storage is aligned for BearSSL's");
static_assert(HmacPads::kContextCount == static_cast<size_t>(Hash::Sha512) + 1, "one context per Hash");

// The storage holds trivially copyable C structs, made in place by the constructors.
br_hmac_key_context *contexts(unsigned char *storage) {
  return std::launder(reinterpret_cast<br_hmac_key_context *>(storage));
}
const br_hmac_key_context *contexts(const unsigned char *storage) {
  return std::launder(reinterpret_cast<const br_hmac_key_context *>(storage));
}

}  // namespace

HmacPads::HmacPads() { new (contexts_) br_hmac_key_context[kContextCount]{}; }

HmacPads::HmacPads(ByteView key) : HmacPads() {
  for (Hash hash : {Hash::Sha256, Hash::Sha384, Hash::Sha512}) {
    br_hmac_key_init(&contexts(contexts_)[static_cast<size_t>(hash)], bearssl_hash_class(hash), key.data, key.size);
  }
}

HmacPads::HmacPads(HmacPads &&other) noexcept : HmacPads() { *this = std::move(other); }

HmacPads &HmacPads::operator=(HmacPads &&other) noexcept {
  if (this != &other) {
    std::memcpy(contexts_, other.contexts_, sizeof contexts_);
    secure_wipe(other.contexts_, sizeof other.contexts_);
  }
  return *this;
}

HmacPads::~HmacPads() { secure_wipe(contexts_, sizeof contexts_); }

void HmacPads::mac(Hash hash, ByteView data, uint8_t *out) const {
  br_hmac_context context;
  br_hmac_init(&context, &contexts(contexts_)[static_cast<size_t>(hash)], 0);
  br_hmac_update(&context, data.data, data.size);
  br_hmac_out(&context, out);
  secure_wipe(context.kso, sizeof context.kso);  // the outer pad's state: as good as the key
}

bool constant_time_equal(const uint8_t *a, const uint8_t *b, size_t size) {
  volatile uint8_t difference = 0;
  for (size_t i = 0; i < size; ++i) difference = difference | (a[i] ^ b[i]);
  return difference == 0;
}

}  // namespace edgejwt
