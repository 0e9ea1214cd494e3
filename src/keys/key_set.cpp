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

}  // namespace

Status KeySet::import(std::string_view json, KeySet &out, std::string &detail) {
  detail.clear();
  out = KeySet{};
  if (json.size() > kMaxSetSize) return Status::JwksInvalid;
  JsonDocument document;
  JsonLimits limits;
  limits.max_entries = 4096;  // a set's members, and an RSA key's x5c chain
  if (Status status = parse_json_object(json, limits, document); status != Status::Ok) {
    detail = "jwks";
    return status == Status::JsonNotObject ? Status::JwksInvalid : status;
  }
  const JsonValue *keys = find_member(document.root(), "keys");
  if (!keys || !keys->IsArray() || keys->Size() > kMaxKeys) {
    detail = "keys";
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
    if (import_jwk(entry, {}, key, entry_detail) != Status::Ok) {
      ++out.skipped_;
      continue;
    }
    out.keys_.push_back(std::move(key));
    out.source_indexes_.push_back(i);
  }
  return Status::Ok;
}

Status KeySet::select(Algorithm alg, std::optional<std::string_view> kid, size_t &index) const {
  size_t found = 0;
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (!matches(keys_[i], alg, kid)) continue;
    if (++found > 1) return Status::JwksMultipleMatchingKeys;
    index = i;
  }
  return found == 1 ? Status::Ok : Status::JwksNoMatchingKey;
}

}  // namespace edgejwt
