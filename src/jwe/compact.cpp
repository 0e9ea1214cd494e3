#include "compact.h"

#include "../jose/compact.h"

namespace edgejwt {

Status split_jwe(std::string_view token, size_t max_length, JweParts &parts) {
  if (token.size() > max_length) return Status::TokenTooLarge;
  std::string_view split[5];
  if (!split_parts(token, split, 5)) return Status::JweInvalid;
  parts = JweParts{split[0], split[1], split[2], split[3], split[4]};
  return Status::Ok;
}

}  // namespace edgejwt
