// ECDSA for JWS (RFC 7518 §3.4). Signing, key checks and P-384/P-521 verification on BearSSL (P-256
// with its fast m31 code, P-384/P-521 with ec_prime_i31); P-256 verification on our own verify-only
// arithmetic (p256_verify.h), proved against BearSSL by the differential suite. Signatures are raw
// R || S of exactly 2 × curve_size bytes (never DER); r and s are checked to lie in [1, n-1] before
// any curve arithmetic; signing is deterministic (RFC 6979).
#pragma once
#include <vector>

#include "../bytes.h"
#include "../secret_bytes.h"
#include "../status.h"
#include "curve.h"
#include "hash.h"
#include "p256_verify.h"
#include "precomputed.h"

namespace edgejwt {

struct EcPublicKey {
  Curve curve = Curve::P256;
  std::vector<uint8_t> point;  // uncompressed SEC1: 0x04 || X || Y, each curve_size(curve) bytes
  // P-256 only: the point's comb table (ec_precompute_verifier).
  Precomputed<P256VerifyKey> verifier = {};
};

struct EcPrivateKey {
  EcPublicKey public_key;
  SecretBytes scalar;  // d, curve_size(curve) bytes
};

// KeyInvalid unless the point is uncompressed, of exact length, with coordinates below p and on
// the curve (not the point at infinity).
Status ec_check_public_key(const EcPublicKey &key);
// For a P-256 key that passed ec_check_public_key: makes its comb table (p256_comb.h, 18 KB, about
// six verifications' time) and keeps it in key.verifier, so that its verifications start from it.
// Other curves keep nothing.
void ec_precompute_verifier(EcPublicKey &key);
// The scalar must be of exact length and in [1, n-1]; `public_key` receives d·G.
Status ec_public_from_private(Curve curve, ByteView scalar, EcPublicKey &public_key);

// The signature's form before any arithmetic: exactly 2 × curve_size bytes (SignatureLength),
// r and s in [1, n-1] (SignatureInvalid). ecdsa_verify runs it first.
Status ecdsa_check_signature_encoding(Curve curve, ByteView signature);

Status ecdsa_sign(Hash hash, const EcPrivateKey &key, ByteView message, std::vector<uint8_t> &signature);
// SignatureLength unless exactly 2 × curve_size; SignatureInvalid for r or s outside [1, n-1].
Status ecdsa_verify(Hash hash, const EcPublicKey &key, ByteView message, ByteView signature);

Status ec_generate(Curve curve, EcPrivateKey &key);

// k·P on the curve code above, the step ECDH (ecdh.h) builds on: `point` must pass the checks of
// ec_check_public_key and `scalar` those of a private key (exact length, in [1, n-1]), else
// KeyInvalid; `product` receives the uncompressed result (1 + 2 × curve_size bytes), never the
// point at infinity (the curves' order is prime and k < n).
Status ec_multiply(Curve curve, ByteView scalar, ByteView point, uint8_t *product);

}  // namespace edgejwt
