// A public key's verify-only precomputation (rsa_public.h, p256_verify.h), made when the key is
// validated and held by its material: copied with it, as a copy of a key is a key of its own (and
// std::shared_ptr's control block would pull RTTI into the Wasm builds). Verification checks it was
// made for the very key it is used with; material made elsewhere has none.
#pragma once
#include <memory>
#include <utility>

namespace edgejwt {

template <typename T>
class Precomputed {
 public:
  Precomputed() = default;
  explicit Precomputed(std::unique_ptr<T> value) : value_(std::move(value)) {}
  Precomputed(const Precomputed &other) : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
  Precomputed &operator=(const Precomputed &other) {
    if (this != &other) value_ = other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
    return *this;
  }
  Precomputed(Precomputed &&) noexcept = default;
  Precomputed &operator=(Precomputed &&) noexcept = default;
  ~Precomputed() = default;

  const T *get() const { return value_.get(); }

 private:
  std::unique_ptr<T> value_;
};

}  // namespace edgejwt
