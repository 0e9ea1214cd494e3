#include "hmac.h"

#include <algorithm>
#include <iterator>

#include "../wipe.h"
#include "bearssl_hash.h"

namespace edgejwt {
HmacPads::HmacPads(ByteView key) {
  for (Hash hash : {Hash::Sha256, Hash::Sha384, Hash::Sha512}) {
    br_hmac_key_init(&contexts_[static_cast<size_t>(hash)], bearssl_hash_class(hash), key.data, key.size);
  }
}

HmacPads &HmacPads::operator=(HmacPads &&other) noexcept {
  if (this != &other) {
    std::copy(std::begin(other.contexts_), std::end(other.contexts_), std::begin(contexts_));
    secure_wipe(other.contexts_, sizeof other.contexts_);
  }
  return *this;
}

HmacPads::~HmacPads() { secure_wipe(contexts_, sizeof contexts_); }

void HmacPads::mac(Hash hash, ByteView data, uint8_t *out) const {
  br_hmac_context context;
  br_hmac_init(&context, &contexts_[static_cast<size_t>(hash)], 0);
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
