#include "emsa_pss.h"

#include <cstring>

#include "bearssl_hash.h"
#include "hmac.h"
#include "rsa.h"

namespace edgejwt {
namespace {

constexpr size_t kMaxEncodedSize = kRsaMaxModulusBits / 8;

// MGF1 (RFC 8017 §B.2.1) XORed into `out`: out ^= Hash(seed || C) || … for C = 0, 1, … as 4 bytes
// big-endian. At most kMaxEncodedSize bytes, so the counter stays far below 2^32.
void xor_mgf1(Hash hash, const uint8_t *seed, size_t seed_size, uint8_t *out, size_t size) {
  const br_hash_class *hash_class = bearssl_hash_class(hash);
  const size_t h_len = hash_size(hash);
  uint8_t block[kMaxHashSize];
  uint32_t counter = 0;
  for (size_t offset = 0; offset < size; offset += h_len, ++counter) {
    const uint8_t counter_bytes[4] = {static_cast<uint8_t>(counter >> 24), static_cast<uint8_t>(counter >> 16),
                                      static_cast<uint8_t>(counter >> 8), static_cast<uint8_t>(counter)};
    br_hash_compat_context context;
    hash_class->init(&context.vtable);
    hash_class->update(&context.vtable, seed, seed_size);
    hash_class->update(&context.vtable, counter_bytes, sizeof counter_bytes);
    hash_class->out(&context.vtable, block);
    for (size_t i = 0; i < h_len && offset + i < size; ++i) out[offset + i] ^= block[i];
  }
}

// H = Hash(M'), M' = (0x)00 00 00 00 00 00 00 00 || mHash || salt (§9.1.1 steps 5 and 6).
void hash_m_prime(Hash hash, const uint8_t *m_hash, const uint8_t *salt, uint8_t *out) {
  const size_t h_len = hash_size(hash);
  uint8_t m_prime[8 + 2 * kMaxHashSize] = {};
  std::memcpy(m_prime + 8, m_hash, h_len);
  std::memcpy(m_prime + 8 + h_len, salt, h_len);
  hash_bytes(hash, ByteView(m_prime, 8 + 2 * h_len), out);
}

// The bits of EM's first byte that lie within emBits; the 8·emLen - emBits leftmost ones are zero.
uint8_t first_byte_mask(size_t em_bits) {
  return static_cast<uint8_t>(0xFF >> (8 * emsa_pss_length(em_bits) - em_bits));
}

bool supported_length(Hash hash, size_t em_len) {
  return em_len >= 2 * hash_size(hash) + 2 && em_len <= kMaxEncodedSize;
}

}  // namespace

// EM = maskedDB || H || 0xbc, where DB = PS (zeros) || 0x01 || salt and maskedDB = DB ⊕ MGF1(H).
Status emsa_pss_encode(Hash hash, const uint8_t *m_hash, const uint8_t *salt, size_t em_bits, uint8_t *em) {
  const size_t h_len = hash_size(hash);
  const size_t em_len = emsa_pss_length(em_bits);
  if (!supported_length(hash, em_len)) return Status::InvalidArgument;  // step 3
  const size_t db_len = em_len - h_len - 1;
  const size_t ps_len = db_len - h_len - 1;
  uint8_t *db = em;
  uint8_t *h = em + db_len;
  hash_m_prime(hash, m_hash, salt, h);                // steps 5, 6
  std::memset(db, 0, ps_len);                         // step 7
  db[ps_len] = 0x01;                                  // step 8
  std::memcpy(db + ps_len + 1, salt, h_len);
  xor_mgf1(hash, h, h_len, db, db_len);               // steps 9, 10
  db[0] &= first_byte_mask(em_bits);                  // step 11
  em[em_len - 1] = 0xbc;                              // step 12
  return Status::Ok;
}

// Every step of §9.1.2 is checked, in its order; the hashes are compared in constant time.
Status emsa_pss_verify(Hash hash, const uint8_t *m_hash, const uint8_t *em, size_t em_bits) {
  const size_t h_len = hash_size(hash);
  const size_t em_len = emsa_pss_length(em_bits);
  if (!supported_length(hash, em_len)) return Status::SignatureInvalid;       // step 3
  if (em[em_len - 1] != 0xbc) return Status::SignatureInvalid;               // step 4
  const size_t db_len = em_len - h_len - 1;
  const uint8_t *h = em + db_len;                                            // step 5
  const uint8_t mask = first_byte_mask(em_bits);
  if ((em[0] & ~mask) != 0) return Status::SignatureInvalid;                 // step 6
  uint8_t db[kMaxEncodedSize];
  std::memcpy(db, em, db_len);
  xor_mgf1(hash, h, h_len, db, db_len);                                      // steps 7, 8
  db[0] &= mask;                                                             // step 9
  const size_t ps_len = db_len - h_len - 1;
  for (size_t i = 0; i < ps_len; ++i) {
    if (db[i] != 0) return Status::SignatureInvalid;                         // step 10: PS
  }
  if (db[ps_len] != 0x01) return Status::SignatureInvalid;                   // step 10: separator
  uint8_t h_prime[kMaxHashSize];
  hash_m_prime(hash, m_hash, db + ps_len + 1, h_prime);                      // steps 11 to 13
  return constant_time_equal(h, h_prime, h_len) ? Status::Ok : Status::SignatureInvalid;  // step 14
}

}  // namespace edgejwt
