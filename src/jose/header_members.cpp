#include "header_members.h"

namespace edgejwt {

Status read_optional_string(const JsonValue &header, const char *name, Status invalid, std::string_view &out,
                            bool &present, std::string &detail) {
  const JsonValue *value = find_member(header, name);
  present = value != nullptr;
  if (!value) return Status::Ok;
  if (!value->IsString()) {
    detail = name;
    return invalid;
  }
  out = string_view_of(*value);
  return Status::Ok;
}

}  // namespace edgejwt
