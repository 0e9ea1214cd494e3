// PBES2's key-encryption key (RFC 7518 §4.8.1.1): PBKDF2 with the algorithm's HMAC over the
// password, the salt UTF8(alg) || 0x00 || p2s (so that one password and salt input give another
// key under another algorithm), p2c iterations, as many bytes as the AES key that wraps the CEK.
#pragma once
#include <cstdint>

#include "../bytes.h"
#include "../crypto/pbkdf2.h"
#include "../jwa/encryption.h"
#include "../status.h"

namespace edgejwt {

// The iteration counts edgejwt takes: a token's "p2c" at most the caller's limit, by default
// 10,000 (each iteration is work an attacker makes the recipient do, before any key is checked);
// a producer's at least 1,000 (RFC 7518 §4.8.1.2's recommended minimum: fewer make guessing the
// password from a token cheap) and by default 10,000, which every recipient with the default
// limit accepts.
constexpr uint32_t kDefaultMaxPbes2Count = 10'000;
constexpr uint32_t kMinProducedPbes2Count = 1'000;
constexpr uint32_t kDefaultPbes2Count = 10'000;
// The salt input a producer draws when it chooses none: 16 bytes, twice RFC 7518's minimum.
constexpr size_t kDefaultPbes2SaltSize = 16;

// `kek` receives key_management_info(alg).kek_size bytes. InvalidArgument for an "alg" that is not
// PBES2's or a count outside PBKDF2's bounds.
Status pbes2_derive(KeyManagement alg, const Password &password, ByteView p2s, uint32_t p2c, uint8_t *kek);

}  // namespace edgejwt
