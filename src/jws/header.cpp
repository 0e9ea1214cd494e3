#include "header.h"

#include "../jose/crit.h"
#include "../jose/header_members.h"

namespace edgejwt {
namespace {

Status fail(Status status, const char *member, std::string &detail) {
  detail = member;
  return status;
}

}  // namespace

Status read_protected_header(const JsonValue &header, const HeaderRules &rules, ProtectedHeader &out,
                             std::string &detail) {
  out = ProtectedHeader{};  // `out` is reused from token to token: nothing may carry over
  const JsonValue *alg = find_member(header, "alg");
  if (!alg || !alg->IsString()) return fail(Status::HeaderInvalid, "alg", detail);
  if (!algorithm_from_name(string_view_of(*alg), out.alg)) return fail(Status::AlgNotSupported, "alg", detail);
  if (Status status = read_optional_string(header, "kid", Status::HeaderInvalid, out.kid, out.has_kid, detail);
      status != Status::Ok) {
    return status;
  }
  // "kid" is an opaque identifier, compared as bytes and never interpreted: only its size matters,
  // and over its bound it is an input limit (HeaderTooLarge), not a malformed member.
  if (out.kid.size() > rules.max_kid_length) return fail(Status::HeaderTooLarge, "kid", detail);
  if (Status status = read_optional_string(header, "typ", Status::HeaderInvalid, out.typ, out.has_typ, detail);
      status != Status::Ok) {
    return status;
  }
  // "b64": false changes what was signed (RFC 7797), which no JWT may do; "zip" is for JWE only.
  if (const JsonValue *b64 = find_member(header, "b64"); b64 && !b64->IsTrue()) {
    return fail(Status::HeaderInvalid, "b64", detail);
  }
  if (find_member(header, "zip")) return fail(Status::HeaderInvalid, "zip", detail);
  return check_crit(header, rules.understood, detail);
}

}  // namespace edgejwt
