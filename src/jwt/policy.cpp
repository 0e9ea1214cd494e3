#include "policy.h"

#include "../encoding/json.h"

namespace edgejwt {
namespace {

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

template <typename Number>
Status read_positive(const JsonValue &value, Number &out) {
  if (!value.IsUint64() || value.GetUint64() == 0 || value.GetUint64() > UINT32_MAX) return Status::InvalidArgument;
  out = static_cast<Number>(value.GetUint64());
  return Status::Ok;
}

Status read_member(std::string_view name, const JsonValue &value, VerifyPolicy &policy) {
  TokenLimits &limits = policy.limits;
  if (name == "algorithms") return read_algorithms(value, policy);
  if (name == "clockTolerance") {
    if (!value.IsNumber() || value.GetDouble() < 0) return Status::InvalidArgument;
    policy.clock_tolerance = value.GetDouble();
    return Status::Ok;
  }
  if (name == "maxTokenLength") return read_positive(value, limits.max_token_length);
  if (name == "maxHeaderSize") return read_positive(value, limits.max_header_size);
  if (name == "maxPayloadSize") return read_positive(value, limits.max_payload_size);
  if (name == "maxJsonDepth") return read_positive(value, limits.json.max_depth);
  if (name == "maxJsonEntries") return read_positive(value, limits.json.max_entries);
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
  for (auto it = document.MemberBegin(); it != document.MemberEnd(); ++it) {
    const std::string_view name = string_view_of(it->name);
    if (Status status = read_member(name, it->value, policy); status != Status::Ok) {
      detail.assign(name.data(), name.size());
      return status;
    }
  }
  return Status::Ok;
}

}  // namespace edgejwt
