#include "pbes2.h"

#include <string>

#include "../wipe.h"

namespace edgejwt {

Status pbes2_derive(KeyManagement alg, const Password &password, ByteView p2s, uint32_t p2c, uint8_t *kek) {
  const KeyManagementInfo &info = key_management_info(alg);
  if (info.mode != KeyManagementMode::Pbes2) return Status::InvalidArgument;
  std::string salt(info.name);
  salt.push_back('\0');
  if (!p2s.empty()) salt.append(reinterpret_cast<const char *>(p2s.data), p2s.size);
  const Status status = pbkdf2(info.prf, password.bytes.view(), salt, p2c, kek, info.kek_size);
  secure_wipe(salt.data(), salt.size());
  return status;
}

}  // namespace edgejwt
