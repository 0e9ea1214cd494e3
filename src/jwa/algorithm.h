// The facts of JSON Web Algorithms (RFC 7518, RFC 8037) that edgejwt implements, in one table each:
// the JWS "alg" values (§3.1, RFC 8037, and "Ed25519" from the fully-specified algorithms draft),
// each tied to one key family, signature scheme, hash and signature length; and the key families
// (a JWK "kty" with its "crv"; the curves themselves are in crypto/curve.h). Keys, JWS, JWT and
// the bindings derive what they need from here. "none" is deliberately absent: an unsecured token
// can only ever be decoded (RFC 8725 §3.1).
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "../crypto/curve.h"
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
constexpr unsigned kKeyFamilyCount = 6;

enum class SignatureScheme : uint8_t { Hmac, RsaPkcs1, RsaPss, Ecdsa, Ed25519 };

struct KeyFamilyInfo {
  KeyFamily family;
  std::string_view name;       // as edgejwt_key_describe reports it
  std::string_view kty;        // the JWK "kty" (RFC 7518 §6.1, RFC 8037 §2)
  std::optional<Curve> curve;  // an EC family's curve
  std::string_view crv;        // the JWK "crv" (an EC curve's name); empty for a kty without one
};

struct AlgorithmInfo {
  Algorithm alg;
  std::string_view name;  // the JWS "alg" value
  KeyFamily family;
  SignatureScheme scheme;
  Hash hash;  // Ed25519's internal SHA-512 is not a parameter of the scheme; it is reported as such
  // Bytes of every signature: the MAC, 2 × the curve size (R || S), 64 for Ed25519; 0 for RSA,
  // whose signatures are exactly as long as the key's modulus.
  size_t signature_size;
};

const KeyFamilyInfo &key_family_info(KeyFamily family);
const AlgorithmInfo &algorithm_info(Algorithm alg);
// The family of EC keys on `curve`.
KeyFamily ec_family(Curve curve);
// The scheme's short name ("hmac", "pkcs1", "pss", "ecdsa", "ed25519").
std::string_view signature_scheme_name(SignatureScheme scheme);

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

// Case-sensitive, as RFC 7515 §4.1.1 requires; false for anything not in the table.
bool algorithm_from_name(std::string_view name, Algorithm &out);
inline std::string_view algorithm_name(Algorithm alg) { return algorithm_info(alg).name; }
inline KeyFamily algorithm_family(Algorithm alg) { return algorithm_info(alg).family; }
inline SignatureScheme algorithm_scheme(Algorithm alg) { return algorithm_info(alg).scheme; }
inline Hash algorithm_hash(Algorithm alg) { return algorithm_info(alg).hash; }

}  // namespace edgejwt
