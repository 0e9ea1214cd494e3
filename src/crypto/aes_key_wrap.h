// AES Key Wrap (RFC 3394), as JWE's A128KW/A192KW/A256KW (RFC 7518 §4.4) and the key wrapping
// step of ECDH-ES+AxxxKW and PBES2 use it: ours, on BearSSL's constant-time AES block cipher
// (bearssl_aes.h), with the default initial value A6A6A6A6A6A6A6A6 checked in constant time.
#pragma once
#include <cstddef>
#include <cstdint>

#include "../bytes.h"
#include "../status.h"

namespace edgejwt {

// The wrapped key is one 64-bit block longer than the key data.
constexpr size_t kKeyWrapOverhead = 8;
// Key data: n ≥ 2 blocks of 64 bits (RFC 3394 §2), at most the largest content encryption key JWE
// uses (A256CBC-HS512's 64 bytes).
constexpr size_t kKeyWrapMinKeyDataSize = 16;
constexpr size_t kKeyWrapMaxKeyDataSize = 64;

// RFC 3394 §2.2.1 under a 16-, 24- or 32-byte key-encryption key: `wrapped` receives
// key_data.size + 8 bytes. InvalidArgument for another KEK size, or key data that is not a
// multiple of 8 bytes within the bounds above.
Status aes_key_wrap(ByteView kek, ByteView key_data, uint8_t *wrapped);

// RFC 3394 §2.2.2 and the integrity check of §2.2.3: `key_data` receives wrapped.size − 8 bytes,
// or is wiped when the check fails. Every failure (a KEK or wrapped key of another size, a wrong
// KEK, a changed wrapped key) is the one JweDecryptionFailed.
Status aes_key_unwrap(ByteView kek, ByteView wrapped, uint8_t *key_data);

}  // namespace edgejwt
