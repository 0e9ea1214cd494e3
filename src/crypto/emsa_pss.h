// EMSA-PSS (RFC 8017 §9.1) as JWS uses it (RFC 7518 §3.5): MGF1 over the message's hash function
// and a salt exactly as long as the hash. BearSSL 0.6 has no PSS; the RSA operation and the
// integer/octet conversions around this encoding are in rsa.cpp.
#pragma once
#include <cstddef>
#include <cstdint>

#include "../status.h"
#include "hash.h"

namespace edgejwt {

// emLen for emBits (modBits - 1): ceil(emBits / 8), one byte less than the modulus when modBits ≡ 1 (mod 8).
constexpr size_t emsa_pss_length(size_t em_bits) { return (em_bits + 7) / 8; }

// §9.1.1 for the message hash `m_hash` and `salt`, each hash_size(hash) bytes: writes
// emsa_pss_length(em_bits) bytes to `em`. InvalidArgument when emLen is under 2·hLen + 2 or over
// the largest modulus's length.
Status emsa_pss_encode(Hash hash, const uint8_t *m_hash, const uint8_t *salt, size_t em_bits, uint8_t *em);

// §9.1.2: Ok when `em` (emsa_pss_length(em_bits) bytes) encodes `m_hash` with a salt of hLen bytes,
// SignatureInvalid otherwise.
Status emsa_pss_verify(Hash hash, const uint8_t *m_hash, const uint8_t *em, size_t em_bits);

}  // namespace edgejwt
