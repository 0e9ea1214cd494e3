#include "claims.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace edgejwt {
namespace {

Status fail(Status status, const char *claim, const char *reason, std::string &detail) {
  detail = claim;
  detail += ':';
  detail += reason;
  return status;
}

Status fail_claim(const char *claim, const char *reason, std::string &detail) {
  return fail(Status::ClaimValidationFailed, claim, reason, detail);
}

bool is_numeric_date(const JsonValue &value) {
  return value.IsNumber() && std::isfinite(value.GetDouble()) && value.GetDouble() >= 0 &&
         value.GetDouble() <= kMaxNumericDate;
}

bool is_audience(const JsonValue &value) {
  if (value.IsString()) return true;
  if (!value.IsArray()) return false;
  return std::all_of(value.Begin(), value.End(), [](const JsonValue &item) { return item.IsString(); });
}

// Registered claims that are present must have their registered types.
Status check_types(const JsonValue &payload, std::string &detail) {
  for (const char *claim : {"iss", "sub", "jti"}) {
    if (const JsonValue *value = find_member(payload, claim); value && !value->IsString()) {
      return fail_claim(claim, "invalid", detail);
    }
  }
  if (const JsonValue *aud = find_member(payload, "aud"); aud && !is_audience(*aud)) {
    return fail_claim("aud", "invalid", detail);
  }
  for (const char *claim : {"exp", "nbf", "iat"}) {
    if (const JsonValue *value = find_member(payload, claim); value && !is_numeric_date(*value)) {
      return fail_claim(claim, "invalid", detail);
    }
  }
  return Status::Ok;
}

Status check_required(const JsonValue &payload, const VerifyPolicy &policy, std::string &detail) {
  const std::pair<const char *, bool> implied[] = {{"iss", !policy.issuers.empty()},
                                                   {"aud", !policy.audiences.empty()},
                                                   {"sub", policy.has_subject},
                                                   {"iat", policy.has_max_token_age}};
  for (const auto &[claim, required] : implied) {
    if (required && !find_member(payload, claim)) return fail_claim(claim, "missing", detail);
  }
  for (const std::string &claim : policy.required_claims) {
    if (!find_member(payload, claim)) {
      detail = claim + ":missing";
      return Status::ClaimValidationFailed;
    }
  }
  return Status::Ok;
}

bool contains(const std::vector<std::string> &values, const JsonValue &string) {
  return std::find(values.begin(), values.end(), string_view_of(string)) != values.end();
}

bool audience_matches(const JsonValue &aud, const std::vector<std::string> &audiences) {
  if (aud.IsString()) return contains(audiences, aud);
  return std::any_of(aud.Begin(), aud.End(), [&](const JsonValue &item) { return contains(audiences, item); });
}

Status check_values(const JsonValue &payload, const VerifyPolicy &policy, std::string &detail) {
  const JsonValue *iss = find_member(payload, "iss");
  if (!policy.issuers.empty() && !contains(policy.issuers, *iss)) return fail_claim("iss", "check_failed", detail);
  const JsonValue *sub = find_member(payload, "sub");
  if (policy.has_subject && string_view_of(*sub) != policy.subject) return fail_claim("sub", "check_failed", detail);
  const JsonValue *aud = find_member(payload, "aud");
  if (!policy.audiences.empty() && !audience_matches(*aud, policy.audiences)) {
    return fail_claim("aud", "check_failed", detail);
  }
  return Status::Ok;
}

// RFC 8725 §3.11 explicit typing: "JWT" and "application/jwt" are the same type, in any case.
std::string normalized_type(std::string_view typ) {
  std::string lower(typ);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  constexpr std::string_view kPrefix = "application/";
  return lower.compare(0, kPrefix.size(), kPrefix) == 0 ? lower.substr(kPrefix.size()) : lower;
}

Status check_times(const JsonValue &payload, const VerifyPolicy &policy, double now, std::string &detail) {
  const double tolerance = policy.clock_tolerance;
  const JsonValue *iat = find_member(payload, "iat");
  const JsonValue *nbf = find_member(payload, "nbf");
  const JsonValue *exp = find_member(payload, "exp");
  if (iat && iat->GetDouble() > now + tolerance) return fail_claim("iat", "check_failed", detail);
  if (nbf && nbf->GetDouble() > now + tolerance) return fail_claim("nbf", "check_failed", detail);
  if (exp && exp->GetDouble() <= now - tolerance) return fail(Status::JwtExpired, "exp", "check_failed", detail);
  if (policy.has_max_token_age && now - iat->GetDouble() - tolerance > policy.max_token_age) {
    return fail(Status::JwtExpired, "iat", "check_failed", detail);
  }
  return Status::Ok;
}

}  // namespace

Status check_claims(const JsonValue &payload, const ProtectedHeader &header, const VerifyPolicy &policy, double now,
                    std::string &detail) {
  if (policy.has_typ && (!header.has_typ || normalized_type(header.typ) != normalized_type(policy.typ))) {
    return fail_claim("typ", header.has_typ ? "check_failed" : "missing", detail);
  }
  if (Status status = check_types(payload, detail); status != Status::Ok) return status;
  if (Status status = check_required(payload, policy, detail); status != Status::Ok) return status;
  if (Status status = check_values(payload, policy, detail); status != Status::Ok) return status;
  return check_times(payload, policy, now, detail);
}

}  // namespace edgejwt
