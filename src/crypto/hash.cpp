#include "hash.h"

#include "bearssl_hash.h"

namespace edgejwt {

bool hash_from_bits(uint32_t bits, Hash &hash) {
  switch (bits) {
    case 256:
      hash = Hash::Sha256;
      return true;
    case 384:
      hash = Hash::Sha384;
      return true;
    case 512:
      hash = Hash::Sha512;
      return true;
  }
  return false;
}

void hash_bytes(Hash hash, ByteView data, uint8_t *out) {
  br_hash_compat_context context;
  const br_hash_class *hash_class = bearssl_hash_class(hash);
  hash_class->init(&context.vtable);
  hash_class->update(&context.vtable, data.data, data.size);
  hash_class->out(&context.vtable, out);
}

}  // namespace edgejwt
