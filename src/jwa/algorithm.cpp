#include "algorithm.h"

#include "../crypto/ed25519.h"

namespace edgejwt {
namespace {

constexpr size_t ecdsa_signature_size(Curve curve) { return 2 * curve_size(curve); }

// Indexed by KeyFamily.
constexpr KeyFamilyInfo kKeyFamilies[kKeyFamilyCount] = {
    {KeyFamily::Hmac, "HMAC", "oct", std::nullopt, ""},
    {KeyFamily::Rsa, "RSA", "RSA", std::nullopt, ""},
    {KeyFamily::EcP256, "EC P-256", "EC", Curve::P256, curve_info(Curve::P256).name},
    {KeyFamily::EcP384, "EC P-384", "EC", Curve::P384, curve_info(Curve::P384).name},
    {KeyFamily::EcP521, "EC P-521", "EC", Curve::P521, curve_info(Curve::P521).name},
    {KeyFamily::Ed25519, "Ed25519", "OKP", std::nullopt, "Ed25519"},
};

// Indexed by Algorithm.
constexpr AlgorithmInfo kAlgorithms[kAlgorithmCount] = {
    {Algorithm::HS256, "HS256", KeyFamily::Hmac, SignatureScheme::Hmac, Hash::Sha256, hash_size(Hash::Sha256)},
    {Algorithm::HS384, "HS384", KeyFamily::Hmac, SignatureScheme::Hmac, Hash::Sha384, hash_size(Hash::Sha384)},
    {Algorithm::HS512, "HS512", KeyFamily::Hmac, SignatureScheme::Hmac, Hash::Sha512, hash_size(Hash::Sha512)},
    {Algorithm::RS256, "RS256", KeyFamily::Rsa, SignatureScheme::RsaPkcs1, Hash::Sha256, 0},
    {Algorithm::RS384, "RS384", KeyFamily::Rsa, SignatureScheme::RsaPkcs1, Hash::Sha384, 0},
    {Algorithm::RS512, "RS512", KeyFamily::Rsa, SignatureScheme::RsaPkcs1, Hash::Sha512, 0},
    {Algorithm::PS256, "PS256", KeyFamily::Rsa, SignatureScheme::RsaPss, Hash::Sha256, 0},
    {Algorithm::PS384, "PS384", KeyFamily::Rsa, SignatureScheme::RsaPss, Hash::Sha384, 0},
    {Algorithm::PS512, "PS512", KeyFamily::Rsa, SignatureScheme::RsaPss, Hash::Sha512, 0},
    {Algorithm::ES256, "ES256", KeyFamily::EcP256, SignatureScheme::Ecdsa, Hash::Sha256, ecdsa_signature_size(Curve::P256)},
    {Algorithm::ES384, "ES384", KeyFamily::EcP384, SignatureScheme::Ecdsa, Hash::Sha384, ecdsa_signature_size(Curve::P384)},
    {Algorithm::ES512, "ES512", KeyFamily::EcP521, SignatureScheme::Ecdsa, Hash::Sha512, ecdsa_signature_size(Curve::P521)},
    {Algorithm::EdDSA, "EdDSA", KeyFamily::Ed25519, SignatureScheme::Ed25519, Hash::Sha512, kEd25519SignatureSize},
    {Algorithm::Ed25519, "Ed25519", KeyFamily::Ed25519, SignatureScheme::Ed25519, Hash::Sha512, kEd25519SignatureSize},
};

// Each table's entries in their enum's order, so an index is never silently another entry.
constexpr bool tables_are_indexed_by_their_enums() {
  for (unsigned i = 0; i < kKeyFamilyCount; ++i) {
    if (static_cast<unsigned>(kKeyFamilies[i].family) != i) return false;
  }
  for (unsigned i = 0; i < kAlgorithmCount; ++i) {
    if (static_cast<unsigned>(kAlgorithms[i].alg) != i) return false;
  }
  return true;
}
static_assert(tables_are_indexed_by_their_enums(), "kKeyFamilies and kAlgorithms follow KeyFamily and Algorithm");

// An ECDSA algorithm's family is the one of its curve, and its signature R || S on that curve.
constexpr bool ecdsa_entries_agree() {
  for (const AlgorithmInfo &info : kAlgorithms) {
    if (info.scheme != SignatureScheme::Ecdsa) continue;
    const KeyFamilyInfo &family = kKeyFamilies[static_cast<unsigned>(info.family)];
    if (!family.curve || info.signature_size != ecdsa_signature_size(*family.curve)) return false;
  }
  return true;
}
static_assert(ecdsa_entries_agree(), "ECDSA algorithms, their families and their curves agree");

constexpr bool every_curve_has_one_family() {
  for (const CurveInfo &curve : kCurves) {
    unsigned families = 0;
    for (const KeyFamilyInfo &family : kKeyFamilies) families += family.curve == curve.curve;
    if (families != 1) return false;
  }
  return true;
}
static_assert(every_curve_has_one_family(), "each curve is one EC key family");

}  // namespace

const KeyFamilyInfo &key_family_info(KeyFamily family) { return kKeyFamilies[static_cast<unsigned>(family)]; }
const AlgorithmInfo &algorithm_info(Algorithm alg) { return kAlgorithms[static_cast<unsigned>(alg)]; }

KeyFamily ec_family(Curve curve) {
  for (const KeyFamilyInfo &info : kKeyFamilies) {
    if (info.curve == curve) return info.family;
  }
  return KeyFamily::EcP256;  // unreachable: every curve has its family (checked above)
}

std::string_view signature_scheme_name(SignatureScheme scheme) {
  switch (scheme) {
    case SignatureScheme::Hmac:
      return "hmac";
    case SignatureScheme::RsaPkcs1:
      return "pkcs1";
    case SignatureScheme::RsaPss:
      return "pss";
    case SignatureScheme::Ecdsa:
      return "ecdsa";
    case SignatureScheme::Ed25519:
      return "ed25519";
  }
  return "";
}

AlgorithmSet AlgorithmSet::of_family(KeyFamily family) {
  AlgorithmSet set;
  for (const AlgorithmInfo &info : kAlgorithms) {
    if (info.family == family) set.add(info.alg);
  }
  return set;
}

bool algorithm_from_name(std::string_view name, Algorithm &out) {
  for (const AlgorithmInfo &info : kAlgorithms) {
    if (info.name == name) {
      out = info.alg;
      return true;
    }
  }
  return false;
}

}  // namespace edgejwt
