// What must hold for any key that imported, whatever it came from (JWK, PEM, DER): each operation
// succeeds exactly when the key's type allows it, every export imports back to the same key (the
// same JWK, the same DER, the same thumbprint), and the key's own encoding is never taken as an
// HMAC secret (RFC 8725 §3.1).
#pragma once
#include <string>
#include <string_view>
#include <utility>

#include "harness.h"

namespace edgejwt::fuzz {

enum class KeyType { Secret, Public, Private };

inline KeyType key_type(edgejwt_handle key) {
  require(edgejwt_key_describe(context(), out(), key) == EDGEJWT_OK);
  const std::string description = output();
  for (auto [prefix, type] : {std::pair{R"({"type":"secret")", KeyType::Secret},
                              std::pair{R"({"type":"public")", KeyType::Public},
                              std::pair{R"({"type":"private")", KeyType::Private}}) {
    if (description.rfind(prefix, 0) == 0) return type;
  }
  require(false);
  return KeyType::Public;
}

inline std::string exported(edgejwt_handle key, int32_t format) {
  require(edgejwt_key_export(context(), out(), key, format) == EDGEJWT_OK);
  return output();
}

inline std::string thumbprint(edgejwt_handle key, uint32_t bits = 256) {
  require(edgejwt_key_thumbprint(context(), out(), key, bits) == EDGEJWT_OK);
  return output();
}

// `encoding` imported as a key in some format: as a secret it must be refused.
inline void require_refused_as_secret(std::string_view encoding) {
  const KeyHandle secret = import_key(EDGEJWT_KEY_SECRET, encoding);
  require(!secret);
}

// `exported_text` (an export of a key whose thumbprint is `print`) imported as `format`: the same
// key, which exports `exported_text` again.
inline void require_round_trip(int32_t format, const std::string &exported_text, int32_t export_format,
                               const std::string &print) {
  const KeyHandle again = import_key(format, exported_text);
  require(again && exported(again.get(), export_format) == exported_text && thumbprint(again.get()) == print);
}

inline void check_imported_key(edgejwt_handle key) {
  edgejwt_context *const c = context();
  const KeyType type = key_type(key);
  const bool can_sign = type != KeyType::Public;
  const std::string print = thumbprint(key);
  require(print.size() == 43 && thumbprint(key, 384).size() == 64 && thumbprint(key, 512).size() == 86);

  // JWK: the public form when there is a public half, the private one when the key can sign.
  require((edgejwt_key_export(c, out(), key, EDGEJWT_EXPORT_JWK_PUBLIC) == EDGEJWT_OK) == (type != KeyType::Secret));
  const std::string public_jwk = output();
  const int32_t jwk_format = can_sign ? EDGEJWT_EXPORT_JWK_PRIVATE : EDGEJWT_EXPORT_JWK_PUBLIC;
  require((edgejwt_key_export(c, out(), key, EDGEJWT_EXPORT_JWK_PRIVATE) == EDGEJWT_OK) == can_sign);
  const std::string jwk = exported(key, jwk_format);
  require_round_trip(EDGEJWT_KEY_JWK, jwk, jwk_format, print);
  require_refused_as_secret(jwk);

  // SPKI and PKCS#8, and the public half: only for keys that have one.
  const KeyHandle public_half = made_by(edgejwt_key_public(c, out(), key));
  if (type == KeyType::Secret) {
    require(!public_half && edgejwt_key_export(c, out(), key, EDGEJWT_EXPORT_SPKI_PEM) != EDGEJWT_OK &&
            edgejwt_key_export(c, out(), key, EDGEJWT_EXPORT_PKCS8_PEM) != EDGEJWT_OK);
    return;
  }
  require(public_half && key_type(public_half.get()) == KeyType::Public &&
          exported(public_half.get(), EDGEJWT_EXPORT_JWK_PUBLIC) == public_jwk);
  const std::string spki = exported(key, EDGEJWT_EXPORT_SPKI_PEM);
  require_round_trip(EDGEJWT_KEY_PEM, spki, EDGEJWT_EXPORT_SPKI_PEM, print);
  require_refused_as_secret(spki);
  require((edgejwt_key_export(c, out(), key, EDGEJWT_EXPORT_PKCS8_PEM) == EDGEJWT_OK) == (type == KeyType::Private));
  if (type == KeyType::Private) {
    const std::string pkcs8 = output();
    require_round_trip(EDGEJWT_KEY_PEM, pkcs8, EDGEJWT_EXPORT_PKCS8_PEM, print);
    require_refused_as_secret(pkcs8);
  }
}

}  // namespace edgejwt::fuzz
