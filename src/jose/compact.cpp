#include "compact.h"

namespace edgejwt {

bool split_parts(std::string_view token, std::string_view *parts, size_t count) {
  size_t start = 0;
  for (size_t i = 0; i + 1 < count; ++i) {
    const size_t dot = token.find('.', start);
    if (dot == std::string_view::npos) return false;
    parts[i] = token.substr(start, dot - start);
    start = dot + 1;
  }
  if (token.find('.', start) != std::string_view::npos) return false;
  parts[count - 1] = token.substr(start);
  return !parts[0].empty();
}

}  // namespace edgejwt
