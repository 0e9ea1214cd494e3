// ECDH-ES key agreement (RFC 7518 §4.6, RFC 8037 §3.2): Z from one party's private key and the other
// party's public key, on a P-curve (SEC 1 ECDH) or X25519, then the Concat KDF over Z with the
// algorithm ID, "apu" and "apv". The recipient runs it with its key and the token's "epk"; the
// producer with a fresh ephemeral key and the recipient's public key.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../bytes.h"
#include "../crypto/curve.h"
#include "../crypto/x25519.h"
#include "../keys/material.h"
#include "../status.h"

namespace edgejwt {

// `key` receives key_size bytes (1 to 64). KeyInvalid unless the two are an EC private key and an
// EC key of the same curve, or an X25519 private key and an X25519 key (of the second only the
// public part is used; its point is checked again by the agreement itself: on its curve, not of
// small order).
// `algorithm_id` is the "enc" value in direct mode and the "alg" value with key wrapping.
Status ecdh_es_derive(const KeyMaterial &private_key, const KeyMaterial &public_key, std::string_view algorithm_id,
                      ByteView apu, ByteView apv, size_t key_size, uint8_t *key);

// Z itself (kMaxEcdhEsSharedSecretSize bytes at most into `z`, its size into `size`), with the
// same checks and statuses as ecdh_es_derive: what a host computes in its place for
// ecdh_es_derive_from (the fuzz target of the host paths computes it to know the right answer).
constexpr size_t kMaxEcdhEsSharedSecretSize = std::max(kMaxCurveSize, kX25519KeySize);
Status ecdh_es_shared_secret(const KeyMaterial &private_key, const KeyMaterial &public_key, uint8_t *z, size_t &size);

// Either side with Z computed by a host: the recipient's (its ECDH of its private key and the
// token's "epk", which the core checked before asking) or the producer's (of the host's ephemeral
// key and the recipient's key); only the Concat KDF runs here. `party_key` is the core's party's key,
// public or private: it gives the curve. JweDecryptionFailed unless `z` has the size that curve
// gives Z, and for X25519 unless it is non-zero (the all-zero Z of a small-order point, which a host
// might not refuse); KeyInvalid for a key that agrees on nothing.
Status ecdh_es_derive_from(const KeyMaterial &party_key, ByteView z, std::string_view algorithm_id, ByteView apu,
                           ByteView apv, size_t key_size, uint8_t *key);

}  // namespace edgejwt
