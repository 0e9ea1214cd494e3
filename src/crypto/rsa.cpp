#include "rsa.h"

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <string_view>

#include <bearssl_rand.h>
#include <bearssl_rsa.h>

#include "bearssl_rsa_key.h"
#include "emsa_pss.h"
#include "hmac.h"
#include "random.h"
#include "rsa_public.h"
#include "../wipe.h"

namespace edgejwt {
namespace {

constexpr size_t kMaxModulusSize = kRsaMaxModulusBits / 8;
// BearSSL's bound on one prime factor (BR_MAX_RSA_FACTOR in its src/inner.h): half the largest
// modulus plus 64 bits.
constexpr size_t kMaxFactorSize = (kRsaMaxModulusBits + 64) / 16;
// BearSSL's key generation and exponent recovery work on 32-bit public exponents.
constexpr size_t kMaxExponentSize = 4;
constexpr uint32_t kGeneratedExponent = 65537;
// The message rsa_check_private_key signs to test the key's parts against one another.
constexpr std::string_view kKeyCheckMessage = "edgejwt RSA private key check";

ByteView without_leading_zeros(ByteView bytes) {
  while (bytes.size > 0 && bytes.data[0] == 0) bytes = ByteView(bytes.data + 1, bytes.size - 1);
  return bytes;
}

// Bits of a big-endian integer that has no leading zero bytes.
size_t bit_length(ByteView value) {
  if (value.empty()) return 0;
  size_t bits = value.size * 8;
  for (unsigned top = value.data[0]; (top & 0x80) == 0; top <<= 1) --bits;
  return bits;
}

// The checks rsa_check_modulus documents, for n without leading zeros.
Status check_modulus(ByteView n) {
  const size_t bits = bit_length(n);
  if (bits < kRsaMinModulusBits) return Status::KeyTooShort;
  if (bits > kRsaMaxModulusBits) return Status::KeyUnsupported;
  return (n.data[n.size - 1] & 1) == 0 ? Status::KeyInvalid : Status::Ok;
}

// The checks rsa_check_public_key documents; `n` and `e` receive the values without leading zeros.
Status read_public_key(const RsaPublicKey &key, ByteView &n, ByteView &e) {
  n = without_leading_zeros(key.n);
  e = without_leading_zeros(key.e);
  if (Status status = check_modulus(n); status != Status::Ok) return status;
  if (e.empty() || e.size > kMaxExponentSize || (e.data[e.size - 1] & 1) == 0) return Status::KeyInvalid;
  if (e.size == 1 && e.data[0] == 1) return Status::KeyInvalid;
  return Status::Ok;
}

uint32_t exponent_value(ByteView e) {
  uint32_t value = 0;
  for (size_t i = 0; i < e.size; ++i) value = value << 8 | e.data[i];
  return value;
}

// x ← x^exponent mod n in place, x being n.size bytes; false when x ≥ n. BearSSL's modular
// exponentiation is constant-time in the exponent's value, so this also serves for x^d.
bool modpow(ByteView n, ByteView exponent, uint8_t *x) {
  // BearSSL's key structs are not const-correct; its RSA operations only read the key.
  const br_rsa_public_key key{const_cast<uint8_t *>(n.data), n.size, const_cast<uint8_t *>(exponent.data),
                              exponent.size};
  return br_rsa_i31_public(x, n.size, &key) == 1;
}

// The CRT form BearSSL's private operation takes; false when a part is empty or longer than
// BearSSL's factor bound.
bool bearssl_private_key(const RsaPrivateKey &key, size_t modulus_bits, br_rsa_private_key &out) {
  for (const SecretBytes *part : {&key.p, &key.q, &key.dp, &key.dq, &key.qi}) {
    if (part->size() == 0 || part->size() > kMaxFactorSize) return false;
  }
  const auto bytes = [](const SecretBytes &part) { return const_cast<uint8_t *>(part.view().data); };
  out = br_rsa_private_key{static_cast<uint32_t>(modulus_bits),
                           bytes(key.p),
                           key.p.size(),
                           bytes(key.q),
                           key.q.size(),
                           bytes(key.dp),
                           key.dp.size(),
                           bytes(key.dq),
                           key.dq.size(),
                           bytes(key.qi),
                           key.qi.size()};
  return true;
}

// The DER DigestInfo prefix of EMSA-PKCS1-v1_5 (RFC 8017 §9.2 note 1), NULL parameters included.
ByteView digest_info_prefix(Hash hash) {
  static constexpr uint8_t kSha256[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                        0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
  static constexpr uint8_t kSha384[] = {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                        0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30};
  static constexpr uint8_t kSha512[] = {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                        0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40};
  switch (hash) {
    case Hash::Sha256:
      return ByteView(kSha256, sizeof kSha256);
    case Hash::Sha384:
      return ByteView(kSha384, sizeof kSha384);
    case Hash::Sha512:
      return ByteView(kSha512, sizeof kSha512);
  }
  return ByteView(kSha512, sizeof kSha512);
}

// EMSA-PKCS1-v1_5 (RFC 8017 §9.2) on k bytes: 0x00 0x01 FF…FF 0x00 DigestInfo. k is at least 256
// here, well over the 11 + 83 bytes the longest DigestInfo needs.
void emsa_pkcs1_encode(Hash hash, ByteView message, uint8_t *em, size_t k) {
  const ByteView prefix = digest_info_prefix(hash);
  const size_t t_len = prefix.size + hash_size(hash);
  em[0] = 0x00;
  em[1] = 0x01;
  std::memset(em + 2, 0xFF, k - t_len - 3);
  em[k - t_len - 1] = 0x00;
  std::memcpy(em + k - t_len, prefix.data, prefix.size);
  hash_bytes(hash, message, em + k - hash_size(hash));
}

// RFC 8017 §5.2.2 step 1: exactly k bytes, and s < n.
Status check_signature_range(ByteView n, ByteView signature) {
  if (signature.size != n.size) return Status::SignatureLength;
  if (!std::lexicographical_compare(signature.data, signature.data + n.size, n.data, n.data + n.size)) {
    return Status::SignatureInvalid;  // s ≥ n
  }
  return Status::Ok;
}

// The checks before RSAVP1 (RFC 8017 §5.2.2) and RSAVP1 itself: `em` receives s^e mod n on
// k = n.size bytes, computed with the key's precomputed constants when it has them (for this n and
// e), else with constants made here.
Status open_signature(const RsaPublicKey &key, ByteView signature, ByteView &n, uint8_t *em) {
  ByteView e;
  if (Status status = read_public_key(key, n, e); status != Status::Ok) return status;
  if (Status status = check_signature_range(n, signature); status != Status::Ok) return status;
  if (const RsaPublicOperation *verifier = key.verifier.get(); verifier && rsa_public_matches(*verifier, n, e)) {
    return rsa_public_apply(*verifier, signature, em) ? Status::Ok : Status::SignatureInvalid;
  }
  RsaPublicOperation operation;
  if (!rsa_public_init(n, e, operation)) return Status::KeyInvalid;
  return rsa_public_apply(operation, signature, em) ? Status::Ok : Status::SignatureInvalid;
}

// RSASP1 on the k-byte encoded message `em` with BearSSL's CRT code, then s^e mod n compared with
// `em` before s is released: inconsistent key values or a fault in the computation would give a
// wrong signature, and a wrong CRT signature reveals a factor of n.
Status sign_encoded(const RsaPrivateKey &key, ByteView n, ByteView e, const uint8_t *em,
                    std::vector<uint8_t> &signature) {
  br_rsa_private_key private_key;
  if (!bearssl_private_key(key, bit_length(n), private_key)) return Status::KeyInvalid;
  uint8_t s[kMaxModulusSize];
  std::memcpy(s, em, n.size);
  if (br_rsa_i31_private(s, &private_key) != 1) return Status::KeyInvalid;
  uint8_t check[kMaxModulusSize];
  std::memcpy(check, s, n.size);
  if (!modpow(n, e, check) || std::memcmp(check, em, n.size) != 0) return Status::KeyInvalid;
  signature.assign(s, s + n.size);
  return Status::Ok;
}

}  // namespace

Status rsa_check_signature_encoding(const RsaPublicKey &key, ByteView signature) {
  ByteView n, e;
  if (Status status = read_public_key(key, n, e); status != Status::Ok) return status;
  return check_signature_range(n, signature);
}

Status rsa_check_modulus(ByteView n) { return check_modulus(without_leading_zeros(n)); }

Status rsa_check_public_key(const RsaPublicKey &key) {
  ByteView n, e;
  return read_public_key(key, n, e);
}

void rsa_precompute_verifier(RsaPublicKey &key) {
  ByteView n, e;
  if (read_public_key(key, n, e) != Status::Ok) return;
  auto operation = std::make_unique<RsaPublicOperation>();
  if (rsa_public_init(n, e, *operation)) key.verifier = Precomputed<RsaPublicOperation>(std::move(operation));
}

Status rsa_check_private_key(const RsaPrivateKey &key) {
  ByteView n, e;
  if (Status status = read_public_key(key.public_key, n, e); status != Status::Ok) return status;
  br_rsa_private_key private_key;
  if (!bearssl_private_key(key, bit_length(n), private_key)) return Status::KeyInvalid;
  const ByteView d = without_leading_zeros(key.d.view());
  if (d.empty() || d.size > n.size) return Status::KeyInvalid;

  // p·q = n, the product written on one byte more than n so that a longer one cannot match by
  // losing its top bytes. br_rsa_i31_compute_modulus cannot be used: in BearSSL 0.6 its scratch
  // space is two words short for two 2048-bit factors, so it fails on every 4096-bit key. The i15
  // version has room; like all i15 and i31 code it is the same in every build.
  br_rsa_private_key wide = private_key;
  wide.n_bitlen = static_cast<uint32_t>(8 * (n.size + 1));
  uint8_t product[kMaxModulusSize + 1];
  if (br_rsa_i15_compute_modulus(product, &wide) != n.size + 1 || product[0] != 0 ||
      std::memcmp(product + 1, n.data, n.size) != 0) {
    return Status::KeyInvalid;
  }

  // e from p, dp and q, dq, which BearSSL can recover when p ≡ q ≡ 3 (mod 4) (0 otherwise).
  const uint32_t recovered = br_rsa_i31_compute_pubexp(&private_key);
  if (recovered != 0 && recovered != exponent_value(e)) return Status::KeyInvalid;

  // For any key: a signature made with the CRT values must open with e (sign_encoded checks it)
  // and equal x^d mod n computed with d directly.
  uint8_t x[kMaxModulusSize];
  emsa_pkcs1_encode(Hash::Sha256, kKeyCheckMessage, x, n.size);
  std::vector<uint8_t> signature;
  if (Status status = sign_encoded(key, n, e, x, signature); status != Status::Ok) return status;
  if (!modpow(n, d, x) || std::memcmp(x, signature.data(), n.size) != 0) return Status::KeyInvalid;
  return Status::Ok;
}

Status rsa_pkcs1_sign(Hash hash, const RsaPrivateKey &key, ByteView message, std::vector<uint8_t> &signature) {
  ByteView n, e;
  if (Status status = read_public_key(key.public_key, n, e); status != Status::Ok) return status;
  uint8_t em[kMaxModulusSize];
  emsa_pkcs1_encode(hash, message, em, n.size);
  return sign_encoded(key, n, e, em, signature);
}

// The block is re-encoded from the message and compared whole, so nothing in it is parsed.
Status rsa_pkcs1_verify(Hash hash, const RsaPublicKey &key, ByteView message, ByteView signature) {
  ByteView n;
  uint8_t em[kMaxModulusSize];
  if (Status status = open_signature(key, signature, n, em); status != Status::Ok) return status;
  uint8_t expected[kMaxModulusSize];
  emsa_pkcs1_encode(hash, message, expected, n.size);
  return constant_time_equal(em, expected, n.size) ? Status::Ok : Status::SignatureInvalid;
}

// emBits = modBits - 1 (RFC 8017 §8.1.1); when that is a multiple of 8, EM is one byte shorter
// than the modulus and the integer's top byte is zero.
Status rsa_pss_sign(Hash hash, const RsaPrivateKey &key, ByteView message, std::vector<uint8_t> &signature) {
  ByteView n, e;
  if (Status status = read_public_key(key.public_key, n, e); status != Status::Ok) return status;
  const size_t em_bits = bit_length(n) - 1;
  const size_t offset = n.size - emsa_pss_length(em_bits);
  uint8_t m_hash[kMaxHashSize];
  hash_bytes(hash, message, m_hash);
  uint8_t salt[kMaxHashSize];
  if (Status status = random_bytes(salt, hash_size(hash)); status != Status::Ok) return status;
  uint8_t em[kMaxModulusSize];
  em[0] = 0;
  if (Status status = emsa_pss_encode(hash, m_hash, salt, em_bits, em + offset); status != Status::Ok) return status;
  return sign_encoded(key, n, e, em, signature);
}

// RFC 8017 §8.1.2: I2OSP(m, emLen) fails, and the signature with it, when EM is one byte shorter
// than the modulus and m's top byte is not zero.
Status rsa_pss_verify(Hash hash, const RsaPublicKey &key, ByteView message, ByteView signature) {
  ByteView n;
  uint8_t em[kMaxModulusSize];
  if (Status status = open_signature(key, signature, n, em); status != Status::Ok) return status;
  const size_t em_bits = bit_length(n) - 1;
  const size_t offset = n.size - emsa_pss_length(em_bits);
  if (offset == 1 && em[0] != 0) return Status::SignatureInvalid;
  uint8_t m_hash[kMaxHashSize];
  hash_bytes(hash, message, m_hash);
  return emsa_pss_verify(hash, m_hash, em + offset, em_bits);
}

// HMAC-DRBG seeded from the platform feeds BearSSL's prime generation (Miller-Rabin, primes ≡ 3
// mod 4, p > q); d = e⁻¹ mod (p-1)(q-1) as BearSSL computes it.
Status rsa_generate(size_t bits, RsaPrivateKey &key) {
  if (bits < kRsaMinModulusBits || bits > kRsaMaxModulusBits || bits % 16 != 0) return Status::InvalidArgument;
  uint8_t seed[64];
  if (Status status = random_bytes(seed, sizeof seed); status != Status::Ok) return status;
  br_hmac_drbg_context drbg;
  br_hmac_drbg_init(&drbg, &br_sha256_vtable, seed, sizeof seed);
  secure_wipe(seed, sizeof seed);
  uint8_t private_buffer[BR_RSA_KBUF_PRIV_SIZE(kRsaMaxModulusBits)];
  uint8_t public_buffer[BR_RSA_KBUF_PUB_SIZE(kRsaMaxModulusBits)];
  br_rsa_private_key private_key;
  br_rsa_public_key public_key;
  // BearSSL reports a failure only if p = q or two composites slipped through Miller-Rabin.
  const uint32_t generated = br_rsa_i31_keygen(&drbg.vtable, &private_key, private_buffer, &public_key,
                                               public_buffer, static_cast<unsigned>(bits), kGeneratedExponent);
  secure_wipe(&drbg, sizeof drbg);
  uint8_t d[kMaxModulusSize];
  const size_t d_size = generated == 1 ? br_rsa_i31_compute_privexp(d, &private_key, kGeneratedExponent) : 0;
  Status status = Status::KeyInvalid;
  if (d_size != 0) {
    const auto secret = [](const void *bytes, size_t size) {
      return SecretBytes(without_leading_zeros(ByteView(static_cast<const uint8_t *>(bytes), size)));
    };
    const ByteView n = without_leading_zeros(ByteView(public_key.n, public_key.nlen));
    const ByteView e = without_leading_zeros(ByteView(public_key.e, public_key.elen));
    key.public_key.n.assign(n.data, n.data + n.size);
    key.public_key.e.assign(e.data, e.data + e.size);
    key.d = secret(d, d_size);
    key.p = secret(private_key.p, private_key.plen);
    key.q = secret(private_key.q, private_key.qlen);
    key.dp = secret(private_key.dp, private_key.dplen);
    key.dq = secret(private_key.dq, private_key.dqlen);
    key.qi = secret(private_key.iq, private_key.iqlen);
    status = Status::Ok;
  }
  secure_wipe(private_buffer, sizeof private_buffer);
  secure_wipe(d, sizeof d);
  return status;
}

// BearSSL's key structs are not const-correct; its RSA operations only read the key.
Status bearssl_rsa_public_key(const RsaPublicKey &key, br_rsa_public_key &out) {
  ByteView n, e;
  if (Status status = read_public_key(key, n, e); status != Status::Ok) return status;
  out = br_rsa_public_key{const_cast<uint8_t *>(n.data), n.size, const_cast<uint8_t *>(e.data), e.size};
  return Status::Ok;
}

Status bearssl_rsa_private_key(const RsaPrivateKey &key, br_rsa_private_key &out) {
  ByteView n, e;
  if (Status status = read_public_key(key.public_key, n, e); status != Status::Ok) return status;
  return bearssl_private_key(key, bit_length(n), out) ? Status::Ok : Status::KeyInvalid;
}

}  // namespace edgejwt
