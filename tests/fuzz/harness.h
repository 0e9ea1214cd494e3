// What the libFuzzer targets share: they drive the C ABI as a host does, with one context for the
// process, and report a broken invariant as a crash so that libFuzzer keeps the input.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "edgejwt.h"

namespace edgejwt::fuzz {

// An invariant the ABI promises; when it does not hold, libFuzzer saves the input that broke it.
inline void require(bool holds) {
  if (!holds) __builtin_trap();
}

inline bool status_is(edgejwt_status status, const char *name) {
  return std::strcmp(edgejwt_status_name(status), name) == 0;
}

// The process's one context, kept as a host keeps its instance (everything in it stays reachable,
// so LeakSanitizer reports only memory the library itself loses).
inline edgejwt_context *context() {
  static edgejwt_context *const instance = edgejwt_context_new();
  return instance;
}

// The result the targets' calls write to, the process's too (a host that reads each call's outputs
// before the next needs only one).
inline edgejwt_result *out() {
  static edgejwt_result *const instance = edgejwt_result_new();
  return instance;
}

inline const edgejwt_result &result() { return *out(); }

// Copies of the latest call's outputs: the next call on out() clears them.
inline std::string copy(const uint8_t *data, size_t size) { return {reinterpret_cast<const char *>(data), size}; }
inline std::string output() { return copy(result().output, result().output_len); }
inline std::string header() { return copy(result().header, result().header_len); }
inline std::string payload() { return copy(result().payload, result().payload_len); }

inline const uint8_t *bytes(std::string_view text) { return reinterpret_cast<const uint8_t *>(text.data()); }

// A key or key set the input made, released however the run ends (an import that succeeded must
// release exactly once).
class KeyHandle {
 public:
  KeyHandle() = default;
  explicit KeyHandle(edgejwt_handle handle) : handle_(handle) {}
  KeyHandle(KeyHandle &&other) noexcept : handle_(std::exchange(other.handle_, 0)) {}
  KeyHandle(const KeyHandle &) = delete;
  KeyHandle &operator=(const KeyHandle &) = delete;
  KeyHandle &operator=(KeyHandle &&) = delete;
  ~KeyHandle() {
    if (handle_ != 0) require(edgejwt_key_release(context(), out(), handle_) == EDGEJWT_OK);
  }

  edgejwt_handle get() const { return handle_; }
  explicit operator bool() const { return handle_ != 0; }

 private:
  edgejwt_handle handle_ = 0;
};

// The handle a successful import, generate or key_public call made; an empty one after a failure.
inline KeyHandle made_by(edgejwt_status status) {
  if (status != EDGEJWT_OK) return {};
  require(result().handle != 0);
  return KeyHandle(result().handle);
}

inline KeyHandle import_key(int32_t format, std::string_view data) {
  return made_by(edgejwt_key_import(context(), out(), format, bytes(data), data.size(), "", 0));
}

inline KeyHandle import_jwks(std::string_view json) {
  return made_by(edgejwt_key_import_jwks(context(), out(), json.data(), json.size()));
}

}  // namespace edgejwt::fuzz
