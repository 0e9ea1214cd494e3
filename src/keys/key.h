// A key bound at import to exactly one family (RFC 8725 §3.1): a family decides which algorithms
// the key may ever be used with, so an RSA public key can never be mistaken for an HMAC secret.
#pragma once
#include <variant>

#include "../bytes.h"
#include "../jws/algorithm.h"
#include "../status.h"
#include "secret_bytes.h"

namespace edgejwt {

struct HmacSecret {
  SecretBytes bytes;
};

class Key {
 public:
  // The shortest secret any HS algorithm accepts (HS256: 32 bytes, RFC 7518 §3.2).
  static constexpr size_t kMinHmacSecretSize = 32;

  // KeyTooShort below kMinHmacSecretSize; the secret is copied.
  static Status import_hmac_secret(ByteView secret, Key &out);

  KeyFamily family() const { return family_; }
  const HmacSecret *hmac_secret() const { return std::get_if<HmacSecret>(&material_); }

  // The algorithms this key may be used with, absent a caller's allowlist: its family's,
  // less those it is too short for.
  AlgorithmSet usable_algorithms() const;

 private:
  KeyFamily family_ = KeyFamily::Hmac;
  std::variant<HmacSecret> material_;
};

}  // namespace edgejwt
