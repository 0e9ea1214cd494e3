// The JWS "alg" values edgejwt implements (RFC 7518 §3.1, RFC 8037, and "Ed25519" from the
// fully-specified algorithms draft), each tied to one key family and one signature scheme.
// "none" is deliberately absent: an unsecured token can only ever be decoded (RFC 8725 §3.1).
#pragma once
#include <cstdint>
#include <string_view>

#include "../crypto/hash.h"

namespace edgejwt {

enum class Algorithm : uint8_t {
  HS256, HS384, HS512,
  RS256, RS384, RS512,
  PS256, PS384, PS512,
  ES256, ES384, ES512,
  EdDSA, Ed25519,
};
constexpr unsigned kAlgorithmCount = 14;

// What a key is, fixed at import: the curve is part of an EC key's family (RFC 8725 §3.1).
enum class KeyFamily : uint8_t { Hmac, Rsa, EcP256, EcP384, EcP521, Ed25519 };

enum class SignatureScheme : uint8_t { Hmac, RsaPkcs1, RsaPss, Ecdsa, Ed25519 };

// A set of algorithms as a bit mask (bit n = Algorithm n): cheap to intersect on the hot path.
class AlgorithmSet {
 public:
  constexpr AlgorithmSet() = default;
  static constexpr AlgorithmSet of(Algorithm alg) { return AlgorithmSet(1u << static_cast<unsigned>(alg)); }
  static AlgorithmSet of_family(KeyFamily family);

  constexpr bool contains(Algorithm alg) const { return (bits_ >> static_cast<unsigned>(alg)) & 1u; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr void add(Algorithm alg) { bits_ |= 1u << static_cast<unsigned>(alg); }
  constexpr AlgorithmSet operator&(AlgorithmSet other) const { return AlgorithmSet(bits_ & other.bits_); }
  constexpr bool operator==(AlgorithmSet other) const { return bits_ == other.bits_; }

 private:
  constexpr explicit AlgorithmSet(uint32_t bits) : bits_(bits) {}
  uint32_t bits_ = 0;
};

// Case-sensitive, as RFC 7515 §4.1.1 requires; false for anything not in the enum.
bool algorithm_from_name(std::string_view name, Algorithm &out);
std::string_view algorithm_name(Algorithm alg);
KeyFamily algorithm_family(Algorithm alg);
SignatureScheme algorithm_scheme(Algorithm alg);
// The hash the scheme uses (Ed25519's internal SHA-512 is not a parameter: Sha512 is reported).
Hash algorithm_hash(Algorithm alg);

}  // namespace edgejwt
