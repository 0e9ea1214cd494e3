// AES-GCM (NIST SP 800-38D) as JWE uses it: content encryption A128GCM/A192GCM/A256GCM (RFC 7518
// §5.3) and key wrapping A128GCMKW/A192GCMKW/A256GCMKW (§4.7). On BearSSL's br_gcm over its
// constant-time AES and GHASH (bearssl_aes.h). The IV is exactly 96 bits and the tag exactly 128:
// JWE allows no other sizes, and shorter tags weaken GCM.
#pragma once
#include <cstddef>
#include <cstdint>

#include "../bytes.h"
#include "../status.h"

namespace edgejwt {

constexpr size_t kGcmIvSize = 12;
constexpr size_t kGcmTagSize = 16;
// SP 800-38D §5.2.1.1: at most 2^39 − 256 bits of plaintext under one IV.
constexpr uint64_t kGcmMaxPlaintextSize = (uint64_t{1} << 36) - 32;

// Encrypts `plaintext` under a 16-, 24- or 32-byte key: `ciphertext` receives plaintext.size
// bytes (it may be the plaintext's own buffer, not a partly overlapping one) and `tag` 16 bytes.
// InvalidArgument for another key or IV size, or a plaintext over GCM's limit.
Status aes_gcm_encrypt(ByteView key, ByteView iv, ByteView aad, ByteView plaintext, uint8_t *ciphertext,
                       uint8_t *tag);

// Decrypts into `plaintext` (ciphertext.size bytes; it may be the ciphertext's own buffer) and
// checks the tag in constant time before returning: when it does not match, the bytes written
// are wiped and nothing of them is released. Every failure (a key, IV or tag of another size, a
// wrong key, a changed IV, AAD, ciphertext or tag) is the one JweDecryptionFailed.
Status aes_gcm_decrypt(ByteView key, ByteView iv, ByteView aad, ByteView ciphertext, ByteView tag,
                       uint8_t *plaintext);

}  // namespace edgejwt
