#include "select.h"

#include <optional>

#include "../encoding/json.h"
#include "../jws/header.h"

namespace edgejwt {

Status select_key(const VerificationKeys &keys, std::string_view header_json, const TokenLimits &limits,
                  DecodedToken &out, size_t &index) {
  out.detail.clear();
  index = 0;
  if (header_json.size() > limits.max_header_size) return fail_in("header", Status::HeaderTooLarge, out);
  if (Status status = parse_json_object(header_json, limits.json, out.header_document); status != Status::Ok) {
    return fail_in("header", status, out);
  }
  if (Status status = read_protected_header(out.header_document.root(), HeaderRules{}, out.header, out.detail);
      status != Status::Ok) {
    return status;
  }
  if (!keys.set) return Status::Ok;
  const std::optional<std::string_view> kid = out.header.has_kid ? std::optional(out.header.kid) : std::nullopt;
  return keys.set->select(out.header.alg, kid, index, out.detail);
}

}  // namespace edgejwt
