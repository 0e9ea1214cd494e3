#include "algorithm.h"

namespace edgejwt {
namespace {

struct AlgorithmInfo {
  std::string_view name;
  KeyFamily family;
  SignatureScheme scheme;
  Hash hash;
};

// Indexed by Algorithm.
constexpr AlgorithmInfo kAlgorithms[kAlgorithmCount] = {
    {"HS256", KeyFamily::Hmac, SignatureScheme::Hmac, Hash::Sha256},
    {"HS384", KeyFamily::Hmac, SignatureScheme::Hmac, Hash::Sha384},
    {"HS512", KeyFamily::Hmac, SignatureScheme::Hmac, Hash::Sha512},
    {"RS256", KeyFamily::Rsa, SignatureScheme::RsaPkcs1, Hash::Sha256},
    {"RS384", KeyFamily::Rsa, SignatureScheme::RsaPkcs1, Hash::Sha384},
    {"RS512", KeyFamily::Rsa, SignatureScheme::RsaPkcs1, Hash::Sha512},
    {"PS256", KeyFamily::Rsa, SignatureScheme::RsaPss, Hash::Sha256},
    {"PS384", KeyFamily::Rsa, SignatureScheme::RsaPss, Hash::Sha384},
    {"PS512", KeyFamily::Rsa, SignatureScheme::RsaPss, Hash::Sha512},
    {"ES256", KeyFamily::EcP256, SignatureScheme::Ecdsa, Hash::Sha256},
    {"ES384", KeyFamily::EcP384, SignatureScheme::Ecdsa, Hash::Sha384},
    {"ES512", KeyFamily::EcP521, SignatureScheme::Ecdsa, Hash::Sha512},
    {"EdDSA", KeyFamily::Ed25519, SignatureScheme::Ed25519, Hash::Sha512},
    {"Ed25519", KeyFamily::Ed25519, SignatureScheme::Ed25519, Hash::Sha512},
};

const AlgorithmInfo &info(Algorithm alg) { return kAlgorithms[static_cast<unsigned>(alg)]; }

}  // namespace

AlgorithmSet AlgorithmSet::of_family(KeyFamily family) {
  AlgorithmSet set;
  for (unsigned i = 0; i < kAlgorithmCount; ++i) {
    if (kAlgorithms[i].family == family) set.add(static_cast<Algorithm>(i));
  }
  return set;
}

bool algorithm_from_name(std::string_view name, Algorithm &out) {
  for (unsigned i = 0; i < kAlgorithmCount; ++i) {
    if (kAlgorithms[i].name == name) {
      out = static_cast<Algorithm>(i);
      return true;
    }
  }
  return false;
}

std::string_view algorithm_name(Algorithm alg) { return info(alg).name; }
KeyFamily algorithm_family(Algorithm alg) { return info(alg).family; }
SignatureScheme algorithm_scheme(Algorithm alg) { return info(alg).scheme; }
Hash algorithm_hash(Algorithm alg) { return info(alg).hash; }

}  // namespace edgejwt
