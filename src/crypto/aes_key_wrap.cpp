#include "aes_key_wrap.h"

#include <cstring>

#include "bearssl_aes.h"
#include "hmac.h"
#include "../wipe.h"

namespace edgejwt {
namespace {

constexpr size_t kSemiblock = 8;
constexpr size_t kRounds = 6;
constexpr uint8_t kDefaultIv[kSemiblock] = {0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6};

bool key_data_size_valid(size_t size) {
  return size >= kKeyWrapMinKeyDataSize && size <= kKeyWrapMaxKeyDataSize && size % kSemiblock == 0;
}

// A ^= t as a 64-bit big-endian integer (t = n·j + i stays far below 2^32 within the bounds).
void xor_counter(uint8_t *a, uint64_t t) {
  for (size_t k = 0; k < kSemiblock; ++k) a[kSemiblock - 1 - k] ^= static_cast<uint8_t>(t >> (8 * k));
}

// One AES block through BearSSL's CBC code with a zero IV: E(K, block) or D(K, block). The
// raw block functions of ct64 are internal to BearSSL; CBC of one block with IV 0 is the same.
template <typename Keys, typename Run>
void one_block(const Keys &keys, Run run, uint8_t *block) {
  uint8_t iv[kAesBlockSize] = {};
  run(keys, iv, block, kAesBlockSize);
}

// The key schedule of one direction, wiped when done.
template <typename Keys>
class KeySchedule {
 public:
  template <typename Init>
  KeySchedule(Init init, ByteView kek) {
    init(keys_, kek.data, kek.size);
  }
  KeySchedule(const KeySchedule &) = delete;
  KeySchedule &operator=(const KeySchedule &) = delete;
  ~KeySchedule() { secure_wipe(&keys_, sizeof keys_); }
  const Keys &keys() const { return keys_; }

 private:
  Keys keys_;
};

}  // namespace

// §2.2.1, the index-based form: for j = 0..5, i = 1..n: B = E(K, A | R[i]); A = MSB64(B) ^ t with
// t = n·j + i; R[i] = LSB64(B). The output is A | R[1] | … | R[n].
Status aes_key_wrap(ByteView kek, ByteView key_data, uint8_t *wrapped) {
  if (!is_aes_key_size(kek.size) || !key_data_size_valid(key_data.size)) return Status::InvalidArgument;
  const KeySchedule<AesCbcEncryptKeys> schedule(aes_cbc_encrypt_init, kek);
  const size_t n = key_data.size / kSemiblock;
  uint8_t *r = wrapped + kSemiblock;
  std::memmove(r, key_data.data, key_data.size);
  uint8_t block[kAesBlockSize];
  std::memcpy(block, kDefaultIv, kSemiblock);
  for (size_t j = 0; j < kRounds; ++j) {
    for (size_t i = 1; i <= n; ++i) {
      std::memcpy(block + kSemiblock, r + (i - 1) * kSemiblock, kSemiblock);
      one_block(schedule.keys(), aes_cbc_encrypt, block);
      xor_counter(block, n * j + i);
      std::memcpy(r + (i - 1) * kSemiblock, block + kSemiblock, kSemiblock);
    }
  }
  std::memcpy(wrapped, block, kSemiblock);
  secure_wipe(block, sizeof block);
  return Status::Ok;
}

// §2.2.2, the index-based form: for j = 5..0, i = n..1: B = D(K, (A ^ t) | R[i]); A = MSB64(B);
// R[i] = LSB64(B). §2.2.3: the key data is released only when A is the default IV.
Status aes_key_unwrap(ByteView kek, ByteView wrapped, uint8_t *key_data) {
  if (!is_aes_key_size(kek.size) || wrapped.size < kKeyWrapOverhead ||
      !key_data_size_valid(wrapped.size - kKeyWrapOverhead)) {
    return Status::JweDecryptionFailed;
  }
  const KeySchedule<AesCbcDecryptKeys> schedule(aes_cbc_decrypt_init, kek);
  const size_t n = wrapped.size / kSemiblock - 1;
  std::memmove(key_data, wrapped.data + kSemiblock, n * kSemiblock);
  uint8_t block[kAesBlockSize];
  std::memcpy(block, wrapped.data, kSemiblock);
  for (size_t j = kRounds; j-- > 0;) {
    for (size_t i = n; i >= 1; --i) {
      xor_counter(block, n * j + i);
      std::memcpy(block + kSemiblock, key_data + (i - 1) * kSemiblock, kSemiblock);
      one_block(schedule.keys(), aes_cbc_decrypt, block);
      std::memcpy(key_data + (i - 1) * kSemiblock, block + kSemiblock, kSemiblock);
    }
  }
  const bool intact = constant_time_equal(block, kDefaultIv, kSemiblock);
  secure_wipe(block, sizeof block);
  if (!intact) {
    secure_wipe(key_data, n * kSemiblock);
    return Status::JweDecryptionFailed;
  }
  return Status::Ok;
}

}  // namespace edgejwt
