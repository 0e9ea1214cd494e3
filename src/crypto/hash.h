// The SHA-2 hashes JWS uses, by name; the crypto library stays behind src/crypto/.
#pragma once
#include <cstddef>
#include <cstdint>

#include "../bytes.h"

namespace edgejwt {

enum class Hash : uint8_t { Sha256, Sha384, Sha512 };

constexpr size_t kMaxHashSize = 64;

constexpr size_t hash_size(Hash hash) {
  return hash == Hash::Sha256 ? 32 : hash == Hash::Sha384 ? 48 : 64;
}

// SHA-256/384/512 by their output size in bits; false for any other.
bool hash_from_bits(uint32_t bits, Hash &hash);

// Writes hash_size(hash) bytes to `out`.
void hash_bytes(Hash hash, ByteView data, uint8_t *out);

}  // namespace edgejwt
