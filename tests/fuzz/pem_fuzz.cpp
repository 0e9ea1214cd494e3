// libFuzzer target: the input is key text or DER, imported as a host would in each format that
// carries an asymmetric key: PEM (every label), SubjectPublicKeyInfo, PKCS#8 and X.509 certificate
// DER. A key that imports goes through every operation (key_checks.h), must be of the type its
// DER format holds, and its encoding must be refused as an HMAC secret.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "harness.h"
#include "key_checks.h"

using namespace edgejwt::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string_view input(reinterpret_cast<const char *>(data), size);
  for (int32_t format : {EDGEJWT_KEY_PEM, EDGEJWT_KEY_SPKI_DER, EDGEJWT_KEY_PKCS8_DER, EDGEJWT_KEY_CERTIFICATE_DER}) {
    const KeyHandle key = import_key(format, input);
    if (!key) continue;
    const KeyType type = key_type(key.get());
    require(type != KeyType::Secret);
    if (format == EDGEJWT_KEY_PKCS8_DER) require(type == KeyType::Private);
    if (format == EDGEJWT_KEY_SPKI_DER || format == EDGEJWT_KEY_CERTIFICATE_DER) require(type == KeyType::Public);
    check_imported_key(key.get());
    require_refused_as_secret(input);
  }
  return 0;
}
