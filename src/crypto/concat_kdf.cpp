#include "concat_kdf.h"

#include <algorithm>

#include <bearssl_hash.h>

#include "nonnull.h"
#include "../wipe.h"

namespace edgejwt {
namespace {

void put_u32(uint8_t *out, uint64_t value) {
  for (size_t i = 0; i < 4; ++i) out[i] = static_cast<uint8_t>(value >> (24 - 8 * i));
}

void update_u32(br_sha256_context &context, uint64_t value) {
  uint8_t bytes[4];
  put_u32(bytes, value);
  br_sha256_update(&context, bytes, sizeof bytes);
}

// A 32-bit length, then the bytes (the "Datalen || Data" fields of SP 800-56A §5.8.1.2).
void update_prefixed(br_sha256_context &context, ByteView field) {
  update_u32(context, field.size);
  br_sha256_update(&context, nonnull(field), field.size);
}

}  // namespace

Status concat_kdf(ByteView shared_secret, ByteView algorithm_id, ByteView party_u_info, ByteView party_v_info,
                  size_t key_size, uint8_t *key) {
  if (key_size == 0 || key_size > kConcatKdfMaxKeySize) return Status::InvalidArgument;
  for (ByteView input : {shared_secret, algorithm_id, party_u_info, party_v_info}) {
    if (input.size > kConcatKdfMaxInputSize) return Status::InvalidArgument;
  }
  uint8_t round[br_sha256_SIZE];
  for (size_t done = 0, counter = 1; done < key_size; done += sizeof round, ++counter) {
    br_sha256_context context;
    br_sha256_init(&context);
    update_u32(context, counter);
    br_sha256_update(&context, nonnull(shared_secret), shared_secret.size);
    update_prefixed(context, algorithm_id);
    update_prefixed(context, party_u_info);
    update_prefixed(context, party_v_info);
    update_u32(context, uint64_t{key_size} * 8);
    br_sha256_out(&context, round);
    secure_wipe(&context, sizeof context);
    std::copy_n(round, std::min(sizeof round, key_size - done), key + done);
  }
  secure_wipe(round, sizeof round);
  return Status::Ok;
}

}  // namespace edgejwt
