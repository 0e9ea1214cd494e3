// RSA signatures for JWS (RFC 7518 §3.3, §3.5): signing on BearSSL's i31 RSA operations, the same
// code in every build; verification's public operation s^e mod n on our own verify-only arithmetic
// (rsa_public.h), proved against BearSSL by the differential suite. PKCS#1 v1.5 verification re-encodes the expected EM and compares it whole (no
// parsing of the decrypted block); EMSA-PSS (RFC 8017 §9.1) is ours, as BearSSL 0.6 has none, with
// MGF1 over the same hash and a salt as long as the hash.
#pragma once
#include <vector>

#include "../bytes.h"
#include "../secret_bytes.h"
#include "../status.h"
#include "hash.h"
#include "precomputed.h"
#include "rsa_public.h"

namespace edgejwt {

// Big integers are big-endian unsigned bytes (leading zeros are ignored by the checks below).
struct RsaPublicKey {
  std::vector<uint8_t> n;  // modulus
  std::vector<uint8_t> e;  // public exponent
  // n's Montgomery constants (rsa_precompute_verifier).
  Precomputed<RsaPublicOperation> verifier = {};
};

// Both exponent forms are kept: BearSSL signs with the CRT values, JWK and PKCS#1 also carry d.
struct RsaPrivateKey {
  RsaPublicKey public_key;
  SecretBytes d, p, q, dp, dq, qi;
};

// Moduli edgejwt accepts, in bits (RFC 7518 §3.3 requires 2048 at least; BearSSL's i31 code
// handles up to 4096).
constexpr size_t kRsaMinModulusBits = 2048;
constexpr size_t kRsaMaxModulusBits = 4096;

// The modulus alone: KeyTooShort under 2048 bits, KeyUnsupported over 4096, KeyInvalid when even.
// Leading zero bytes are ignored.
Status rsa_check_modulus(ByteView n);
// rsa_check_modulus, then KeyInvalid for an exponent that is even, 1, or longer than 4 bytes
// (BearSSL's limit). Leading zero bytes of n and e are ignored.
Status rsa_check_public_key(const RsaPublicKey &key);
// Makes the verify-only constants for a key that passed rsa_check_public_key and keeps them in
// key.verifier, so that its verifications skip them (about the cost of one verification).
void rsa_precompute_verifier(RsaPublicKey &key);

// The public checks, then that p·q = n and that the CRT values, e and d agree (a test signature
// made with the CRT values must open with e and equal x^d mod n). Signing checks every signature
// with e before returning it (KeyInvalid otherwise).
Status rsa_check_private_key(const RsaPrivateKey &key);

// The signature's form before any arithmetic: exactly the modulus length (SignatureLength), and
// as an integer below n (SignatureInvalid). The verify functions run it first.
Status rsa_check_signature_encoding(const RsaPublicKey &key, ByteView signature);

// Signatures are exactly the modulus length; SignatureLength otherwise.
Status rsa_pkcs1_sign(Hash hash, const RsaPrivateKey &key, ByteView message, std::vector<uint8_t> &signature);
Status rsa_pkcs1_verify(Hash hash, const RsaPublicKey &key, ByteView message, ByteView signature);
Status rsa_pss_sign(Hash hash, const RsaPrivateKey &key, ByteView message, std::vector<uint8_t> &signature);
Status rsa_pss_verify(Hash hash, const RsaPublicKey &key, ByteView message, ByteView signature);

// A new key of `bits` (2048..4096, a multiple of 16) with e = 65537.
Status rsa_generate(size_t bits, RsaPrivateKey &key);

}  // namespace edgejwt
