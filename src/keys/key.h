// A key bound at import to exactly one family (RFC 8725 §3.1) and one use: the family decides which
// algorithms the key may ever be used with, so an RSA public key can never act as an HMAC secret,
// and an Ed25519 key never as an ES256 one; the use (signatures or encryption) decides whether
// those are JWS or JWE algorithms, so a key imported for encryption never signs or verifies and one
// imported for signatures never encrypts or decrypts. Material is validated once, here, so every
// later use can rely on it.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "../jwa/algorithm.h"
#include "../jwa/encryption.h"
#include "../status.h"
#include "material.h"

namespace edgejwt {

enum class KeyOperation : uint8_t { Sign, Verify };
// What a JWE key management algorithm does with a key: determine the CEK for a token being made
// (with a public or a secret key), or recover it from a token (with a private or a secret key).
enum class JweOperation : uint8_t { Encrypt, Decrypt };

// How the key's owner says it may be used (RFC 7517 §4.2-4.5). Empty members restrict nothing.
struct KeyUsage {
  std::string kid;
  // An "alg" name as given (a JWK's, or the importer's choice). For an AES key it may be an "enc"
  // name: a content encryption key for "dir" with that "enc" only (RFC 7520 §5.6's key).
  std::string alg;
  // Whether "alg" is the key's own statement (its JWK's member, or the algorithm it was generated
  // for) rather than the importer's argument: only its own is written back on export (jwk.h).
  bool alg_is_member = false;
  std::string use;                    // "sig", "enc", or another value as given
  std::vector<std::string> key_ops;   // as given, unique
  bool has_key_ops = false;
};

struct KeyBinding;
extern const KeyBinding kSignatureBinding;

class Key {
 public:
  static constexpr size_t kMinHmacSecretSize = 32;    // HS256's hash size (RFC 7518 §3.2)
  static constexpr size_t kMaxHmacSecretSize = 4096;  // a bound, far beyond any real secret
  // A PBES2 password carries the token's whole strength: anyone holding the token can guess
  // passwords offline, at the cost of p2c (by default at most 10,000) HMAC iterations a guess. So
  // at least 16 bytes, the size of the smallest AES key it protects; at most the HMAC bound.
  static constexpr size_t kMinPasswordSize = 16;
  static constexpr size_t kMaxPasswordSize = kMaxHmacSecretSize;

  // Validates `material` for its kind (sizes, ranges, points on their curve, a private key's
  // public part agreeing with it, deriving that part when absent) and binds the key to its family
  // and to `use`. For encryption an "oct" secret (HmacSecret material) becomes what its "alg"
  // says: a password for PBES2, an AES key for "dir", AxxxKW, AxxxGCMKW or an "enc" name; without
  // such an "alg" it is KeyUsageRefused ("alg"), so one secret never serves two constructions.
  // A family that cannot serve `use` is KeyUnsupported (an X25519 key for signatures, an Ed25519
  // key for encryption). A known "alg" of another family is JwkInvalid; an "alg" of the other use
  // is KeyUnsupported for signatures (as every name JWS does not know) and KeyUsageRefused for
  // encryption; an unknown one KeyUnsupported. A secret (HMAC secret, AES key, password) that is in
  // fact a key's PEM, JWK or DER encoding is KeyUsageRefused (RFC 8725 §3.1's algorithm confusion).
  // On failure `detail` names what is at fault by its JWK member name, whatever format the key came
  // in: "alg" (of another family, or unknown); "k" (too short, also for its "alg"'s hash, too long,
  // of another size than its "alg" takes, or a key's encoding); "n" or "e"; "x,y" (an EC point) or
  // "x" (an OKP key); "d" for private values that are out of range or disagree with the public
  // ones; "kty" or "crv" for a family that cannot serve `use`.
  static Status create(KeyUse use, KeyMaterial material, KeyUsage usage, Key &out, std::string &detail);
  // create(KeyUse::Signature, ...) and create(KeyUse::Encryption, ...), each on its own: what a
  // KeyBinding (below) calls.
  static Status create(KeyMaterial material, KeyUsage usage, Key &out, std::string &detail);
  static Status create_for_encryption(KeyMaterial material, KeyUsage usage, Key &out, std::string &detail);

