// X25519 (RFC 7748 §5), the key agreement of JWE's ECDH-ES on OKP keys with "crv": "X25519"
// (RFC 8037 §3.2), on libsodium 1.0.18's constant-time ref10 code. Keys and the shared secret are
// 32 bytes, little-endian u-coordinates and scalars as RFC 7748 encodes them; the private scalar is
// clamped by the function, never by the caller.
#pragma once
#include <cstddef>
#include <cstdint>

#include "../bytes.h"
#include "../status.h"

namespace edgejwt {

constexpr size_t kX25519KeySize = 32;

// `public_key` receives X25519(private_key, 9). KeyInvalid unless the private key is 32 bytes.
Status x25519_public_from_private(ByteView private_key, uint8_t *public_key);

// `shared_secret` receives X25519(private_key, peer_public_key). KeyInvalid for keys that are not
// 32 bytes, for a peer key that is a point of small order in any encoding (libsodium's list: u = 0,
// 1, p − 1, the two points of order 8, and their encodings ≥ p and with the top bit set), and
// whenever the result is all zeros (RFC 7748 §6.1, RFC 8037 §3.2's check); nothing is kept in
// `shared_secret` then.
Status x25519_shared_secret(ByteView private_key, ByteView peer_public_key, uint8_t *shared_secret);

// A new key pair from the platform's randomness: `private_key` and `public_key` receive 32 bytes.
Status x25519_generate(uint8_t *private_key, uint8_t *public_key);

}  // namespace edgejwt
