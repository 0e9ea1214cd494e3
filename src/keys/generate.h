// New keys for an algorithm, from the platform's secure randomness, each bound to that algorithm.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "../jwa/algorithm.h"
#include "../jwa/encryption.h"
#include "../status.h"
#include "key.h"

namespace edgejwt {

// For signatures: an HMAC secret as long as the hash, an RSA key of `modulus_bits` (0 for 2048),
// a P-256/384/521 key, or an Ed25519 key; bound to `alg`. `crv` (jose's generateKeyPair option;
// empty when not given) must be the curve `alg` implies for a family that has one: KeyUnsupported
// otherwise, never a key of another curve or type. Families without a curve ignore it, as jose does.
Status generate_key(Algorithm alg, uint32_t modulus_bits, Key &out, std::string_view crv = {});

struct EncryptionKeyOptions {
  std::optional<KeyFamily> curve;  // ECDH-ES: EcP256 (the default), EcP384, EcP521 or X25519
  uint32_t modulus_bits = 0;       // RSA-OAEP: 0 for 2048
};

// For encryption, bound to `alg`: an AES key of its size (AxxxKW, AxxxGCMKW), a key pair on the
// chosen curve (ECDH-ES*), an RSA key (RSA-OAEP*), or a 32-byte random password (PBES2-*, for a
// caller that needs no human to remember it). "dir" takes a key for one "enc":
// generate_content_key. InvalidArgument for an option the algorithm does not take.
Status generate_encryption_key(KeyManagement alg, const EncryptionKeyOptions &options, Key &out);

// A content encryption key for "dir" with `enc` (its size), bound to that "enc".
Status generate_content_key(ContentEncryption enc, Key &out);

// New material of `family`, not yet a key: secrets of `secret_size` bytes, RSA keys of
// `modulus_bits` (0 for 2048). For ECDH-ES's ephemeral keys, which serve one agreement and are
// never imported, bound or validated again.
Status generate_material(KeyFamily family, size_t secret_size, uint32_t modulus_bits, KeyMaterial &out);

}  // namespace edgejwt
