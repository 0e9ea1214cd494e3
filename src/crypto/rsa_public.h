// RSAVP1's arithmetic, s^e mod n, for verification only (RFC 8017 §5.2.2): Montgomery products
// (montgomery.h), variable time, as the signature, n and e are all public. The per-modulus
// constants are made once per key (rsa_public_init); the operation itself allocates nothing.
#pragma once
#include <cstddef>
#include <cstdint>

#include "../bytes.h"
#include "montgomery.h"

namespace edgejwt {

struct RsaPublicOperation {
  MontgomeryModulus modulus;
  uint32_t exponent = 0;
  size_t modulus_size = 0;                            // n's length in bytes, without leading zeros
  uint8_t modulus_bytes[kMontgomeryMaxModulusBits / 8];  // n itself: which key these constants are for
};

// False unless n (big-endian, leading zeros allowed) is odd, at least 3 and at most 4096 bits, and
// e is odd, at least 3 and at most 4 bytes (what BearSSL's i31 code also accepts).
bool rsa_public_init(ByteView n, ByteView e, RsaPublicOperation &operation);

// True when `operation` was made for exactly this n and e (leading zeros ignored).
bool rsa_public_matches(const RsaPublicOperation &operation, ByteView n, ByteView e);

// out = s^e mod n, both modulus_size bytes big-endian; false (out untouched) when s ≥ n or s is not
// modulus_size bytes.
bool rsa_public_apply(const RsaPublicOperation &operation, ByteView s, uint8_t *out);

}  // namespace edgejwt
