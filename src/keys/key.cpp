#include "key.h"

namespace edgejwt {

Status Key::import_hmac_secret(ByteView secret, Key &out) {
  if (secret.size < kMinHmacSecretSize) return Status::KeyTooShort;
  out.family_ = KeyFamily::Hmac;
  out.material_ = HmacSecret{SecretBytes(secret)};
  return Status::Ok;
}

AlgorithmSet Key::usable_algorithms() const {
  AlgorithmSet usable;
  const AlgorithmSet family_algorithms = AlgorithmSet::of_family(family_);
  for (unsigned i = 0; i < kAlgorithmCount; ++i) {
    const auto alg = static_cast<Algorithm>(i);
    if (!family_algorithms.contains(alg)) continue;
    if (const HmacSecret *secret = hmac_secret(); secret && secret->bytes.size() < hash_size(algorithm_hash(alg))) {
      continue;
    }
    usable.add(alg);
  }
  return usable;
}

}  // namespace edgejwt
