// Ed25519 (RFC 8032, as JWS uses it per RFC 8037) on libsodium 1.0.18's ref10 code.
#pragma once
#include <array>
#include <cstddef>
#include <vector>

#include "../bytes.h"
#include "../secret_bytes.h"
#include "../status.h"

namespace edgejwt {

constexpr size_t kEd25519KeySize = 32;        // a public key, and a private key (the seed)
constexpr size_t kEd25519SignatureSize = 64;  // R || S

struct Ed25519PublicKey {
  std::array<uint8_t, kEd25519KeySize> bytes{};
};

struct Ed25519PrivateKey {
  Ed25519PublicKey public_key;
  SecretBytes seed;  // the 32-byte RFC 8032 private key
};

// KeyInvalid unless the 32 bytes canonically encode a point of the prime-order subgroup
// (small-order and mixed-order points refused).
Status ed25519_check_public_key(const Ed25519PublicKey &key);
// From the 32-byte seed (the RFC 8032 private key); KeyInvalid for another length.
Status ed25519_public_from_seed(ByteView seed, Ed25519PublicKey &public_key);

// The signature's form: exactly 64 bytes (SignatureLength) with S < L, the group order
// (SignatureInvalid: RFC 8032 §5.1.7 rejects non-canonical S). ed25519_verify runs it first.
Status ed25519_check_signature_encoding(ByteView signature);

Status ed25519_sign(const Ed25519PrivateKey &key, ByteView message, std::vector<uint8_t> &signature);
// SignatureLength unless exactly 64 bytes; libsodium rejects non-canonical S and small-order keys.
Status ed25519_verify(const Ed25519PublicKey &key, ByteView message, ByteView signature);

Status ed25519_generate(Ed25519PrivateKey &key);

}  // namespace edgejwt
