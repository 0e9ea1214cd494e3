// Ed25519 (RFC 8032, as JWS uses it per RFC 8037) on libsodium 1.0.18's ref10 code.
#pragma once
#include <vector>

#include "../bytes.h"
#include "../keys/material.h"
#include "../status.h"

namespace edgejwt {

// KeyInvalid unless the 32 bytes are a canonical encoding of a point on the curve.
Status ed25519_check_public_key(const Ed25519PublicKey &key);
// From the 32-byte seed (the RFC 8032 private key); KeyInvalid for another length.
Status ed25519_public_from_seed(ByteView seed, Ed25519PublicKey &public_key);

Status ed25519_sign(const Ed25519PrivateKey &key, ByteView message, std::vector<uint8_t> &signature);
// SignatureLength unless exactly 64 bytes; libsodium rejects non-canonical S and small-order keys.
Status ed25519_verify(const Ed25519PublicKey &key, ByteView message, ByteView signature);

Status ed25519_generate(Ed25519PrivateKey &key);

}  // namespace edgejwt
