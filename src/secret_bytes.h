// Owned secret bytes that are wiped when released, so key material does not linger in freed memory.
#pragma once
#include <vector>

#include "bytes.h"
#include "wipe.h"

namespace edgejwt {

class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(ByteView bytes) : bytes_(bytes.data, bytes.data + bytes.size) {}
  SecretBytes(const SecretBytes &) = delete;
  SecretBytes &operator=(const SecretBytes &) = delete;
  SecretBytes(SecretBytes &&) = default;
  SecretBytes &operator=(SecretBytes &&other) {
    wipe();
    bytes_ = std::move(other.bytes_);
    return *this;
  }
  ~SecretBytes() { wipe(); }

  ByteView view() const { return bytes_; }
  size_t size() const { return bytes_.size(); }

 private:
  void wipe() { secure_wipe(bytes_.data(), bytes_.size()); }
  std::vector<uint8_t> bytes_;
};

}  // namespace edgejwt
