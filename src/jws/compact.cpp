#include "compact.h"

#include "../jose/compact.h"

namespace edgejwt {

Status split_compact(std::string_view token, size_t max_length, CompactParts &parts) {
  if (token.size() > max_length) return Status::TokenTooLarge;
  std::string_view split[3];
  if (!split_parts(token, split, 3)) return Status::JwsInvalid;
  parts.header = split[0];
  parts.payload = split[1];
  parts.signature = split[2];
  parts.signing_input = token.substr(0, split[0].size() + 1 + split[1].size());
  return Status::Ok;
}

}  // namespace edgejwt
