#include "key_set.h"

#include "../encoding/json.h"
#include "jwk.h"

namespace edgejwt {
namespace {

// jose's candidate filter (lib/jwks/local.ts): every member the JWK has must fit the token.
bool matches(const Key &key, Algorithm alg, std::optional<std::string_view> kid) {
  if (kid && key.usage().kid != *kid) return false;
  if (key.family() != algorithm_family(alg) || key.is_secret()) return false;  // kty and crv
  return key.check_operation(KeyOperation::Verify, alg) == Status::Ok;         // alg, use, key_ops
}

bool decrypts(const Key &key, KeyManagement alg, ContentEncryption enc, std::optional<KeyFamily> agreement_family,
              std::optional<std::string_view> kid) {
  if (kid && key.usage().kid != *kid) return false;
  if (agreement_family && key.family() != *agreement_family) return false;
  return key.check_key_management(JweOperation::Decrypt, alg) == Status::Ok && key.fits(alg, enc);
}

// The one index `fits` accepts.
template <typename Fits>
Status select_one(const std::vector<Key> &keys, Fits fits, size_t &index) {
  size_t found = 0;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (!fits(keys[i])) continue;
    if (++found > 1) return Status::JwksMultipleMatchingKeys;
    index = i;
  }
  return found == 1 ? Status::Ok : Status::JwksNoMatchingKey;
}

}  // namespace

Status KeySet::import(std::string_view json, const KeyBinding &binding, KeySet &out, std::string &detail) {
  detail.clear();
  out = KeySet{};
  // Over a bound, the detail names the length refused (the text's, the keys'), not a malformed member.
  if (json.size() > kMaxSetSize) {
    detail = "length";
    return Status::JwksInvalid;
  }
  JsonDocument document;
  JsonLimits limits;
  limits.max_entries = 4096;  // a set's members, and an RSA key's x5c chain
  if (Status status = parse_json_object(json, limits, document); status != Status::Ok) {
    detail = "jwks";
    return status == Status::JsonNotObject ? Status::JwksInvalid : status;
  }
  const JsonValue *keys = find_member(document.root(), "keys");
  if (!keys || !keys->IsArray()) {
    detail = "keys";
    return Status::JwksInvalid;
  }
  if (keys->Size() > kMaxKeys) {
    detail = "keys.length";
    return Status::JwksInvalid;
  }
  for (rapidjson::SizeType i = 0; i < keys->Size(); ++i) {
    const JsonValue &entry = (*keys)[i];
    if (!entry.IsObject()) {
      detail = "keys";
      return Status::JwksInvalid;
    }
    Key key;
    std::string entry_detail;
    if (import_jwk(entry, binding, {}, key, entry_detail) != Status::Ok) {
      ++out.skipped_;
      continue;
    }
    out.keys_.push_back(std::move(key));
    out.source_indexes_.push_back(i);
  }
  return Status::Ok;
}

Status KeySet::import(std::string_view json, KeyUse use, KeySet &out, std::string &detail) {
  return import(json, key_binding(use), out, detail);
}

Status KeySet::import(std::string_view json, KeySet &out, std::string &detail) {
  return import(json, kSignatureBinding, out, detail);
}

Status KeySet::select(Algorithm alg, std::optional<std::string_view> kid, size_t &index,
                      std::string &candidates) const {
  // A set holds public keys: an HMAC token is never one it can verify, whatever its entries.
  if (algorithm_family(alg) == KeyFamily::Hmac) {
    candidates = "alg";
    return Status::AlgNotSupported;
  }
  const auto fits = [&](const Key &key) { return matches(key, alg, kid); };
  const Status status = select_one(keys_, fits, index);
  if (status != Status::JwksMultipleMatchingKeys) return status;
  candidates.clear();
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (!fits(keys_[i])) continue;
    if (!candidates.empty()) candidates.push_back(',');
    candidates += std::to_string(source_indexes_[i]);
  }
  return status;
}

Status KeySet::select_for_decryption(KeyManagement alg, ContentEncryption enc,
                                     std::optional<KeyFamily> agreement_family, std::optional<std::string_view> kid,
                                     size_t &index) const {
  return select_one(keys_, [&](const Key &key) { return decrypts(key, alg, enc, agreement_family, kid); }, index);
}

}  // namespace edgejwt
