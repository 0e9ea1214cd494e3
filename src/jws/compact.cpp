#include "compact.h"

namespace edgejwt {

Status split_compact(std::string_view token, size_t max_length, CompactParts &parts) {
  if (token.size() > max_length) return Status::TokenTooLarge;
  const size_t first = token.find('.');
  if (first == std::string_view::npos) return Status::JwsInvalid;
  const size_t second = token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return Status::JwsInvalid;
  }
  if (first == 0) return Status::JwsInvalid;  // a JWS always has a protected header
  parts.header = token.substr(0, first);
  parts.payload = token.substr(first + 1, second - first - 1);
  parts.signature = token.substr(second + 1);
  parts.signing_input = token.substr(0, second);
  return Status::Ok;
}

}  // namespace edgejwt
