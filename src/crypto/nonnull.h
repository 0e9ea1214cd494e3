// The pointer to give BearSSL or libsodium for some bytes (internal to src/crypto/): never null. An
// empty std::vector's data() is null, and those libraries do pointer arithmetic or call memcpy on
// their input pointers even for 0 bytes, which is undefined behaviour with a null pointer.
#pragma once
#include <cstdint>

#include "../bytes.h"

namespace edgejwt {

inline const uint8_t *nonnull(ByteView bytes) {
  static const uint8_t kNothing = 0;
  return bytes.data != nullptr ? bytes.data : &kNothing;
}

}  // namespace edgejwt
