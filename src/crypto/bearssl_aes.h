// The AES code every construction in src/crypto/ runs on (internal to src/crypto/: it brings
// BearSSL's headers): BearSSL's constant-time bitsliced "ct64" AES and its ctmul64 GHASH, named
// here once so that every build runs the same code. ct64 was measured against BearSSL's 32-bit
// "ct" with both Wasm builds' flags (docs/design.md, "JWE constructions"): GCM is 1.2x and CBC
// decryption 1.9x faster on ct64, single blocks (key wrap) 3-11% slower, and one implementation
// links less code than two. BearSSL's table-based AES ("big", "small") is not constant-time and
// is never used.
#pragma once
#include <cstddef>

#include <bearssl_aead.h>
#include <bearssl_block.h>

namespace edgejwt {

using AesCtrKeys = br_aes_ct64_ctr_keys;
using AesCbcEncryptKeys = br_aes_ct64_cbcenc_keys;
using AesCbcDecryptKeys = br_aes_ct64_cbcdec_keys;

inline void aes_ctr_init(AesCtrKeys &keys, const void *key, size_t size) { br_aes_ct64_ctr_init(&keys, key, size); }
inline void aes_cbc_encrypt_init(AesCbcEncryptKeys &keys, const void *key, size_t size) {
  br_aes_ct64_cbcenc_init(&keys, key, size);
}
inline void aes_cbc_decrypt_init(AesCbcDecryptKeys &keys, const void *key, size_t size) {
  br_aes_ct64_cbcdec_init(&keys, key, size);
}
// CBC over `size` bytes (a multiple of 16) in place; `iv` (16 bytes) is updated to the last block.
inline void aes_cbc_encrypt(const AesCbcEncryptKeys &keys, void *iv, void *data, size_t size) {
  br_aes_ct64_cbcenc_run(&keys, iv, data, size);
}
inline void aes_cbc_decrypt(const AesCbcDecryptKeys &keys, void *iv, void *data, size_t size) {
  br_aes_ct64_cbcdec_run(&keys, iv, data, size);
}

constexpr br_ghash kGcmGhash = br_ghash_ctmul64;

constexpr size_t kAesBlockSize = 16;

// AES-128, AES-192, AES-256.
constexpr bool is_aes_key_size(size_t size) { return size == 16 || size == 24 || size == 32; }

}  // namespace edgejwt
