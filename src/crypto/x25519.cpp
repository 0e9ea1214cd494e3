#include "x25519.h"

#include <crypto_scalarmult_curve25519.h>
#include <utils.h>

#include "random.h"

namespace edgejwt {

static_assert(crypto_scalarmult_curve25519_BYTES == kX25519KeySize);
static_assert(crypto_scalarmult_curve25519_SCALARBYTES == kX25519KeySize);

Status x25519_public_from_private(ByteView private_key, uint8_t *public_key) {
  if (private_key.size != kX25519KeySize) return Status::KeyInvalid;
  return crypto_scalarmult_curve25519_base(public_key, private_key.data) == 0 ? Status::Ok : Status::KeyInvalid;
}

// libsodium refuses the small-order points before multiplying and an all-zero result after
// (crypto_scalarmult_curve25519 returns -1 for either).
Status x25519_shared_secret(ByteView private_key, ByteView peer_public_key, uint8_t *shared_secret) {
  if (private_key.size != kX25519KeySize || peer_public_key.size != kX25519KeySize) return Status::KeyInvalid;
  if (crypto_scalarmult_curve25519(shared_secret, private_key.data, peer_public_key.data) != 0) {
    sodium_memzero(shared_secret, kX25519KeySize);
    return Status::KeyInvalid;
  }
  return Status::Ok;
}

Status x25519_generate(uint8_t *private_key, uint8_t *public_key) {
  if (Status status = random_bytes(private_key, kX25519KeySize); status != Status::Ok) return status;
  return x25519_public_from_private(ByteView(private_key, kX25519KeySize), public_key);
}

}  // namespace edgejwt
