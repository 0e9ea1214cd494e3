#include "pbkdf2.h"

#include <algorithm>

#include <bearssl_hmac.h>

#include "bearssl_hash.h"
#include "nonnull.h"
#include "../wipe.h"

namespace edgejwt {

// T_i = U_1 ^ U_2 ^ … ^ U_c with U_1 = PRF(P, S || INT(i)) and U_j = PRF(P, U_{j-1}).
Status pbkdf2(Hash hash, ByteView password, ByteView salt, uint32_t iterations, uint8_t *key, size_t key_size) {
  if (iterations == 0 || iterations > kPbkdf2MaxIterations || key_size == 0 || key_size > kPbkdf2MaxKeySize) {
    return Status::InvalidArgument;
  }
  const size_t h_len = hash_size(hash);
  br_hmac_key_context password_key;
  br_hmac_key_init(&password_key, bearssl_hash_class(hash), nonnull(password), password.size);
  br_hmac_context context;
  uint8_t u[kMaxHashSize];
  uint8_t t[kMaxHashSize];
  for (uint32_t block = 1, done = 0; done < key_size; ++block, done += static_cast<uint32_t>(h_len)) {
    const uint8_t index[4] = {static_cast<uint8_t>(block >> 24), static_cast<uint8_t>(block >> 16),
                              static_cast<uint8_t>(block >> 8), static_cast<uint8_t>(block)};
    br_hmac_init(&context, &password_key, 0);
    br_hmac_update(&context, nonnull(salt), salt.size);
    br_hmac_update(&context, index, sizeof index);
    br_hmac_out(&context, u);
    std::copy_n(u, h_len, t);
    for (uint32_t j = 1; j < iterations; ++j) {
      br_hmac_init(&context, &password_key, 0);
      br_hmac_update(&context, u, h_len);
      br_hmac_out(&context, u);
      for (size_t k = 0; k < h_len; ++k) t[k] ^= u[k];
    }
    std::copy_n(t, std::min(h_len, key_size - done), key + done);
  }
  secure_wipe(&context, sizeof context);
  secure_wipe(&password_key, sizeof password_key);
  secure_wipe(u, sizeof u);
  secure_wipe(t, sizeof t);
  return Status::Ok;
}

}  // namespace edgejwt
