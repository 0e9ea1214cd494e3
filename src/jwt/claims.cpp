#include "claims.h"

namespace edgejwt {
namespace {

Status fail(Status status, const char *claim_and_reason, std::string &detail) {
  detail = claim_and_reason;
  return status;
}

}  // namespace

Status check_time_claims(const JsonValue &payload, double now, double tolerance, std::string &detail) {
  const JsonValue *exp = find_member(payload, "exp");
  const JsonValue *nbf = find_member(payload, "nbf");
  if (exp && !exp->IsNumber()) return fail(Status::ClaimValidationFailed, "exp:invalid", detail);
  if (nbf && !nbf->IsNumber()) return fail(Status::ClaimValidationFailed, "nbf:invalid", detail);
  if (exp && exp->GetDouble() <= now - tolerance) return fail(Status::JwtExpired, "exp:check_failed", detail);
  if (nbf && nbf->GetDouble() > now + tolerance) return fail(Status::ClaimValidationFailed, "nbf:check_failed", detail);
  return Status::Ok;
}

}  // namespace edgejwt
