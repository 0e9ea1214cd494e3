#include "aes_gcm.h"

#include <cstring>

#include "bearssl_aes.h"
#include "nonnull.h"
#include "../wipe.h"

namespace edgejwt {
namespace {

// BearSSL's GCM state over its AES key schedule, both wiped when the run ends.
class GcmRun {
 public:
  GcmRun(ByteView key, ByteView iv, ByteView aad) {
    aes_ctr_init(keys_, key.data, key.size);
    br_gcm_init(&gcm_, &keys_.vtable, kGcmGhash);
    br_gcm_reset(&gcm_, iv.data, iv.size);
    br_gcm_aad_inject(&gcm_, nonnull(aad), aad.size);
    br_gcm_flip(&gcm_);
  }
  GcmRun(const GcmRun &) = delete;
  GcmRun &operator=(const GcmRun &) = delete;
  ~GcmRun() {
    secure_wipe(&gcm_, sizeof gcm_);
    secure_wipe(&keys_, sizeof keys_);
  }

  // CTR over `data` in place, GHASH over the ciphertext side.
  void run(bool encrypt, uint8_t *data, size_t size) {
    if (size > 0) br_gcm_run(&gcm_, encrypt ? 1 : 0, data, size);
  }
  void tag(uint8_t *out) { br_gcm_get_tag(&gcm_, out); }
  // br_gcm_check_tag ORs the XOR of every byte: no early exit.
  bool tag_matches(const uint8_t *expected) { return br_gcm_check_tag(&gcm_, expected) == 1; }

 private:
  AesCtrKeys keys_;
  br_gcm_context gcm_;
};

bool sizes_valid(ByteView key, ByteView iv, size_t data_size) {
  return is_aes_key_size(key.size) && iv.size == kGcmIvSize && static_cast<uint64_t>(data_size) <= kGcmMaxPlaintextSize;
}

}  // namespace

Status aes_gcm_encrypt(ByteView key, ByteView iv, ByteView aad, ByteView plaintext, uint8_t *ciphertext,
                       uint8_t *tag) {
  if (!sizes_valid(key, iv, plaintext.size)) return Status::InvalidArgument;
  GcmRun gcm(key, iv, aad);
  if (plaintext.size > 0) std::memmove(ciphertext, plaintext.data, plaintext.size);
  gcm.run(true, ciphertext, plaintext.size);
  gcm.tag(tag);
  return Status::Ok;
}

Status aes_gcm_decrypt(ByteView key, ByteView iv, ByteView aad, ByteView ciphertext, ByteView tag,
                       uint8_t *plaintext) {
  if (!sizes_valid(key, iv, ciphertext.size) || tag.size != kGcmTagSize) return Status::JweDecryptionFailed;
  GcmRun gcm(key, iv, aad);
  if (ciphertext.size > 0) std::memmove(plaintext, ciphertext.data, ciphertext.size);
  gcm.run(false, plaintext, ciphertext.size);
  if (!gcm.tag_matches(tag.data)) {
    secure_wipe(plaintext, ciphertext.size);
    return Status::JweDecryptionFailed;
  }
  return Status::Ok;
}

}  // namespace edgejwt
