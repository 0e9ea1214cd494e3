// The elliptic curves ECDSA for JWS uses (RFC 7518 §3.4, §6.2.1.1), and everything edgejwt knows
// about each, in one table: every other file (the ECDSA primitive, JWK and PKIX formats, key
// families) derives its curve facts from it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../bytes.h"

namespace edgejwt {

enum class Curve : uint8_t { P256, P384, P521 };

struct CurveInfo {
  Curve curve;
  std::string_view name;  // the JWK "crv" (RFC 7518 §6.2.1.1), also WebCrypto's namedCurve
  size_t size;            // bytes of one coordinate or scalar
  ByteView oid;           // the namedCurve OBJECT IDENTIFIER's DER contents (RFC 5480 §2.1.1.1)
  uint16_t tls_id;        // its TLS NamedCurve number (RFC 8422 §5.1.1), which BearSSL names curves by
};

namespace curve_oids {
constexpr uint8_t kPrime256v1[] = {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07};  // 1.2.840.10045.3.1.7
constexpr uint8_t kSecp384r1[] = {0x2B, 0x81, 0x04, 0x00, 0x22};                     // 1.3.132.0.34
constexpr uint8_t kSecp521r1[] = {0x2B, 0x81, 0x04, 0x00, 0x23};                     // 1.3.132.0.35
}  // namespace curve_oids

// Indexed by Curve.
inline constexpr CurveInfo kCurves[] = {
    {Curve::P256, "P-256", 32, {curve_oids::kPrime256v1, sizeof curve_oids::kPrime256v1}, 23},
    {Curve::P384, "P-384", 48, {curve_oids::kSecp384r1, sizeof curve_oids::kSecp384r1}, 24},
    {Curve::P521, "P-521", 66, {curve_oids::kSecp521r1, sizeof curve_oids::kSecp521r1}, 25},
};

constexpr const CurveInfo &curve_info(Curve curve) { return kCurves[static_cast<size_t>(curve)]; }

// Bytes of one coordinate or scalar: 32, 48, 66.
constexpr size_t curve_size(Curve curve) { return curve_info(curve).size; }

constexpr size_t max_curve_size() {
  size_t largest = 0;
  for (const CurveInfo &info : kCurves) largest = info.size > largest ? info.size : largest;
  return largest;
}
constexpr size_t kMaxCurveSize = max_curve_size();

// By the JWK "crv" name, case-sensitively; false for any curve not in the table.
bool curve_from_name(std::string_view name, Curve &curve);
// By the namedCurve OID's DER contents; false for any curve not in the table.
bool curve_from_oid(ByteView oid, Curve &curve);

}  // namespace edgejwt
