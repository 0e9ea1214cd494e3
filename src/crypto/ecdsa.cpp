#include "ecdsa.h"

#include <algorithm>
#include <memory>

#include <bearssl_ec.h>
#include <bearssl_rand.h>

#include "bearssl_hash.h"
#include "p256_verify.h"
#include "random.h"
#include "../wipe.h"

namespace edgejwt {
namespace {

static_assert(curve_info(Curve::P256).tls_id == BR_EC_secp256r1 && curve_info(Curve::P384).tls_id == BR_EC_secp384r1 &&
                  curve_info(Curve::P521).tls_id == BR_EC_secp521r1,
              "BearSSL names curves by their TLS numbers");

// Named explicitly (never br_ec_get_default) so that every build runs the same code.
const br_ec_impl &curve_impl(Curve curve) { return curve == Curve::P256 ? br_ec_p256_m31 : br_ec_prime_i31; }

int curve_id(Curve curve) { return curve_info(curve).tls_id; }

// The subgroup order n from BearSSL's curve tables: curve_size(curve) bytes, big-endian, for all
// three curves (P-521's starts with 0x01).
const uint8_t *curve_order(Curve curve) {
  size_t length = 0;
  return curve_impl(curve).order(curve_id(curve), &length);
}

// 1 ≤ value < n for a value of exactly curve_size(curve) bytes. Constant time, as the value may be
// a private scalar: the borrow of value − n, computed from the last byte up, is 1 when value < n.
bool in_scalar_range(Curve curve, ByteView value) {
  if (value.size != curve_size(curve)) return false;
  const uint8_t *order = curve_order(curve);
  unsigned borrow = 0;
  unsigned nonzero = 0;
  for (size_t i = value.size; i-- > 0;) {
    borrow = (static_cast<unsigned>(value.data[i] - order[i] - borrow) >> 8) & 1;
    nonzero |= value.data[i];
  }
  return borrow == 1 && nonzero != 0;
}

}  // namespace

// BearSSL's point decoding (p256_decode in ec_p256_m31.c, point_decode in ec_prime_i31.c), which
// impl->mul runs first, refuses a first byte other than 0x04 (compressed and hybrid forms), a
// coordinate ≥ p and a point off the curve equation; mul returns 0 then. Infinity has no
// uncompressed encoding and (0, 0) is not on these curves (b ≠ 0); their cofactor is 1, so a point
// on the curve is in the prime-order group. Multiplying by 1 thus checks the point and nothing else.
// The length is checked here, first: ec_prime_i31's mul writes a whole point back whatever length
// it was given.
Status ec_check_public_key(const EcPublicKey &key) {
  const size_t point_size = 1 + 2 * curve_size(key.curve);
  if (key.point.size() != point_size) return Status::KeyInvalid;
  uint8_t point[1 + 2 * kMaxCurveSize];
  std::copy(key.point.begin(), key.point.end(), point);
  const uint8_t one = 1;
  const uint32_t valid = curve_impl(key.curve).mul(point, point_size, &one, 1, curve_id(key.curve));
  return valid == 1 ? Status::Ok : Status::KeyInvalid;
}

void ec_precompute_verifier(EcPublicKey &key) {
  if (key.curve != Curve::P256) return;
  auto verifier = std::make_unique<P256VerifyKey>();
  if (p256_verify_init(key.point.data(), key.point.size(), *verifier)) {
    key.verifier = Precomputed<P256VerifyKey>(std::move(verifier));
  }
}

Status ec_public_from_private(Curve curve, ByteView scalar, EcPublicKey &public_key) {
  if (!in_scalar_range(curve, scalar)) return Status::KeyInvalid;
  public_key.curve = curve;
  public_key.point.resize(1 + 2 * curve_size(curve));
  curve_impl(curve).mulgen(public_key.point.data(), scalar.data, scalar.size, curve_id(curve));
  return Status::Ok;
}

// br_ecdsa_i31_sign_raw derives the nonce k as RFC 6979 §3.2 does (HMAC_DRBG over the hash, seeded
// with int2octets(d) || bits2octets(h)), so a key signs a message the same way every time.
Status ecdsa_sign(Hash hash, const EcPrivateKey &key, ByteView message, std::vector<uint8_t> &signature) {
  const Curve curve = key.public_key.curve;
  if (!in_scalar_range(curve, key.scalar.view())) return Status::KeyInvalid;
  uint8_t digest[kMaxHashSize];
  hash_bytes(hash, message, digest);
  // BearSSL's key struct is not const-correct; signing only reads the scalar.
  const br_ec_private_key private_key{curve_id(curve), const_cast<uint8_t *>(key.scalar.view().data),
                                      key.scalar.size()};
  signature.resize(2 * curve_size(curve));
  const size_t written =
      br_ecdsa_i31_sign_raw(&curve_impl(curve), bearssl_hash_class(hash), digest, &private_key, signature.data());
  return written == signature.size() ? Status::Ok : Status::KeyInvalid;
}

// BearSSL checks r < n and s ≠ 0 itself but not r ≠ 0 (its muladd then works outside its contract),
// so the full range is checked first. A point that is not on the curve fails inside BearSSL's
// muladd, as SignatureInvalid; keys are meant to pass ec_check_public_key when they are imported.
Status ecdsa_check_signature_encoding(Curve curve, ByteView signature) {
  const size_t size = curve_size(curve);
  if (signature.size != 2 * size) return Status::SignatureLength;
  const bool in_range = in_scalar_range(curve, ByteView(signature.data, size)) &&
                        in_scalar_range(curve, ByteView(signature.data + size, size));
  return in_range ? Status::Ok : Status::SignatureInvalid;
}

// P-256 on ours: with the key's table when it has one for this point, else with one made here (a
// point off the curve makes none, and fails as BearSSL's muladd does).
Status ecdsa_verify(Hash hash, const EcPublicKey &key, ByteView message, ByteView signature) {
  if (Status status = ecdsa_check_signature_encoding(key.curve, signature); status != Status::Ok) return status;
  if (key.point.size() != 1 + 2 * curve_size(key.curve)) return Status::KeyInvalid;
  uint8_t digest[kMaxHashSize];
  hash_bytes(hash, message, digest);
  if (key.curve == Curve::P256) {
    const P256VerifyKey *verifier = key.verifier.get();
    std::unique_ptr<P256VerifyKey> made;
    if (!verifier || !p256_verify_matches(*verifier, key.point.data(), key.point.size())) {
      made = std::make_unique<P256VerifyKey>();
      if (!p256_verify_init(key.point.data(), key.point.size(), *made)) return Status::SignatureInvalid;
      verifier = made.get();
    }
    const bool valid = p256_verify(*verifier, digest, hash_size(hash), signature.data, signature.size);
    return valid ? Status::Ok : Status::SignatureInvalid;
  }
  // BearSSL's key struct is not const-correct; verification copies the point before using it.
  const br_ec_public_key public_key{curve_id(key.curve), const_cast<uint8_t *>(key.point.data()), key.point.size()};
  const uint32_t valid = br_ecdsa_i31_vrfy_raw(&curve_impl(key.curve), digest, hash_size(hash), &public_key,
                                               signature.data, signature.size);
  return valid == 1 ? Status::Ok : Status::SignatureInvalid;
}

// br_ec_keygen draws curve-sized values from an HMAC-DRBG seeded by the platform and keeps the first
// in [1, n-1] (rejection sampling, no modular bias).
Status ec_generate(Curve curve, EcPrivateKey &key) {
  uint8_t seed[64];
  if (Status status = random_bytes(seed, sizeof seed); status != Status::Ok) return status;
  br_hmac_drbg_context drbg;
  br_hmac_drbg_init(&drbg, &br_sha512_vtable, seed, sizeof seed);
  secure_wipe(seed, sizeof seed);
  uint8_t scalar[kMaxCurveSize];
  const size_t length = br_ec_keygen(&drbg.vtable, &curve_impl(curve), nullptr, scalar, curve_id(curve));
  secure_wipe(&drbg, sizeof drbg);
  key.scalar = SecretBytes(ByteView(scalar, length));
  secure_wipe(scalar, sizeof scalar);
  return ec_public_from_private(curve, key.scalar.view(), key.public_key);
}

// impl->mul checks the point as ec_check_public_key relies on it to and computes in constant time;
// its result is unspecified for a scalar outside [1, n-1], hence the range check first. On a
// point it refuses it still writes k times that point back (the very output an invalid-curve
// attack wants), so the product is wiped then.
Status ec_multiply(Curve curve, ByteView scalar, ByteView point, uint8_t *product) {
  const size_t point_size = 1 + 2 * curve_size(curve);
  if (point.size != point_size || !in_scalar_range(curve, scalar)) return Status::KeyInvalid;
  std::copy(point.data, point.data + point_size, product);
  const uint32_t valid = curve_impl(curve).mul(product, point_size, scalar.data, scalar.size, curve_id(curve));
  if (valid != 1) {
    secure_wipe(product, point_size);
    return Status::KeyInvalid;
  }
  return Status::Ok;
}

}  // namespace edgejwt
