// Zeroing memory that held secrets. The stores are volatile so the compiler cannot drop them as
// dead writes to memory about to be freed or to go out of scope.
#pragma once
#include <cstddef>
#include <cstdint>

namespace edgejwt {

inline void secure_wipe(void *bytes, size_t size) {
  volatile uint8_t *p = static_cast<volatile uint8_t *>(bytes);
  for (size_t i = 0; i < size; ++i) p[i] = 0;
}

}  // namespace edgejwt
