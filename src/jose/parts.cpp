#include "parts.h"

namespace edgejwt {

Status decode_json_part(std::string_view text, size_t max_size, Status too_large, const JsonLimits &limits,
                        std::string &out, JsonDocument &document) {
  if (Status status = decode_part(text, max_size, too_large, out); status != Status::Ok) return status;
  return parse_json_object(out, limits, document);
}

}  // namespace edgejwt
