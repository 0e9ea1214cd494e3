#include "rsa_oaep.h"

#include <algorithm>

#include <bearssl_hash.h>
#include <bearssl_rand.h>

#include "bearssl_hash.h"
#include "bearssl_rsa_key.h"
#include "nonnull.h"
#include "random.h"
#include "../wipe.h"

namespace edgejwt {
namespace {

constexpr size_t kMaxModulusSize = kRsaMaxModulusBits / 8;

const br_hash_class *oaep_hash_class(OaepHash hash) {
  switch (hash) {
    case OaepHash::Sha1:
      return &br_sha1_vtable;
    case OaepHash::Sha256:
      return bearssl_hash_class(Hash::Sha256);
    case OaepHash::Sha384:
      return bearssl_hash_class(Hash::Sha384);
    case OaepHash::Sha512:
      return bearssl_hash_class(Hash::Sha512);
  }
  return bearssl_hash_class(Hash::Sha512);
}

}  // namespace

// OAEP's seed comes from an HMAC-DRBG seeded by the platform, as BearSSL's padding code takes a
// PRNG object.
Status rsa_oaep_encrypt(OaepHash hash, const RsaPublicKey &key, ByteView message, std::vector<uint8_t> &ciphertext) {
  br_rsa_public_key public_key;
  if (Status status = bearssl_rsa_public_key(key, public_key); status != Status::Ok) return status;
  if (message.size > rsa_oaep_max_message_size(hash, public_key.nlen)) return Status::InvalidArgument;
  uint8_t seed[32];
  if (Status status = random_bytes(seed, sizeof seed); status != Status::Ok) return status;
  br_hmac_drbg_context drbg;
  br_hmac_drbg_init(&drbg, &br_sha256_vtable, seed, sizeof seed);
  secure_wipe(seed, sizeof seed);
  ciphertext.resize(public_key.nlen);
  const size_t written = br_rsa_i31_oaep_encrypt(&drbg.vtable, oaep_hash_class(hash), nullptr, 0, &public_key,
                                                 ciphertext.data(), ciphertext.size(), nonnull(message), message.size);
  secure_wipe(&drbg, sizeof drbg);
  return written == ciphertext.size() ? Status::Ok : Status::KeyInvalid;
}

Status rsa_oaep_decrypt(OaepHash hash, const RsaPrivateKey &key, ByteView ciphertext, uint8_t *message,
                        size_t capacity, size_t &message_size) {
  br_rsa_private_key private_key;
  if (Status status = bearssl_rsa_private_key(key, private_key); status != Status::Ok) return status;
  const size_t modulus_size = (private_key.n_bitlen + 7) / 8;
  if (ciphertext.size != modulus_size) return Status::JweDecryptionFailed;
  uint8_t buffer[kMaxModulusSize];
  std::copy_n(ciphertext.data, ciphertext.size, buffer);
  size_t size = ciphertext.size;
  const uint32_t decrypted = br_rsa_i31_oaep_decrypt(oaep_hash_class(hash), nullptr, 0, &private_key, buffer, &size);
  const bool fits = decrypted == 1 && size <= capacity;
  if (fits) {
    std::copy_n(buffer, size, message);
    message_size = size;
  }
  secure_wipe(buffer, sizeof buffer);
  return fits ? Status::Ok : Status::JweDecryptionFailed;
}

}  // namespace edgejwt
