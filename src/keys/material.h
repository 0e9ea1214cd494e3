// Key material, one struct per kind, as the crypto adapters and the key formats (JWK, DER/PEM)
// exchange it. Big integers are big-endian unsigned bytes without leading zeros; fixed-size values
// (EC scalars and coordinates, Ed25519 keys) have their exact size. Secret parts are SecretBytes.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <utility>
#include <variant>
#include <vector>

#include "../crypto/hmac.h"
#include "../crypto/p256_verify.h"
#include "../crypto/rsa_public.h"
#include "secret_bytes.h"

namespace edgejwt {

// A public key's verify-only precomputation (crypto/rsa_public.h, crypto/p256_verify.h), made when
// the key is validated and held by its material: copied with it, as a copy of a key is a key of its
// own (and std::shared_ptr's control block would pull RTTI into the Wasm builds). Verification
// checks it was made for the very key it is used with; material made elsewhere has none.
template <typename T>
class Precomputed {
 public:
  Precomputed() = default;
  explicit Precomputed(std::unique_ptr<T> value) : value_(std::move(value)) {}
  Precomputed(const Precomputed &other) : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
  Precomputed &operator=(const Precomputed &other) {
    if (this != &other) value_ = other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
    return *this;
  }
  Precomputed(Precomputed &&) noexcept = default;
  Precomputed &operator=(Precomputed &&) noexcept = default;
  ~Precomputed() = default;

  const T *get() const { return value_.get(); }

 private:
  std::unique_ptr<T> value_;
};

enum class Curve : uint8_t { P256, P384, P521 };

// Bytes of one coordinate or scalar: 32, 48, 66.
constexpr size_t curve_size(Curve curve) {
  return curve == Curve::P256 ? 32 : curve == Curve::P384 ? 48 : 66;
}

struct RsaPublicKey {
  std::vector<uint8_t> n;  // modulus
  std::vector<uint8_t> e;  // public exponent
  // n's Montgomery constants (rsa_precompute_verifier).
  Precomputed<RsaPublicOperation> verifier = {};
};

// Both exponent forms are kept: BearSSL signs with the CRT values, JWK and PKCS#1 also carry d.
struct RsaPrivateKey {
  RsaPublicKey public_key;
  SecretBytes d, p, q, dp, dq, qi;
};

struct EcPublicKey {
  Curve curve = Curve::P256;
  std::vector<uint8_t> point;  // uncompressed SEC1: 0x04 || X || Y, each curve_size(curve) bytes
  // P-256 only: the point's comb table (ec_precompute_verifier).
  Precomputed<P256VerifyKey> verifier = {};
};

struct EcPrivateKey {
  EcPublicKey public_key;
  SecretBytes scalar;  // d, curve_size(curve) bytes
};

struct Ed25519PublicKey {
  std::array<uint8_t, 32> bytes{};
};

struct Ed25519PrivateKey {
  Ed25519PublicKey public_key;
  SecretBytes seed;  // the 32-byte RFC 8032 private key
};

struct HmacSecret {
  HmacSecret() = default;
  explicit HmacSecret(SecretBytes secret) : bytes(std::move(secret)) {}

  SecretBytes bytes;
  HmacPads pads;  // made by Key::create once the secret is validated
};

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
