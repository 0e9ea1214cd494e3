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

// The registered claims of a payload, found in one pass over its members.
struct RegisteredClaims {
  const JsonValue *iss = nullptr, *sub = nullptr, *aud = nullptr, *jti = nullptr;
  const JsonValue *exp = nullptr, *nbf = nullptr, *iat = nullptr;

  explicit RegisteredClaims(const JsonValue &payload) {
    for (auto it = payload.MemberBegin(); it != payload.MemberEnd(); ++it) {
      const std::string_view name = string_view_of(it->name);
      if (name.size() != 3) continue;
      for (auto [claim, slot] : {std::pair{"iss", &iss}, {"sub", &sub}, {"aud", &aud}, {"jti", &jti},
                                 {"exp", &exp}, {"nbf", &nbf}, {"iat", &iat}}) {
        if (name == claim) *slot = &it->value;
      }
    }
  }
};

// Registered claims that are present must have their registered types.
Status check_types(const RegisteredClaims &claims, std::string &detail) {
  for (auto [name, value] : {std::pair{"iss", claims.iss}, {"sub", claims.sub}, {"jti", claims.jti}}) {
    if (value && !value->IsString()) return fail_claim(name, "invalid", detail);
  }
  if (claims.aud && !is_audience(*claims.aud)) return fail_claim("aud", "invalid", detail);
  for (auto [name, value] : {std::pair{"exp", claims.exp}, {"nbf", claims.nbf}, {"iat", claims.iat}}) {
    if (value && !is_numeric_date(*value)) return fail_claim(name, "invalid", detail);
  }
  return Status::Ok;
}

// jose's order, so that a token missing several claims is refused for the same one: the claims an
// option implies (iss, sub, aud, iat), then the required claims from the last to the first.
Status check_required(const JsonValue &payload, const RegisteredClaims &claims, const VerifyPolicy &policy,
                      std::string &detail) {
  const std::pair<const char *, bool> implied[] = {{"iss", policy.has_issuers && !claims.iss},
                                                   {"sub", policy.has_subject && !claims.sub},
                                                   {"aud", policy.has_audiences && !claims.aud},
                                                   {"iat", policy.has_max_token_age && !claims.iat}};
  for (const auto &[claim, missing] : implied) {
    if (missing) return fail_claim(claim, "missing", detail);
  }
  for (auto claim = policy.required_claims.rbegin(); claim != policy.required_claims.rend(); ++claim) {
    if (!find_member(payload, *claim)) {
      detail = *claim + ":missing";
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

Status check_values(const RegisteredClaims &claims, const VerifyPolicy &policy, std::string &detail) {
  if (policy.has_issuers && !contains(policy.issuers, *claims.iss)) return fail_claim("iss", "check_failed", detail);
  if (policy.has_subject && string_view_of(*claims.sub) != policy.subject) {
    return fail_claim("sub", "check_failed", detail);
  }
  if (policy.has_audiences && !audience_matches(*claims.aud, policy.audiences)) {
    return fail_claim("aud", "check_failed", detail);
  }
  return Status::Ok;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

// RFC 7515 §4.1.9: a "typ" without a "/" stands for "application/" followed by it ("JWT" is
// "application/jwt"); a value with a "/" is a full media type, compared as it is. So only the short
// form gains the prefix: "text/plain" never matches "application/text/plain".
bool same_type(std::string_view a, std::string_view b) {
  constexpr std::string_view kPrefix = "application/";
  const bool a_short = a.find('/') == std::string_view::npos;
  const bool b_short = b.find('/') == std::string_view::npos;
  if (a_short == b_short) return equal_ignoring_case(a, b);
  const std::string_view full = a_short ? b : a;
  const std::string_view short_form = a_short ? a : b;
  return full.size() == kPrefix.size() + short_form.size() &&
         equal_ignoring_case(full.substr(0, kPrefix.size()), kPrefix) &&
         equal_ignoring_case(full.substr(kPrefix.size()), short_form);
}

Status check_times(const RegisteredClaims &claims, const VerifyPolicy &policy, double now, std::string &detail) {
  const double tolerance = policy.clock_tolerance;
  if (claims.iat && claims.iat->GetDouble() > now + tolerance) return fail_claim("iat", "check_failed", detail);
  if (claims.nbf && claims.nbf->GetDouble() > now + tolerance) return fail_claim("nbf", "check_failed", detail);
  if (claims.exp && claims.exp->GetDouble() <= now - tolerance) {
    return fail(Status::JwtExpired, "exp", "check_failed", detail);
  }
  if (policy.has_max_token_age && now - claims.iat->GetDouble() - tolerance > policy.max_token_age) {
    return fail(Status::JwtExpired, "iat", "check_failed", detail);
  }
  return Status::Ok;
}

// check_times' bounds as an interval of `now`, for a cache to tell without the core whether they
// still hold; the upper end is exclusive (the max-age bound is inclusive: at that instant the
// cache merely asks the core again).
TimeWindow time_window(const RegisteredClaims &claims, const VerifyPolicy &policy) {
  const double tolerance = policy.clock_tolerance;
  TimeWindow window;
  for (const JsonValue *start : {claims.iat, claims.nbf}) {
    if (start) window.from = std::max(window.from, start->GetDouble() - tolerance);
  }
  if (claims.exp) window.until = std::min(window.until, claims.exp->GetDouble() + tolerance);
  if (policy.has_max_token_age) {
    window.until = std::min(window.until, claims.iat->GetDouble() + tolerance + policy.max_token_age);
  }
  return window;
}

}  // namespace

Status check_claims(const JsonValue &payload, const ProtectedHeader &header, const VerifyPolicy &policy, double now,
                    std::string &detail, TimeWindow &window) {
  // An absent "typ" fails the check as another would (jose's "check_failed"): typ is a header
  // member, not a claim a token could be missing.
  if (policy.has_typ && (!header.has_typ || !same_type(header.typ, policy.typ))) return fail_claim("typ", "check_failed", detail);
  const RegisteredClaims claims(payload);
  if (Status status = check_types(claims, detail); status != Status::Ok) return status;
  if (Status status = check_required(payload, claims, policy, detail); status != Status::Ok) return status;
  if (Status status = check_values(claims, policy, detail); status != Status::Ok) return status;
  if (Status status = check_times(claims, policy, now, detail); status != Status::Ok) return status;
  window = time_window(claims, policy);
  return Status::Ok;
}

}  // namespace edgejwt
