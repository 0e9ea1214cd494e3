#include "random.h"

#include <unistd.h>

namespace edgejwt {

Status random_bytes(uint8_t *out, size_t size) {
  constexpr size_t kMaxPerCall = 256;  // getentropy's limit
  for (size_t done = 0; done < size;) {
    const size_t chunk = size - done < kMaxPerCall ? size - done : kMaxPerCall;
    if (getentropy(out + done, chunk) != 0) return Status::RandomUnavailable;
    done += chunk;
  }
  return Status::Ok;
}

}  // namespace edgejwt
