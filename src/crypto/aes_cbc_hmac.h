// AES_CBC_HMAC_SHA2 (RFC 7518 §5.2), JWE's A128CBC-HS256, A192CBC-HS384 and A256CBC-HS512: ours,
// on BearSSL's constant-time AES-CBC (bearssl_aes.h) and its HMAC. The key's size chooses the
// algorithm (32, 48 or 64 bytes: MAC_KEY its first half, ENC_KEY its second, SHA-256/384/512);
// the tag is the first half of HMAC(MAC_KEY, AAD || IV || ciphertext || AL), AL being the AAD's
// length in bits as 64 bits big-endian. The JWE layer binds `enc` to its key size; this layer
// refuses any other size.
#pragma once
#include <cstddef>
#include <cstdint>

#include "../bytes.h"
#include "../status.h"

namespace edgejwt {

constexpr size_t kCbcHmacIvSize = 16;

// The tag's size for a key of `key_size` bytes: 16, 24 or 32.
constexpr size_t cbc_hmac_tag_size(size_t key_size) { return key_size / 2; }
// The ciphertext's size: the plaintext with PKCS#7 padding (1 to 16 bytes) to whole AES blocks.
constexpr size_t cbc_hmac_ciphertext_size(size_t plaintext_size) { return (plaintext_size / 16 + 1) * 16; }

// `ciphertext` receives cbc_hmac_ciphertext_size(plaintext.size) bytes (it may be the plaintext's
// own buffer if that has room) and `tag` cbc_hmac_tag_size(key.size). InvalidArgument for a key of
// another size or an IV that is not 16 bytes.
Status aes_cbc_hmac_encrypt(ByteView key, ByteView iv, ByteView aad, ByteView plaintext, uint8_t *ciphertext,
                            uint8_t *tag);

// The tag is checked, in constant time, before anything is decrypted; then the PKCS#7 padding, in
// constant time too, with one verdict for the whole of it. `plaintext` (room for ciphertext.size
// bytes; it may be the ciphertext's own buffer) receives `plaintext_size` bytes, or is left
// untouched when the tag is wrong and wiped when the padding is. Every failure (a key, IV or tag of
// another size, a ciphertext that is not whole blocks, a wrong key, a changed AAD, IV, ciphertext
// or tag, bad padding) is the one JweDecryptionFailed.
Status aes_cbc_hmac_decrypt(ByteView key, ByteView iv, ByteView aad, ByteView ciphertext, ByteView tag,
                            uint8_t *plaintext, size_t &plaintext_size);

}  // namespace edgejwt
