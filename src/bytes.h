// A non-owning view of bytes (C++17 has no std::span) and the conversions the core needs.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace edgejwt {

struct ByteView {
  const uint8_t *data = nullptr;
  size_t size = 0;

  constexpr ByteView() = default;
  constexpr ByteView(const uint8_t *bytes, size_t length) : data(bytes), size(length) {}
  ByteView(const std::vector<uint8_t> &bytes) : data(bytes.data()), size(bytes.size()) {}
  ByteView(const std::string &text) : ByteView(std::string_view(text)) {}
  ByteView(std::string_view text)
      : data(reinterpret_cast<const uint8_t *>(text.data())), size(text.size()) {}

  bool empty() const { return size == 0; }
  std::string_view as_text() const { return {reinterpret_cast<const char *>(data), size}; }
};

}  // namespace edgejwt
