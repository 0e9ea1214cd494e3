// A local JSON Web Key Set (RFC 7517 §5) and choosing the key for a token as jose's
// createLocalJWKSet does: by "kid", "alg", key type and curve, "use" and "key_ops". A set is
// imported for one use: signatures (the keys that verify JWSs) or encryption (the keys that
// decrypt JWEs, "use": "enc" entries among them).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../jwa/algorithm.h"
#include "../status.h"
#include "key.h"

namespace edgejwt {

class KeySet {
 public:
  static constexpr size_t kMaxKeys = 100;
  static constexpr size_t kMaxSetSize = 512 * 1024;

  // JwksInvalid unless `json` is an object whose "keys" is an array of objects (at most kMaxKeys).
  // Entries that cannot be keys for `use` (unsupported types, invalid material, for signatures an
  // X25519 key or an encryption "alg", for encryption an Ed25519 key or an "oct" key without its
  // "alg") are skipped, as they can never match a token; `skipped` counts them.
  static Status import(std::string_view json, KeyUse use, KeySet &out, std::string &detail);
  // The same with the use's binding (key.h), which links only that use's checks.
  static Status import(std::string_view json, const KeyBinding &binding, KeySet &out, std::string &detail);
  // A set for signatures.
  static Status import(std::string_view json, KeySet &out, std::string &detail);

  // The one key for a token signed with `alg` (and `kid`, when its header has one):
  // JwksNoMatchingKey when none fits, JwksMultipleMatchingKeys when several do; then `candidates`
  // lists the positions in the "keys" array of every key that fits, comma-separated ("0,2"), so
  // that the caller can try them in turn (jose's JWKSMultipleMatchingKeys is iterable over them).
  // An HMAC `alg` is AlgNotSupported (`candidates` then names "alg"), as in jose: a set holds no
  // secrets, so its entries are not even looked at.
  Status select(Algorithm alg, std::optional<std::string_view> kid, size_t &index, std::string &candidates) const;
  // The same for a JWE: the key that decrypts a token of `alg` and `enc` (by kid, family, "alg",
  // "use", "key_ops", and size for AES keys), for ECDH-ES one of the ephemeral key's family.
  Status select_for_decryption(KeyManagement alg, ContentEncryption enc, std::optional<KeyFamily> agreement_family,
                               std::optional<std::string_view> kid, size_t &index) const;

  const Key &key(size_t index) const { return keys_[index]; }
  size_t size() const { return keys_.size(); }
  size_t skipped() const { return skipped_; }
  // The position of keys_[index] in the "keys" array it came from.
  size_t source_index(size_t index) const { return source_indexes_[index]; }

 private:
  std::vector<Key> keys_;
  std::vector<size_t> source_indexes_;
  size_t skipped_ = 0;
};

}  // namespace edgejwt
