#include "signature.h"

#include "../crypto/hmac.h"

namespace edgejwt {
namespace {

// The family and length checks every use of a key makes before any primitive runs.
Status check_key_fits(const Key &key, Algorithm alg) {
  if (key.family() != algorithm_family(alg)) return Status::AlgNotAllowed;
  if (const HmacSecret *secret = key.hmac_secret()) {
    if (secret->bytes.size() < hash_size(algorithm_hash(alg))) return Status::KeyTooShort;
  }
  return Status::Ok;
}

}  // namespace

Status create_signature(const Key &key, Algorithm alg, ByteView signing_input, std::vector<uint8_t> &signature) {
  if (Status status = check_key_fits(key, alg); status != Status::Ok) return status;
  const Hash hash = algorithm_hash(alg);
  signature.resize(hash_size(hash));
  hmac(hash, key.hmac_secret()->bytes.view(), signing_input, signature.data());
  return Status::Ok;
}

Status check_signature(const Key &key, Algorithm alg, ByteView signing_input, ByteView signature) {
  if (Status status = check_key_fits(key, alg); status != Status::Ok) return status;
  const Hash hash = algorithm_hash(alg);
  if (signature.size != hash_size(hash)) return Status::SignatureLength;
  uint8_t expected[kMaxHashSize];
  hmac(hash, key.hmac_secret()->bytes.view(), signing_input, expected);
  return constant_time_equal(expected, signature.data, signature.size) ? Status::Ok : Status::SignatureInvalid;
}

}  // namespace edgejwt
