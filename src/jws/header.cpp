#include "header.h"

namespace edgejwt {
namespace {

// An optional string member: absent is fine, present must be a string.
Status read_optional_string(const JsonValue &header, std::string_view name, std::string_view &out, bool *present) {
  const JsonValue *value = find_member(header, name);
  if (present) *present = value != nullptr;
  if (!value) return Status::Ok;
  if (!value->IsString()) return Status::HeaderInvalid;
  out = string_view_of(*value);
  return Status::Ok;
}

}  // namespace

Status read_protected_header(const JsonValue &header, ProtectedHeader &out) {
  const JsonValue *alg = find_member(header, "alg");
  if (!alg || !alg->IsString()) return Status::HeaderInvalid;
  if (!algorithm_from_name(string_view_of(*alg), out.alg)) return Status::AlgNotSupported;
  if (Status status = read_optional_string(header, "kid", out.kid, &out.has_kid); status != Status::Ok) return status;
  if (Status status = read_optional_string(header, "typ", out.typ, nullptr); status != Status::Ok) return status;
  // edgejwt understands no "crit" extension, so any "crit" must be refused (RFC 7515 §4.1.11);
  // "b64": false changes what was signed (RFC 7797) and "zip" is for JWE only.
  if (find_member(header, "crit") || find_member(header, "zip")) return Status::HeaderInvalid;
  if (const JsonValue *b64 = find_member(header, "b64"); b64 && !b64->IsTrue()) return Status::HeaderInvalid;
  return Status::Ok;
}

}  // namespace edgejwt
