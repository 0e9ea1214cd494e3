#include "cty.h"

#include <algorithm>
#include <cctype>

namespace edgejwt {

bool names_nested_jwt(const JsonValue &header) {
  constexpr std::string_view kJwt = "JWT";
  const JsonValue *cty = find_member(header, "cty");
  if (!cty || !cty->IsString()) return false;
  const std::string_view value = string_view_of(*cty);
  return value.size() == kJwt.size() && std::equal(value.begin(), value.end(), kJwt.begin(), [](char a, char b) {
           return std::toupper(static_cast<unsigned char>(a)) == b;
         });
}

Status with_nested_cty(std::string_view header_json, const JsonLimits &limits, std::string &out, std::string &detail) {
  JsonDocument document;
  if (Status status = parse_json_object(header_json, limits, document); status != Status::Ok) {
    detail = "header";
    return status;
  }
  if (find_member(document.root(), "cty")) {
    if (names_nested_jwt(document.root())) {
      out.assign(header_json.data(), header_json.size());
      return Status::Ok;
    }
    detail = "cty";
    return Status::InvalidArgument;
  }
  // A JSON object's text starts with its brace once leading whitespace is passed.
  const size_t open = header_json.find('{');
  out.assign(header_json.substr(0, open + 1));
  out += R"("cty":"JWT")";
  const std::string_view rest = header_json.substr(open + 1);
  const bool empty = rest.find_first_not_of(" \t\r\n") == rest.find('}');
  if (!empty) out += ',';
  out += rest;
  return Status::Ok;
}

}  // namespace edgejwt
