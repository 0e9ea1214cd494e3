// What the decryption tests share: an encryption's two outputs, and the check after a refusal that
// nothing of a plaintext was released. The output buffer is filled with a marker before the call;
// afterwards every byte must be the marker (never written) or zero (wiped).
#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

namespace edgejwt::test {

struct Sealed {
  std::vector<uint8_t> ciphertext, tag;
};

constexpr uint8_t kUnwrittenMarker = 0x5c;

inline std::vector<uint8_t> marked_buffer(size_t size) { return std::vector<uint8_t>(size, kUnwrittenMarker); }

inline bool nothing_released(const std::vector<uint8_t> &buffer) {
  return std::all_of(buffer.begin(), buffer.end(), [](uint8_t byte) { return byte == 0 || byte == kUnwrittenMarker; });
}

}  // namespace edgejwt::test
