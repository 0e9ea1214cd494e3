// Looking up the tables of src/jwa/ by the names the standards give their entries.
#pragma once
#include <cstddef>
#include <string_view>

namespace edgejwt {

// The `value` of the entry of `table` whose `name` is `name` (case-sensitively) into `out`; false,
// and `out` untouched, when there is none.
template <typename Info, size_t N, typename Value>
bool find_by_name(const Info (&table)[N], std::string_view name, Value Info::*value, Value &out) {
  for (const Info &info : table) {
    if (info.name == name) {
      out = info.*value;
      return true;
    }
  }
  return false;
}

}  // namespace edgejwt
