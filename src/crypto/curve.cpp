#include "curve.h"

#include <cstring>

namespace edgejwt {
namespace {

constexpr bool indexed_by_curve() {
  for (size_t i = 0; i < sizeof kCurves / sizeof kCurves[0]; ++i) {
    if (static_cast<size_t>(kCurves[i].curve) != i) return false;
  }
  return true;
}
static_assert(indexed_by_curve(), "kCurves must be indexed by Curve");

template <typename Matches>
bool find_curve(Matches matches, Curve &curve) {
  for (const CurveInfo &info : kCurves) {
    if (!matches(info)) continue;
    curve = info.curve;
    return true;
  }
  return false;
}

}  // namespace

bool curve_from_name(std::string_view name, Curve &curve) {
  return find_curve([&](const CurveInfo &info) { return info.name == name; }, curve);
}

bool curve_from_oid(ByteView oid, Curve &curve) {
  return find_curve(
      [&](const CurveInfo &info) {
        return info.oid.size == oid.size && std::memcmp(info.oid.data, oid.data, oid.size) == 0;
      },
      curve);
}

}  // namespace edgejwt
