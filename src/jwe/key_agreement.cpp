#include "key_agreement.h"

#include "../crypto/concat_kdf.h"
#include "../crypto/ecdh.h"
#include "../wipe.h"

namespace edgejwt {
namespace {

// The size of Z an agreement on the curve of `key` (either party's, public or private) gives; 0 for
// a key that agrees on nothing.
size_t shared_secret_size(const KeyMaterial &key) {
  if (const auto *ec = public_part<EcPublicKey, EcPrivateKey>(key)) return curve_size(ec->curve);
  return public_part<X25519PublicKey, X25519PrivateKey>(key) ? kX25519KeySize : 0;
}

}  // namespace

Status ecdh_es_shared_secret(const KeyMaterial &private_key, const KeyMaterial &public_key, uint8_t *z, size_t &size) {
  const auto *ec = std::get_if<EcPrivateKey>(&private_key);
  const auto *ec_peer = public_part<EcPublicKey, EcPrivateKey>(public_key);
  if (ec && ec_peer) {
    size = curve_size(ec->public_key.curve);
    return ecdh_shared_secret(*ec, *ec_peer, z);
  }
  const auto *x = std::get_if<X25519PrivateKey>(&private_key);
  const auto *x_peer = public_part<X25519PublicKey, X25519PrivateKey>(public_key);
  if (x && x_peer) {
    size = kX25519KeySize;
    return x25519_shared_secret(x->scalar.view(), ByteView(x_peer->bytes.data(), x_peer->bytes.size()), z);
  }
  return Status::KeyInvalid;
}

Status ecdh_es_derive(const KeyMaterial &private_key, const KeyMaterial &public_key, std::string_view algorithm_id,
                      ByteView apu, ByteView apv, size_t key_size, uint8_t *key) {
  uint8_t z[kMaxEcdhEsSharedSecretSize];
  size_t z_size = 0;
  Status status = ecdh_es_shared_secret(private_key, public_key, z, z_size);
  if (status == Status::Ok) status = concat_kdf(ByteView(z, z_size), algorithm_id, apu, apv, key_size, key);
  secure_wipe(z, sizeof z);
  return status;
}

Status ecdh_es_derive_from(const KeyMaterial &party_key, ByteView z, std::string_view algorithm_id, ByteView apu,
                           ByteView apv, size_t key_size, uint8_t *key) {
  const size_t expected = shared_secret_size(party_key);
  if (expected == 0) return Status::KeyInvalid;
  if (z.size != expected) return Status::JweDecryptionFailed;
  if (public_part<X25519PublicKey, X25519PrivateKey>(party_key)) {
    uint8_t any = 0;  // constant time: Z is secret
    for (size_t i = 0; i < z.size; ++i) any |= z.data[i];
    if (any == 0) return Status::JweDecryptionFailed;
  }
  return concat_kdf(z, algorithm_id, apu, apv, key_size, key);
}

}  // namespace edgejwt
