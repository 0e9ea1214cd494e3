#include "algorithm.h"

namespace edgejwt {
namespace {

struct AlgorithmInfo {
  std::string_view name;
  KeyFamily family;
  Hash hash;
};

// Indexed by Algorithm.
constexpr AlgorithmInfo kAlgorithms[kAlgorithmCount] = {
    {"HS256", KeyFamily::Hmac, Hash::Sha256},
    {"HS384", KeyFamily::Hmac, Hash::Sha384},
    {"HS512", KeyFamily::Hmac, Hash::Sha512},
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
Hash algorithm_hash(Algorithm alg) { return info(alg).hash; }

}  // namespace edgejwt
