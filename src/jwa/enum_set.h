// A set of the values of a small enum as a bit mask (bit n = the value n): cheap to intersect on
// the hot path, and constexpr so that the algorithm tables can hold sets.
#pragma once
#include <cstdint>

namespace edgejwt {

template <typename Enum>
class EnumSet {
 public:
  constexpr EnumSet() = default;
  static constexpr EnumSet of(Enum value) { return EnumSet(bit(value)); }

  constexpr bool contains(Enum value) const { return (bits_ & bit(value)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr void add(Enum value) { bits_ |= bit(value); }
  constexpr EnumSet operator&(EnumSet other) const { return EnumSet(bits_ & other.bits_); }
  constexpr EnumSet operator|(EnumSet other) const { return EnumSet(bits_ | other.bits_); }
  constexpr bool operator==(EnumSet other) const { return bits_ == other.bits_; }

 private:
  static constexpr uint32_t bit(Enum value) { return uint32_t{1} << static_cast<unsigned>(value); }
  constexpr explicit EnumSet(uint32_t bits) : bits_(bits) {}
  uint32_t bits_ = 0;
};

}  // namespace edgejwt
