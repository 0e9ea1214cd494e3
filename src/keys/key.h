// A key bound at import to exactly one family (RFC 8725 §3.1): the family decides which algorithms
// the key may ever be used with, so an RSA public key can never act as an HMAC secret, and an
// Ed25519 key never as an ES256 one. Material is validated once, here, so every later use can
// rely on it.
#pragma once
#include <string>
#include <vector>

#include "../jwa/algorithm.h"
#include "../status.h"
#include "material.h"

namespace edgejwt {

enum class KeyOperation : uint8_t { Sign, Verify };

// How the key's owner says it may be used (RFC 7517 §4.2-4.5). Empty members restrict nothing.
struct KeyUsage {
  std::string kid;
  std::string alg;                    // an "alg" name as given (a JWK's, or the importer's choice)
  // Whether "alg" is the key's own statement (its JWK's member, or the algorithm it was generated
  // for) rather than the importer's argument: only its own is written back on export (jwk.h).
  bool alg_is_member = false;
  std::string use;                    // "sig", "enc", or another value as given
  std::vector<std::string> key_ops;   // as given, unique
  bool has_key_ops = false;
};

class Key {
 public:
  static constexpr size_t kMinHmacSecretSize = 32;    // HS256's hash size (RFC 7518 §3.2)
  static constexpr size_t kMaxHmacSecretSize = 4096;  // a bound, far beyond any real secret

  // Validates `material` for its kind (sizes, ranges, points on their curve, a private key's
  // public part agreeing with it, deriving that part when absent) and binds the key to its
  // family. A known JWS "alg" of another family is JwkInvalid; an "alg" JWS does not know (an
  // encryption algorithm) is KeyUnsupported; an "HMAC secret" that is in fact a key's PEM, JWK or
  // DER encoding is KeyUsageRefused (RFC 8725 §3.1's algorithm confusion). On failure `detail`
  // names what is at fault by its JWK member name, whatever format the key came in: "alg" (of
  // another family, or unknown); "k" (too short, also for its "alg"'s hash, too long, or a key's
  // encoding); "n" or "e"; "x,y" (an EC point) or "x" (an Ed25519 key); "d" for private values
  // that are out of range or disagree with the public ones.
  static Status create(KeyMaterial material, KeyUsage usage, Key &out, std::string &detail);

  KeyFamily family() const { return family_; }
  bool is_secret() const { return family_ == KeyFamily::Hmac; }
  // True for HMAC secrets and private keys: the key can sign.
  bool can_sign() const;
  const KeyMaterial &material() const { return material_; }
  template <typename T>
  const T *as() const { return std::get_if<T>(&material_); }
  const KeyUsage &usage() const { return usage_; }

  // The algorithms the key may be used with: its family's, narrowed to its "alg" when it has
  // one, less the HMAC algorithms whose hash is longer than the secret.
  AlgorithmSet usable_algorithms() const;

  // Ok when `operation` with `alg` is allowed: AlgNotAllowed for another family's algorithm,
  // KeyTooShort for an HMAC secret shorter than the hash, KeyUsageRefused when "alg", "use" or
  // "key_ops" forbid it or a public key is asked to sign.
  Status check_operation(KeyOperation operation, Algorithm alg) const;

  // The public half with the same usage; KeyUsageRefused for an HMAC secret.
  Status public_key(Key &out) const;

 private:
  KeyFamily family_ = KeyFamily::Hmac;
  KeyMaterial material_;
  KeyUsage usage_;
};

}  // namespace edgejwt
