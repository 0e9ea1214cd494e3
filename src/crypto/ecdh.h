// Elliptic-curve Diffie-Hellman on P-256, P-384 and P-521 (SEC 1 §3.3.1), the key agreement of
// JWE's ECDH-ES (RFC 7518 §4.6): Z is the x-coordinate of d·Q, on BearSSL's constant-time curve
// code (ec_multiply in ecdsa.h). The peer's point is validated before it is used, the defence
// against invalid-curve attacks: of the same curve as our key, uncompressed, of exact length,
// coordinates below p, on the curve (so not the point at infinity, which has no such encoding);
// the curves' cofactor is 1, so that is the whole group check.
#pragma once
#include <cstddef>
#include <cstdint>

#include "../status.h"
#include "ecdsa.h"

namespace edgejwt {

// `shared_secret` receives curve_size(key.public_key.curve) bytes: 32, 48 or 66. KeyInvalid when
// the peer's key is of another curve or its point fails the checks above, or when our scalar is
// not of exact length in [1, n-1]; nothing is written then.
Status ecdh_shared_secret(const EcPrivateKey &key, const EcPublicKey &peer, uint8_t *shared_secret);

}  // namespace edgejwt
