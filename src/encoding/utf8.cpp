#include "utf8.h"

#include <cstdint>
#include <cstring>

namespace edgejwt {
namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ull;

// The bytes a sequence led by `lead` takes, and the range its second byte must fall in (the first
// continuation byte is what rules out overlong forms, surrogates and code points past U+10FFFF);
// 0 for a byte that cannot lead.
struct Sequence {
  unsigned length;
  unsigned char second_min;
  unsigned char second_max;
};

Sequence sequence_led_by(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return {2, 0x80, 0xBF};
  if (lead == 0xE0) return {3, 0xA0, 0xBF};
  if (lead == 0xED) return {3, 0x80, 0x9F};
  if (lead >= 0xE1 && lead <= 0xEF) return {3, 0x80, 0xBF};
  if (lead == 0xF0) return {4, 0x90, 0xBF};
  if (lead >= 0xF1 && lead <= 0xF3) return {4, 0x80, 0xBF};
  if (lead == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};
}

}  // namespace

bool is_well_formed_utf8(std::string_view text) {
  const auto *p = reinterpret_cast<const unsigned char *>(text.data());
  const unsigned char *const end = p + text.size();
  while (p < end) {
    // JOSE headers and claims are mostly ASCII: skip it eight bytes at a time.
    uint64_t word;
    if (end - p >= 8 && (std::memcpy(&word, p, 8), (word & kHighBits) == 0)) {
      p += 8;
      continue;
    }
    if (*p < 0x80) {
      ++p;
      continue;
    }
    const Sequence sequence = sequence_led_by(*p);
    if (sequence.length == 0 || static_cast<size_t>(end - p) < sequence.length) return false;
    if (p[1] < sequence.second_min || p[1] > sequence.second_max) return false;
    for (unsigned k = 2; k < sequence.length; ++k) {
      if ((p[k] & 0xC0) != 0x80) return false;
    }
    p += sequence.length;
  }
  return true;
}

}  // namespace edgejwt
