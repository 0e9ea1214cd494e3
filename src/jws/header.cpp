#include "header.h"

#include <algorithm>

namespace edgejwt {
namespace {

// Header parameters RFC 7515, 7516 and 7518 define: "crit" may never list them (RFC 7515 §4.1.11).
constexpr std::string_view kStandardNames[] = {"alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ",
                                               "cty", "crit", "enc", "zip", "epk", "apu", "apv", "iv", "tag",
                                               "p2s", "p2c"};

bool is_standard_name(std::string_view name) {
  return std::find(std::begin(kStandardNames), std::end(kStandardNames), name) != std::end(kStandardNames);
}

Status fail(Status status, const char *member, std::string &detail) {
  detail = member;
  return status;
}

// An optional string member: absent is fine, present must be a string.
Status read_optional_string(const JsonValue &header, const char *name, std::string_view &out, bool &present,
                            std::string &detail) {
  const JsonValue *value = find_member(header, name);
  present = value != nullptr;
  if (!value) return Status::Ok;
  if (!value->IsString()) return fail(Status::HeaderInvalid, name, detail);
  out = string_view_of(*value);
  return Status::Ok;
}

// Its form is checked whole before any name is looked up, so a malformed "crit" is always
// reported as such.
Status check_crit(const JsonValue &header, const HeaderRules &rules, std::string &detail) {
  const JsonValue *crit = find_member(header, "crit");
  if (!crit) return Status::Ok;
  if (!crit->IsArray() || crit->Empty()) return fail(Status::CritInvalid, "crit", detail);
  const auto names = crit->GetArray();
  for (auto it = names.begin(); it != names.end(); ++it) {
    if (!it->IsString() || it->GetStringLength() == 0) return fail(Status::CritInvalid, "crit", detail);
    const std::string_view name = string_view_of(*it);
    const bool repeated = std::any_of(names.begin(), it, [&](const JsonValue &earlier) {
      return string_view_of(earlier) == name;
    });
    if (repeated || is_standard_name(name) || !find_member(header, name)) {
      return fail(Status::CritInvalid, "crit", detail);
    }
  }
  if (!rules.understood) return Status::Ok;
  for (const auto &item : names) {
    const std::string_view name = string_view_of(item);
    if (std::find(rules.understood->begin(), rules.understood->end(), name) == rules.understood->end()) {
      detail.assign(name.data(), name.size());
      return Status::CritNotUnderstood;
    }
  }
  return Status::Ok;
}

}  // namespace

Status read_protected_header(const JsonValue &header, const HeaderRules &rules, ProtectedHeader &out,
                             std::string &detail) {
  out = ProtectedHeader{};  // `out` is reused from token to token: nothing may carry over
  const JsonValue *alg = find_member(header, "alg");
  if (!alg || !alg->IsString()) return fail(Status::HeaderInvalid, "alg", detail);
  if (!algorithm_from_name(string_view_of(*alg), out.alg)) return fail(Status::AlgNotSupported, "alg", detail);
  if (Status status = read_optional_string(header, "kid", out.kid, out.has_kid, detail); status != Status::Ok) {
    return status;
  }
  // "kid" is an opaque identifier, compared as bytes and never interpreted: only its size matters.
  if (out.kid.size() > rules.max_kid_length) return fail(Status::HeaderInvalid, "kid", detail);
  if (Status status = read_optional_string(header, "typ", out.typ, out.has_typ, detail); status != Status::Ok) {
    return status;
  }
  // "b64": false changes what was signed (RFC 7797), which no JWT may do; "zip" is for JWE only.
  if (const JsonValue *b64 = find_member(header, "b64"); b64 && !b64->IsTrue()) {
    return fail(Status::HeaderInvalid, "b64", detail);
  }
  if (find_member(header, "zip")) return fail(Status::HeaderInvalid, "zip", detail);
  return check_crit(header, rules, detail);
}

}  // namespace edgejwt
