#include "aes_cbc_hmac.h"

#include <cstring>

#include <bearssl_hmac.h>

#include "bearssl_aes.h"
#include "bearssl_hash.h"
#include "hmac.h"
#include "nonnull.h"
#include "../wipe.h"

namespace edgejwt {
namespace {

// SHA-256/384/512 for keys of 32/48/64 bytes (whose ENC_KEY halves are AES-128/192/256 keys).
bool hash_for_key(ByteView key, Hash &hash) { return hash_from_bits(static_cast<uint32_t>(key.size * 8), hash); }

// The full HMAC(MAC_KEY, AAD || IV || ciphertext || AL) into `mac` (hash_size(hash) bytes).
void compute_mac(Hash hash, ByteView mac_key, ByteView aad, ByteView iv, const uint8_t *ciphertext,
                 size_t ciphertext_size, uint8_t *mac) {
  br_hmac_key_context key_context;
  br_hmac_key_init(&key_context, bearssl_hash_class(hash), mac_key.data, mac_key.size);
  br_hmac_context context;
  br_hmac_init(&context, &key_context, 0);
  br_hmac_update(&context, nonnull(aad), aad.size);
  br_hmac_update(&context, iv.data, iv.size);
  br_hmac_update(&context, ciphertext, ciphertext_size);
  const uint64_t aad_bits = static_cast<uint64_t>(aad.size) * 8;
  uint8_t al[8];
  for (size_t i = 0; i < sizeof al; ++i) al[i] = static_cast<uint8_t>(aad_bits >> (56 - 8 * i));
  br_hmac_update(&context, al, sizeof al);
  br_hmac_out(&context, mac);
  secure_wipe(&context, sizeof context);
  secure_wipe(&key_context, sizeof key_context);
}

// 1 when a < b, for a and b below 2^31, without a branch.
uint32_t less_than(uint32_t a, uint32_t b) { return (a - b) >> 31; }

// PKCS#7 on the last block of `data` (size a multiple of 16, at least 16): the last byte p must be
// in 1..16 and the last p bytes must all equal p. Every byte of the block is read whatever p is,
// and the verdict is one bit, so timing tells neither p nor which byte was wrong.
bool padding_valid(const uint8_t *data, size_t size, size_t &padding) {
  const uint32_t p = data[size - 1];
  uint32_t mismatch = 0;
  for (uint32_t i = 0; i < kAesBlockSize; ++i) {
    const uint32_t in_padding = 0u - less_than(i, p);
    mismatch |= in_padding & (data[size - 1 - i] ^ p);
  }
  const uint32_t valid = less_than(0, p) & less_than(p, kAesBlockSize + 1) & less_than(mismatch, 1);
  padding = p;
  return valid == 1;
}

bool sizes_valid(ByteView key, ByteView iv, Hash &hash) { return hash_for_key(key, hash) && iv.size == kCbcHmacIvSize; }

}  // namespace

Status aes_cbc_hmac_encrypt(ByteView key, ByteView iv, ByteView aad, ByteView plaintext, uint8_t *ciphertext,
                            uint8_t *tag) {
  Hash hash;
  if (!sizes_valid(key, iv, hash)) return Status::InvalidArgument;
  const size_t half = key.size / 2;
  const size_t size = cbc_hmac_ciphertext_size(plaintext.size);
  const uint8_t padding = static_cast<uint8_t>(size - plaintext.size);
  if (plaintext.size > 0) std::memmove(ciphertext, plaintext.data, plaintext.size);
  std::memset(ciphertext + plaintext.size, padding, padding);

  AesCbcEncryptKeys keys;
  aes_cbc_encrypt_init(keys, key.data + half, half);
  uint8_t chain[kCbcHmacIvSize];
  std::memcpy(chain, iv.data, sizeof chain);
  aes_cbc_encrypt(keys, chain, ciphertext, size);
  secure_wipe(&keys, sizeof keys);

  uint8_t mac[kMaxHashSize];
  compute_mac(hash, ByteView(key.data, half), aad, iv, ciphertext, size, mac);
  std::memcpy(tag, mac, cbc_hmac_tag_size(key.size));
  return Status::Ok;
}

Status aes_cbc_hmac_decrypt(ByteView key, ByteView iv, ByteView aad, ByteView ciphertext, ByteView tag,
                            uint8_t *plaintext, size_t &plaintext_size) {
  Hash hash;
  if (!sizes_valid(key, iv, hash) || tag.size != cbc_hmac_tag_size(key.size) || ciphertext.size == 0 ||
      ciphertext.size % kAesBlockSize != 0) {
    return Status::JweDecryptionFailed;
  }
  const size_t half = key.size / 2;
  uint8_t mac[kMaxHashSize];
  compute_mac(hash, ByteView(key.data, half), aad, iv, ciphertext.data, ciphertext.size, mac);
  if (!constant_time_equal(mac, tag.data, tag.size)) return Status::JweDecryptionFailed;

  std::memmove(plaintext, ciphertext.data, ciphertext.size);
  AesCbcDecryptKeys keys;
  aes_cbc_decrypt_init(keys, key.data + half, half);
  uint8_t chain[kCbcHmacIvSize];
  std::memcpy(chain, iv.data, sizeof chain);
  aes_cbc_decrypt(keys, chain, plaintext, ciphertext.size);
  secure_wipe(&keys, sizeof keys);

  size_t padding = 0;
  if (!padding_valid(plaintext, ciphertext.size, padding)) {
    secure_wipe(plaintext, ciphertext.size);
    return Status::JweDecryptionFailed;
  }
  plaintext_size = ciphertext.size - padding;
  return Status::Ok;
}

}  // namespace edgejwt
