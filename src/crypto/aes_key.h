// An AES key as JWE holds one (RFC 7518 §4.4, §4.5, §4.7, §5): a content encryption key for "dir",
// of its "enc"'s size (for AES_CBC_HMAC_SHA2 a MAC key followed by an AES key), or a
// key-encryption key for AES Key Wrap or AES-GCM key wrapping. The constructions that use it are
// aes_gcm.h, aes_cbc_hmac.h and aes_key_wrap.h.
#pragma once
#include <utility>

#include "../secret_bytes.h"

namespace edgejwt {

struct AesKey {
  AesKey() = default;
  explicit AesKey(SecretBytes key) : bytes(std::move(key)) {}

  SecretBytes bytes;
};

}  // namespace edgejwt
