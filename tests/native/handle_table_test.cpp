#include "handle_table.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>

namespace {

using edgejwt::HandleTable;
constexpr uint32_t kGenerations = 1u << (32 - HandleTable<int>::kIndexBits);  // of one slot

// Issue 11, item 2: handle numbers came back after 4,096 generations of a slot, so a cache keyed by
// handle answered for whatever key took the number next.
TEST(HandleTable, NeverHandsOutANumberTwice) {
  HandleTable<int> table;
  std::set<uint32_t> seen;
  constexpr uint32_t kRounds = 3 * kGenerations;
  for (uint32_t i = 0; i < kRounds; ++i) {
    const uint32_t handle = table.add(std::make_unique<int>(static_cast<int>(i)));
    ASSERT_NE(handle, 0u);
    ASSERT_TRUE(seen.insert(handle).second) << "handle " << handle << " handed out again at round " << i;
    ASSERT_EQ(*table.get(handle), static_cast<int>(i));
    ASSERT_TRUE(table.release(handle));
    ASSERT_EQ(table.get(handle), nullptr);
  }
}

TEST(HandleTable, RetiresASlotAfterItsLastGenerationAndStaysUsable) {
  HandleTable<int> table;
  const uint32_t kept = table.add(std::make_unique<int>(-1));  // slot 0 stays in use throughout
  uint32_t last = 0;
  for (uint32_t i = 0; i < kGenerations; ++i) {
    last = table.add(std::make_unique<int>(static_cast<int>(i)));
    ASSERT_EQ(last & HandleTable<int>::kIndexMask, 2u);  // always slot 1 until it retires
    ASSERT_TRUE(table.release(last));
  }
  const uint32_t next = table.add(std::make_unique<int>(7));
  EXPECT_EQ(next & HandleTable<int>::kIndexMask, 3u);  // a new slot: slot 1 is retired
  EXPECT_EQ(*table.get(next), 7);
  EXPECT_EQ(table.get(last), nullptr);
  EXPECT_FALSE(table.release(last));
  EXPECT_EQ(*table.get(kept), -1);
}

}  // namespace
