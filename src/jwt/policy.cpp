#include "policy.h"

#include <cmath>

#include "../encoding/json.h"

namespace edgejwt {
namespace {

constexpr size_t kMaxListSize = 64;
constexpr size_t kMaxStringSize = 1024;

Status read_algorithms(const JsonValue &value, VerifyPolicy &policy) {
  if (!value.IsArray() || value.Empty()) return Status::InvalidArgument;
  for (const auto &name : value.GetArray()) {
    if (!name.IsString()) return Status::InvalidArgument;
    Algorithm alg;
    if (!algorithm_from_name(string_view_of(name), alg)) return Status::AlgNotSupported;
    policy.algorithms.add(alg);
  }
  policy.has_algorithms = true;
  return Status::Ok;
}

Status read_string(const JsonValue &value, std::string &out) {
  if (!value.IsString() || value.GetStringLength() > kMaxStringSize) return Status::InvalidArgument;
  out.assign(value.GetString(), value.GetStringLength());
  return Status::Ok;
}

// A list of non-empty strings, which may be empty (jose's options take any length: an empty
// issuer or audience list matches nothing); with `single_allowed`, a lone string stands for a list
// of one.
Status read_strings(const JsonValue &value, bool single_allowed, std::vector<std::string> &out) {
  out.clear();
  if (single_allowed && value.IsString()) {
    out.emplace_back();
    return read_string(value, out.back()) != Status::Ok || out.back().empty() ? Status::InvalidArgument : Status::Ok;
  }
  if (!value.IsArray() || value.Size() > kMaxListSize) return Status::InvalidArgument;
  for (const auto &item : value.GetArray()) {
    out.emplace_back();
    if (read_string(item, out.back()) != Status::Ok || out.back().empty()) return Status::InvalidArgument;
  }
  return Status::Ok;
}

Status read_seconds(const JsonValue &value, double &out) {
  if (!value.IsNumber() || !std::isfinite(value.GetDouble()) || value.GetDouble() < 0) return Status::InvalidArgument;
  out = value.GetDouble();
  return Status::Ok;
}

// A whole number from 1 to `most`.
template <typename Number>
Status read_positive(const JsonValue &value, Number &out, uint64_t most = UINT32_MAX) {
  if (!value.IsUint64() || value.GetUint64() == 0 || value.GetUint64() > most) return Status::InvalidArgument;
  out = static_cast<Number>(value.GetUint64());
  return Status::Ok;
}

Status read_member(std::string_view name, const JsonValue &value, VerifyPolicy &policy) {
  TokenLimits &limits = policy.limits;
  if (name == "algorithms") return read_algorithms(value, policy);
  if (name == "issuer") {
    policy.has_issuers = true;
    return read_strings(value, true, policy.issuers);
  }
  if (name == "audience") {
    policy.has_audiences = true;
    return read_strings(value, true, policy.audiences);
  }
  if (name == "subject") {
    policy.has_subject = true;
    return read_string(value, policy.subject);
  }
  if (name == "typ") {
    policy.has_typ = true;
    return read_string(value, policy.typ);
  }
  if (name == "maxTokenAge") {
    policy.has_max_token_age = true;
    return read_seconds(value, policy.max_token_age);
  }
  if (name == "clockTolerance") return read_seconds(value, policy.clock_tolerance);
  if (name == "requiredClaims") return read_strings(value, false, policy.required_claims);
  if (name == "crit") return read_strings(value, false, policy.crit);
  if (name == "maxTokenLength") return read_positive(value, limits.max_token_length);
  if (name == "maxHeaderSize") return read_positive(value, limits.max_header_size);
  if (name == "maxPayloadSize") return read_positive(value, limits.max_payload_size);
  if (name == "maxJsonDepth") return read_positive(value, limits.json.max_depth, kMaxJsonDepthBound);
  if (name == "maxJsonEntries") return read_positive(value, limits.json.max_entries);
  if (name == "maxKidLength") return read_positive(value, policy.max_kid_length);
  return Status::InvalidArgument;
}

}  // namespace

Status parse_verify_policy(std::string_view json, VerifyPolicy &policy, std::string &detail) {
  JsonDocument document;
  if (Status status = parse_json_object(json, JsonLimits{}, document); status != Status::Ok) {
    detail = "options";
    return status == Status::JsonNotObject ? Status::InvalidArgument : status;
  }
  policy = VerifyPolicy{};
  for (auto it = document.root().MemberBegin(); it != document.root().MemberEnd(); ++it) {
    const std::string_view name = string_view_of(it->name);
    if (Status status = read_member(name, it->value, policy); status != Status::Ok) {
      detail.assign(name.data(), name.size());
      return status;
    }
  }
  return Status::Ok;
}

}  // namespace edgejwt
