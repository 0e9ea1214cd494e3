// RSAES-OAEP (RFC 8017 §7.1) with MGF1 over the same hash and an empty label: JWE's RSA-OAEP
// (SHA-1) and RSA-OAEP-256 (RFC 7518 §4.3), and RSA-OAEP-384 and RSA-OAEP-512 (registered for
// WebCrypto's JWK algorithms), on BearSSL's i31 code. Encryption draws OAEP's seed from the
// platform's randomness. Decryption runs BearSSL's constant-time CRT private operation, which
// also refuses a ciphertext ≥ n, and its unpadding, which checks the leading byte, lHash and the
// 0x01 separator without branching on them: whether and why a ciphertext fails does not show in
// the time it takes (Manger's attack). RSA1_5 (RSAES-PKCS1-v1_5) is not implemented: RFC 8725
// §3.2.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "../bytes.h"
#include "../status.h"
#include "rsa.h"

namespace edgejwt {

enum class OaepHash : uint8_t { Sha1, Sha256, Sha384, Sha512 };

constexpr size_t oaep_hash_size(OaepHash hash) {
  return hash == OaepHash::Sha1 ? 20 : hash == OaepHash::Sha256 ? 32 : hash == OaepHash::Sha384 ? 48 : 64;
}

// The longest message a modulus of `modulus_size` bytes carries: k − 2·hLen − 2 (0 when none).
constexpr size_t rsa_oaep_max_message_size(OaepHash hash, size_t modulus_size) {
  const size_t overhead = 2 * oaep_hash_size(hash) + 2;
  return modulus_size > overhead ? modulus_size - overhead : 0;
}

// `ciphertext` receives exactly the modulus length. The key's status from rsa_check_public_key
// when it fails those checks; InvalidArgument for a message longer than the key carries;
// RandomUnavailable without randomness.
Status rsa_oaep_encrypt(OaepHash hash, const RsaPublicKey &key, ByteView message, std::vector<uint8_t> &ciphertext);

// `message` (room for `capacity` bytes) receives `message_size` bytes. The key's status when it
// is unusable (the checks of rsa_check_public_key, or CRT parts BearSSL cannot take); every
// failure of the ciphertext itself (another length than the modulus, a value ≥ n, bad padding,
// a message longer than `capacity`) is the one JweDecryptionFailed, with nothing written.
Status rsa_oaep_decrypt(OaepHash hash, const RsaPrivateKey &key, ByteView ciphertext, uint8_t *message,
                        size_t capacity, size_t &message_size);

}  // namespace edgejwt
