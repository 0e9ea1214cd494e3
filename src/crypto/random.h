// Secure randomness from the platform: getentropy(), which is WASI random_get in the WASI build,
// crypto.getRandomValues in the Emscripten build, and the OS natively.
#pragma once
#include <cstddef>
#include <cstdint>

#include "../status.h"

namespace edgejwt {

// Fills `out` with `size` random bytes, or returns RandomUnavailable.
Status random_bytes(uint8_t *out, size_t size);

}  // namespace edgejwt
