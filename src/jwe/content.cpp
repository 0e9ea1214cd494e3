#include "content.h"

#include "../crypto/aes_cbc_hmac.h"
#include "../crypto/aes_gcm.h"
#include "../wipe.h"

namespace edgejwt {

size_t content_ciphertext_size(ContentEncryption enc, size_t plaintext_size) {
  return content_encryption_info(enc).cipher == ContentCipher::AesGcm ? plaintext_size
                                                                      : cbc_hmac_ciphertext_size(plaintext_size);
}

Status encrypt_content(ContentEncryption enc, ByteView cek, ByteView iv, ByteView aad, ByteView plaintext,
                       std::vector<uint8_t> &ciphertext, std::vector<uint8_t> &tag) {
  const ContentEncryptionInfo &info = content_encryption_info(enc);
  if (cek.size != info.key_size || iv.size != info.iv_size) return Status::InvalidArgument;
  ciphertext.resize(content_ciphertext_size(enc, plaintext.size));
  tag.resize(info.tag_size);
  return info.cipher == ContentCipher::AesGcm
             ? aes_gcm_encrypt(cek, iv, aad, plaintext, ciphertext.data(), tag.data())
             : aes_cbc_hmac_encrypt(cek, iv, aad, plaintext, ciphertext.data(), tag.data());
}

Status decrypt_content(ContentEncryption enc, ByteView cek, ByteView iv, ByteView aad, ByteView ciphertext,
                       ByteView tag, std::string &plaintext) {
  const ContentEncryptionInfo &info = content_encryption_info(enc);
  secure_wipe(plaintext.data(), plaintext.size());  // what a previous token left
  plaintext.clear();
  // The IV's and tag's sizes are the crypto's to refuse too; the CEK's only enc knows.
  if (cek.size != info.key_size) return Status::JweDecryptionFailed;
  plaintext.resize(ciphertext.size);
  auto *out = reinterpret_cast<uint8_t *>(plaintext.data());
  size_t size = ciphertext.size;
  const Status status = info.cipher == ContentCipher::AesGcm
                            ? aes_gcm_decrypt(cek, iv, aad, ciphertext, tag, out)
                            : aes_cbc_hmac_decrypt(cek, iv, aad, ciphertext, tag, out, size);
  plaintext.resize(status == Status::Ok ? size : 0);
  return status;
}

}  // namespace edgejwt
