#include "hash.h"

#include "bearssl_hash.h"

namespace edgejwt {

void hash_bytes(Hash hash, ByteView data, uint8_t *out) {
  br_hash_compat_context context;
  const br_hash_class *hash_class = bearssl_hash_class(hash);
  hash_class->init(&context.vtable);
  hash_class->update(&context.vtable, data.data, data.size);
  hash_class->out(&context.vtable, out);
}

}  // namespace edgejwt
