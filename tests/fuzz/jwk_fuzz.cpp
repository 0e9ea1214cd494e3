// libFuzzer target: the input is a JWK and a JWK Set, imported as a host would. A key that imports
// goes through every operation (key_checks.h) and also imports as the one entry of a set; a set
// describes itself and refuses what only a single key can do.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "harness.h"
#include "key_checks.h"

using namespace edgejwt::fuzz;

namespace {

void check_set(edgejwt_handle set) {
  edgejwt_context *const c = context();
  require(edgejwt_key_describe(c, out(), set) == EDGEJWT_OK && output().rfind(R"({"type":"set")", 0) == 0);
  require(status_is(edgejwt_key_export(c, out(), set, EDGEJWT_EXPORT_JWK_PUBLIC), "ERR_INVALID_HANDLE"));
  require(status_is(edgejwt_key_thumbprint(c, out(), set, 256), "ERR_INVALID_HANDLE"));
  require(status_is(edgejwt_key_public(c, out(), set), "ERR_INVALID_HANDLE"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string_view input(reinterpret_cast<const char *>(data), size);
  if (const KeyHandle key = import_key(EDGEJWT_KEY_JWK, input)) {
    check_imported_key(key.get());
    require_refused_as_secret(input);
    // As the one entry of a set it imports too (nested two levels deeper, it may be too deep).
    const std::string wrapped = R"({"keys":[)" + std::string(input) + "]}";
    const edgejwt_status status = edgejwt_key_import_jwks(context(), out(), wrapped.data(), wrapped.size());
    const KeyHandle set = made_by(status);
    require(set ? edgejwt_key_describe(context(), out(), set.get()) == EDGEJWT_OK &&
                      output().rfind(R"({"type":"set","keys":1,"skipped":0)", 0) == 0
                : status_is(status, "ERR_JSON_TOO_DEEP"));
  }
  if (const KeyHandle set = import_jwks(input)) check_set(set.get());
  return 0;
}
