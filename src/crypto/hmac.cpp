#include "hmac.h"

#include <bearssl_hmac.h>

#include "bearssl_hash.h"

namespace edgejwt {

void hmac(Hash hash, ByteView key, ByteView data, uint8_t *out) {
  br_hmac_key_context key_context;
  br_hmac_context context;
  br_hmac_key_init(&key_context, bearssl_hash_class(hash), key.data, key.size);
  br_hmac_init(&context, &key_context, 0);
  br_hmac_update(&context, data.data, data.size);
  br_hmac_out(&context, out);
}

bool constant_time_equal(const uint8_t *a, const uint8_t *b, size_t size) {
  volatile uint8_t difference = 0;
  for (size_t i = 0; i < size; ++i) difference = difference | (a[i] ^ b[i]);
  return difference == 0;
}

}  // namespace edgejwt
