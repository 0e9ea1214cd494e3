// Objects the host refers to by number. A handle carries its slot and the slot's generation, so a
// released handle stays invalid after its slot is reused: a stale handle can never reach a new key.
// No handle number is ever handed out twice in a table's life: a slot whose generation would wrap
// is retired instead of reused (after 4,096 uses), so a host that keys anything by handle (a cache,
// a log) can never see a number come back for another object.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

namespace edgejwt {

template <typename T>
class HandleTable {
 public:
  static constexpr uint32_t kIndexBits = 20;
  static constexpr uint32_t kIndexMask = (1u << kIndexBits) - 1;
  static constexpr uint32_t kLastGeneration = 0xFFFFFFFFu >> kIndexBits;

  // 0 when the table is full (every slot in use or retired).
  uint32_t add(std::unique_ptr<T> object) {
    uint32_t index;
    if (!free_.empty()) {
      index = free_.back();
      free_.pop_back();
    } else {
      if (slots_.size() >= kIndexMask) return 0;
      index = static_cast<uint32_t>(slots_.size());
      slots_.emplace_back();
    }
    Slot &slot = slots_[index];
    slot.object = std::move(object);
    return (slot.generation << kIndexBits) | (index + 1);
  }

  T *get(uint32_t handle) const {
    const Slot *slot = find(handle);
    return slot ? slot->object.get() : nullptr;
  }

  bool release(uint32_t handle) { return take(handle) != nullptr; }

  // The object, moved out, its handle released; nullptr when the handle names none.
  std::unique_ptr<T> take(uint32_t handle) {
    Slot *slot = const_cast<Slot *>(find(handle));
    if (!slot) return nullptr;
    std::unique_ptr<T> object = std::move(slot->object);
    if (slot->generation == kLastGeneration) return object;  // retired: its next handle would repeat its first
    ++slot->generation;
    free_.push_back((handle & kIndexMask) - 1);
    return object;
  }

 private:
  struct Slot {
    std::unique_ptr<T> object;
    uint32_t generation = 0;
  };

  const Slot *find(uint32_t handle) const {
    const uint32_t index = (handle & kIndexMask) - 1;  // handle 0 wraps to an index never used
    if (index >= slots_.size()) return nullptr;
    const Slot &slot = slots_[index];
    if (!slot.object || slot.generation != handle >> kIndexBits) return nullptr;
    return &slot;
  }

  std::vector<Slot> slots_;
  std::vector<uint32_t> free_;
};

}  // namespace edgejwt
