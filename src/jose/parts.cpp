#include "parts.h"

namespace edgejwt {

Status decode_json_part(std::string_view text, size_t max_size, Status too_large, const JsonLimits &limits,
                        std::string &out, JsonDocument &document) {
  if (Status status = decode_part(text, max_size, too_large, out); status != Status::Ok) return status;
  return parse_json_object(out, limits, document);
}

Status decode_header_part(std::string_view text, const TokenLimits &limits, std::string &json, JsonDocument &document,
                          std::string &detail) {
  const Status status = decode_json_part(text, limits.max_header_size, Status::HeaderTooLarge, limits.json, json, document);
  if (status != Status::Ok) detail = "header";
  return status;
}

}  // namespace edgejwt
