// Key material: one struct per kind, each declared beside its primitive in src/crypto/ (as BearSSL
// declares br_rsa_public_key in bearssl_rsa.h), gathered here into the one type the key formats
// (JWK, DER/PEM) and Key exchange. Big integers are big-endian unsigned bytes without leading
// zeros; fixed-size values (EC scalars and coordinates, Ed25519 keys) have their exact size.
#pragma once
#include <variant>

#include "../crypto/ecdsa.h"
#include "../crypto/ed25519.h"
#include "../crypto/hmac.h"
#include "../crypto/rsa.h"

namespace edgejwt {

using KeyMaterial = std::variant<HmacSecret, RsaPublicKey, RsaPrivateKey, EcPublicKey, EcPrivateKey,
                                 Ed25519PublicKey, Ed25519PrivateKey>;

// The public half of material that may hold either half of one kind; nullptr for another kind.
template <typename Public, typename Private>
const Public *public_part(const KeyMaterial &key) {
  if (const auto *public_key = std::get_if<Public>(&key)) return public_key;
  if (const auto *private_key = std::get_if<Private>(&key)) return &private_key->public_key;
  return nullptr;
}

}  // namespace edgejwt
