#include "crit.h"

#include <algorithm>
#include <string_view>

namespace edgejwt {
namespace {

// Header parameters RFC 7515, 7516 and 7518 define: "crit" may never list them.
constexpr std::string_view kStandardNames[] = {"alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ",
                                               "cty", "crit", "enc", "zip", "epk", "apu", "apv", "iv", "tag",
                                               "p2s", "p2c"};

bool is_standard_name(std::string_view name) {
  return std::find(std::begin(kStandardNames), std::end(kStandardNames), name) != std::end(kStandardNames);
}

}  // namespace

Status check_crit(const JsonValue &header, const std::vector<std::string> *understood, std::string &detail) {
  const JsonValue *crit = find_member(header, "crit");
  if (!crit) return Status::Ok;
  if (!crit->IsArray() || crit->Empty()) {
    detail = "crit";
    return Status::CritInvalid;
  }
  const auto names = crit->GetArray();
  for (auto it = names.begin(); it != names.end(); ++it) {
    const bool form_ok = it->IsString() && it->GetStringLength() != 0;
    const std::string_view name = form_ok ? string_view_of(*it) : std::string_view();
    const bool repeated = form_ok && std::any_of(names.begin(), it, [&](const JsonValue &earlier) {
      return string_view_of(earlier) == name;
    });
    if (!form_ok || repeated || is_standard_name(name) || !find_member(header, name)) {
      detail = "crit";
      return Status::CritInvalid;
    }
  }
  if (!understood) return Status::Ok;
  for (const auto &item : names) {
    const std::string_view name = string_view_of(item);
    if (std::find(understood->begin(), understood->end(), name) == understood->end()) {
      detail.assign(name.data(), name.size());
      return Status::CritNotUnderstood;
    }
  }
  return Status::Ok;
}

}  // namespace edgejwt
