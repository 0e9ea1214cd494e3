// Content encryption (RFC 7516 §5.1 steps 11-15, §5.2 step 16; RFC 7518 §5): one place that
// dispatches an "enc" to its AEAD in src/crypto/ with the CEK, IV and tag sizes that "enc" fixes,
// so a CEK of another size (an AES-256 key under "A128GCM", say) is never used.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "../bytes.h"
#include "../jwa/encryption.h"
#include "../status.h"

namespace edgejwt {

// The ciphertext's size for a plaintext of `plaintext_size` bytes under `enc`.
size_t content_ciphertext_size(ContentEncryption enc, size_t plaintext_size);

// `ciphertext` and `tag` are replaced. InvalidArgument for a CEK or IV of another size than enc's.
Status encrypt_content(ContentEncryption enc, ByteView cek, ByteView iv, ByteView aad, ByteView plaintext,
                       std::vector<uint8_t> &ciphertext, std::vector<uint8_t> &tag);

// `plaintext` is replaced with the decryption, after the tag is checked in constant time (for
// CBC-HMAC before anything is decrypted), or emptied. Every failure (a CEK, IV or tag of another
// size than enc's, a wrong CEK, a changed AAD, IV, ciphertext or tag, bad padding) is the one
// JweDecryptionFailed.
Status decrypt_content(ContentEncryption enc, ByteView cek, ByteView iv, ByteView aad, ByteView ciphertext,
                       ByteView tag, std::string &plaintext);

}  // namespace edgejwt
