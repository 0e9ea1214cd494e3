// A key in and out of every format the library takes and gives: the one place that dispatches on
// the format, so the bindings only translate the ABI's numbers into these.
#pragma once
#include <string>
#include <string_view>

#include "../bytes.h"
#include "../status.h"
#include "key.h"

namespace edgejwt {

// Numbered as the C ABI numbers them (EDGEJWT_KEY_*, EDGEJWT_EXPORT_*; the bindings assert it).
enum class KeyImportFormat : uint8_t {
  Secret = 1,      // raw secret bytes: an HMAC secret, or for encryption an AES key or a password
  Jwk,             // a JWK, JSON text (jwk.h)
  Pem,             // PEM text: SPKI, PKCS#8, PKCS#1, SEC1 or an X.509 certificate (pkix.h)
  SpkiDer,         // SubjectPublicKeyInfo DER
  Pkcs8Der,        // PKCS#8 PrivateKeyInfo / OneAsymmetricKey DER
  CertificateDer,  // an X.509 certificate's subject public key
};

enum class KeyExportFormat : uint8_t {
  JwkPublic = 1,  // the public members, and the kid, alg, use and key_ops the key came with
  JwkPrivate,     // the private members too (private keys and HMAC secrets)
  SpkiPem,        // "PUBLIC KEY"
  Pkcs8Pem,       // "PRIVATE KEY"
};

// `data` as `format`, validated and bound to its family and to `use` by Key::create; `alg` (may be
// empty) binds the key to one algorithm, as a JWK's own "alg" does (which must then agree). On
// failure `detail` names what is at fault when there is one thing to name.
Status import_key(KeyImportFormat format, ByteView data, KeyUse use, std::string_view alg, Key &out,
                  std::string &detail);
// The same with the use's binding (key.h), which links only that use's checks.
Status import_key(KeyImportFormat format, ByteView data, const KeyBinding &binding, std::string_view alg, Key &out,
                  std::string &detail);
// The same for signatures.
Status import_key(KeyImportFormat format, ByteView data, std::string_view alg, Key &out, std::string &detail);

// `out` is replaced on success; KeyUsageRefused for a form the key does not have (a public key's
// PKCS#8 or private JWK, an HMAC secret's public JWK, SPKI or PKCS#8).
Status export_key(const Key &key, KeyExportFormat format, std::string &out);

}  // namespace edgejwt
