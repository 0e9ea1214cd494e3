#include "ed25519.h"

#include <crypto_core_ed25519.h>
#include <crypto_sign_ed25519.h>
#include <utils.h>

#include "random.h"

namespace edgejwt {
namespace {

constexpr size_t kSeedSize = kEd25519KeySize;

static_assert(kEd25519KeySize == crypto_sign_ed25519_SEEDBYTES);
static_assert(kEd25519KeySize == crypto_sign_ed25519_PUBLICKEYBYTES);
static_assert(kEd25519SignatureSize == crypto_sign_ed25519_BYTES);

// libsodium's secret key: seed || public key, derived from the seed alone and wiped on scope exit.
class ExpandedSecret {
 public:
  ExpandedSecret(ByteView seed, Ed25519PublicKey &public_key) {
    crypto_sign_ed25519_seed_keypair(public_key.bytes.data(), bytes_, seed.data);
  }
  ExpandedSecret(const ExpandedSecret &) = delete;
  ExpandedSecret &operator=(const ExpandedSecret &) = delete;
  ~ExpandedSecret() { sodium_memzero(bytes_, sizeof bytes_); }

  const uint8_t *data() const { return bytes_; }

 private:
  uint8_t bytes_[crypto_sign_ed25519_SECRETKEYBYTES];
};

// L = 2^252 + 27742317777372353535851937790883648493 (RFC 8032 §5.1), little-endian.
constexpr uint8_t kGroupOrder[32] = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
                                     0xa2, 0xde, 0xf9, 0xde, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                                     0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10};

// S < L for a little-endian S; signatures are public, so an early exit is fine.
bool is_canonical_scalar(const uint8_t *s) {
  for (size_t i = sizeof kGroupOrder; i-- > 0;) {
    if (s[i] != kGroupOrder[i]) return s[i] < kGroupOrder[i];
  }
  return false;  // S = L
}

}  // namespace

// libsodium's check: y canonical (< p), not one of the small-order points (in any encoding of the
// sign bit), a point on the curve, and in the prime-order subgroup, so keys with a torsion
// component are refused too (keys made by RFC 8032 key generation never have one).
Status ed25519_check_public_key(const Ed25519PublicKey &key) {
  return crypto_core_ed25519_is_valid_point(key.bytes.data()) == 1 ? Status::Ok : Status::KeyInvalid;
}

Status ed25519_public_from_seed(ByteView seed, Ed25519PublicKey &public_key) {
  if (seed.size != kSeedSize) return Status::KeyInvalid;
  const ExpandedSecret secret(seed, public_key);
  return Status::Ok;
}

Status ed25519_sign(const Ed25519PrivateKey &key, ByteView message, std::vector<uint8_t> &signature) {
  if (key.seed.size() != kSeedSize) return Status::KeyInvalid;
  // The public half that enters the signature's hash is derived here, never taken from `key`:
  // signing one seed under two public keys would reveal the private scalar.
  Ed25519PublicKey derived;
  const ExpandedSecret secret(key.seed.view(), derived);
  signature.resize(kEd25519SignatureSize);
  crypto_sign_ed25519_detached(signature.data(), nullptr, message.data, message.size, secret.data());
  return Status::Ok;
}

Status ed25519_check_signature_encoding(ByteView signature) {
  if (signature.size != kEd25519SignatureSize) return Status::SignatureLength;
  return is_canonical_scalar(signature.data + 32) ? Status::Ok : Status::SignatureInvalid;
}

Status ed25519_verify(const Ed25519PublicKey &key, ByteView message, ByteView signature) {
  if (Status status = ed25519_check_signature_encoding(signature); status != Status::Ok) return status;
  const int result = crypto_sign_ed25519_verify_detached(signature.data, message.data, message.size, key.bytes.data());
  return result == 0 ? Status::Ok : Status::SignatureInvalid;
}

Status ed25519_generate(Ed25519PrivateKey &key) {
  uint8_t seed[kSeedSize];
  Status status = random_bytes(seed, sizeof seed);
  if (status == Status::Ok) {
    key.seed = SecretBytes(ByteView(seed, sizeof seed));
    status = ed25519_public_from_seed(key.seed.view(), key.public_key);
  }
  sodium_memzero(seed, sizeof seed);
  return status;
}

}  // namespace edgejwt