  KeyFamily family() const { return family_; }
  KeyUse use() const;
  // How it was bound: its use's checks and description (below).
  const KeyBinding &binding() const { return *binding_; }
  // An HMAC secret, an AES key or a password.
  bool is_secret() const;
  // A secret or a private key: what signs (a key for signatures) or decrypts (one for encryption).
  bool is_private() const;
  bool can_sign() const { return use() == KeyUse::Signature && is_private(); }
  const KeyMaterial &material() const { return material_; }
  template <typename T>
  const T *as() const { return std::get_if<T>(&material_); }
  const KeyUsage &usage() const { return usage_; }

  // The JWS algorithms the key may be used with (none for a key imported for encryption): its
  // family's, narrowed to its "alg" when it has one, less the HMAC algorithms whose hash is longer
  // than the secret.
  AlgorithmSet usable_algorithms() const;
  // The JWE algorithms the key may be used with (none for a key imported for signatures): its
  // family's, narrowed to its "alg", less those an AES key's size does not fit.
  KeyManagementSet usable_key_management() const;

  // Ok when `operation` with `alg` is allowed: AlgNotAllowed for another family's algorithm,
  // KeyTooShort for an HMAC secret shorter than the hash, KeyUsageRefused when the key was imported
  // for encryption, when "alg", "use" or "key_ops" forbid it or a public key is asked to sign.
  Status check_operation(KeyOperation operation, Algorithm alg) const;

  // The same for JWE: AlgNotAllowed for another family's algorithm; KeyUsageRefused when the key
  // was imported for signatures, when its "alg" is another (an AES key bound to an "enc" consents
  // to "dir"), its "use" is not "enc", its "key_ops" lack the operation's (RFC 7517 §4.3:
  // "encrypt"/"decrypt" for dir, "wrapKey"/"unwrapKey" for key wrapping and RSA-OAEP, "deriveKey"
  // or "deriveBits" for ECDH-ES and PBES2), or a public key is asked to decrypt. Sizes are fits()'s.
  Status check_key_management(JweOperation operation, KeyManagement alg) const;
  // Whether the key's size fits `alg` with `enc`: an AES key is exactly the AES key size of a key
  // wrapping algorithm, or for "dir" exactly enc's key size (and enc itself, when the key is bound
  // to one). Other kinds of key fit every pair their family serves.
  bool fits(KeyManagement alg, ContentEncryption enc) const;

  // The public half with the same use and usage; KeyUsageRefused for a secret.
  Status public_key(Key &out) const;

 private:
  // What create() does for every use once the material is what it will be: the family able to
  // serve the use (`serves`), the material validated, the "alg" checked (`check_alg`), the key bound.
  template <typename CheckAlg>
  static Status bind(const KeyBinding &binding, KeyMaterial material, KeyUsage usage, Key &out, std::string &detail,
                     CheckAlg check_alg);

  KeyFamily family_ = KeyFamily::Hmac;
  const KeyBinding *binding_ = &kSignatureBinding;  // and so its use
  KeyMaterial material_;
  KeyUsage usage_;
};

// How keys are bound to a use at import, as what the importers (formats.h, jwk.h, key_set.h,
// generate.cpp) take: whether a family can serve the use at all, and Key::create for it. A binding
// is chosen where the use is known: a default Wasm module, whose C ABI imports keys for signatures
// only, then links nothing of encryption's (its checks, its algorithms' tables), while key_binding()
// (every KeyUse overload) links both.
struct KeyBinding {
  KeyUse use;
  bool (*serves)(KeyFamily family);
  Status (*create)(KeyMaterial material, KeyUsage usage, Key &out, std::string &detail);
  // The names of the algorithms a key so bound may be used with (usable_algorithms' or
  // usable_key_management's), for its description.
  void (*usable_names)(const Key &key, std::vector<std::string_view> &names);
};
extern const KeyBinding kEncryptionBinding;
const KeyBinding &key_binding(KeyUse use);

inline KeyUse Key::use() const { return binding_->use; }

}  // namespace edgejwt
