// Decoding tables for the two base64 alphabets (base64url for JOSE, standard for PEM and x5c).
#pragma once
#include <array>
#include <cstdint>

namespace edgejwt {

constexpr uint8_t kInvalidDigit = 0xFF;

// Each character's value in `alphabet`, kInvalidDigit for every other byte.
constexpr std::array<uint8_t, 256> decode_table(const char (&alphabet)[65]) {
  std::array<uint8_t, 256> table{};
  for (auto &entry : table) entry = kInvalidDigit;
  for (uint8_t i = 0; i < 64; ++i) table[static_cast<uint8_t>(alphabet[i])] = i;
  return table;
}

}  // namespace edgejwt
