#include "differential.h"

#include <algorithm>
#include <cstring>
#include <memory>

#include <bearssl_ec.h>
#include <bearssl_hash.h>
#include <bearssl_rsa.h>

#include "crypto/p256_verify.h"
#include "crypto/rsa_public.h"

namespace edgejwt::differential {
namespace {

constexpr size_t kScalar = 32;
constexpr int kCurve = BR_EC_secp256r1;
const br_ec_impl &kP256 = br_ec_p256_m31;

// splitmix64: the same sequence in every build, natively and in Wasm.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  size_t below(size_t bound) { return static_cast<size_t>(next() % bound); }
  bool chance(unsigned percent) { return below(100) < percent; }
  void fill(uint8_t *bytes, size_t size) {
    for (size_t i = 0; i < size; ++i) bytes[i] = static_cast<uint8_t>(next() >> 24);
  }
  std::vector<uint8_t> bytes(size_t size) {
    std::vector<uint8_t> out(size);
    fill(out.data(), size);
    return out;
  }

 private:
  uint64_t state_;
};

std::string hex(ByteView bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < bytes.size; ++i) {
    out.push_back(digits[bytes.data[i] >> 4]);
    out.push_back(digits[bytes.data[i] & 15]);
  }
  return out;
}

// --- Big-endian helpers, independent of the code under test -------------------------------------

// a < b for equal lengths.
bool less(const uint8_t *a, const uint8_t *b, size_t size) { return std::lexicographical_compare(a, a + size, b, b + size); }

// out = a − b mod 2^(8·size).
void subtract(const uint8_t *a, const uint8_t *b, uint8_t *out, size_t size) {
  int borrow = 0;
  for (size_t i = size; i-- > 0;) {
    const int difference = a[i] - b[i] - borrow;
    out[i] = static_cast<uint8_t>(difference);
    borrow = difference < 0;
  }
}

// out = a + b mod 2^(8·size).
void add(const uint8_t *a, const uint8_t *b, uint8_t *out, size_t size) {
  unsigned carry = 0;
  for (size_t i = size; i-- > 0;) {
    carry += unsigned{a[i]} + b[i];
    out[i] = static_cast<uint8_t>(carry);
    carry >>= 8;
  }
}

// value + small, on `size` bytes (wrapping).
std::vector<uint8_t> plus(ByteView value, uint8_t small) {
  std::vector<uint8_t> out(value.data, value.data + value.size), addend(value.size, 0);
  if (!addend.empty()) addend.back() = small;
  add(out.data(), addend.data(), out.data(), out.size());
  return out;
}

std::vector<uint8_t> minus(ByteView value, uint8_t small) {
  std::vector<uint8_t> out(value.data, value.data + value.size), subtrahend(value.size, 0);
  if (!subtrahend.empty()) subtrahend.back() = small;
  subtract(out.data(), subtrahend.data(), out.data(), out.size());
  return out;
}

ByteView p256_order() {
  size_t length = 0;
  const uint8_t *order = kP256.order(kCurve, &length);
  return ByteView(order, length);
}

bool in_scalar_range(const uint8_t *value) {
  static const uint8_t zero[kScalar] = {};
  return std::memcmp(value, zero, kScalar) != 0 && less(value, p256_order().data, kScalar);
}

// A scalar in [1, n − 1]: random, or (one case in four) an edge value.
void scalar(Random &random, uint8_t *out) {
  const ByteView n = p256_order();
  switch (random.chance(25) ? random.below(8) : 8) {
    case 0: std::memset(out, 0, kScalar); out[kScalar - 1] = 1; return;
    case 1: std::memset(out, 0, kScalar); out[kScalar - 1] = 2; return;
    case 2: std::memcpy(out, minus(n, 1).data(), kScalar); return;
    case 3: std::memcpy(out, minus(n, 2).data(), kScalar); return;
    case 4: std::memset(out, 0, kScalar); out[0] = 0x80; return;           // 2^255
    case 5: std::memset(out, 0, kScalar); std::memset(out + 28, 0xFF, 4); return;  // 2^32 − 1
    case 6: std::memset(out, 0xFF, kScalar); out[0] = 0x7F; return;         // 2^255 − 1
    case 7: for (size_t i = 0; i < kScalar; ++i) out[i] = (i % 4 == 0) ? 0x01 : 0; return;  // one bit per word
    default:
      do random.fill(out, kScalar);
      while (!in_scalar_range(out));
  }
}

P256ScalarWords words_of(const uint8_t *bytes) {
  P256ScalarWords out;
  for (size_t i = 0; i < kP256ScalarWords; ++i) {
    const uint8_t *word = bytes + kScalar - 4 * (i + 1);
    out.word[i] = uint32_t{word[0]} << 24 | uint32_t{word[1]} << 16 | uint32_t{word[2]} << 8 | word[3];
  }
  return out;
}

// --- RSA ---------------------------------------------------------------------------------------

bool rsa_agrees_with(const RsaPublicOperation &operation, ByteView n, ByteView e, ByteView s, std::string &mismatch) {
  std::vector<uint8_t> ours(operation.modulus_size), theirs(s.data, s.data + s.size);
  const bool ours_ok = rsa_public_apply(operation, s, ours.data());
  const br_rsa_public_key key{const_cast<uint8_t *>(n.data), n.size, const_cast<uint8_t *>(e.data), e.size};
  const bool theirs_ok = br_rsa_i31_public(theirs.data(), theirs.size(), &key) == 1;
  if (ours_ok == theirs_ok && (!ours_ok || ours == theirs)) return true;
  mismatch = "rsa n=" + hex(n) + " e=" + hex(e) + " s=" + hex(s) + (ours_ok ? " ours=" + hex(ours) : " ours refused") +
             (theirs_ok ? " bearssl=" + hex(theirs) : " bearssl refused");
  return false;
}

// An odd modulus of `bits` bits: random, all ones, or 2^(bits−1) + 1.
std::vector<uint8_t> modulus(Random &random, size_t bits) {
  std::vector<uint8_t> n = random.bytes((bits + 7) / 8);
  const unsigned top_bits = bits % 8 == 0 ? 8 : bits % 8;
  const unsigned shape = random.below(20);
  if (shape == 0) std::fill(n.begin(), n.end(), 0xFF);
  if (shape == 1) std::fill(n.begin(), n.end(), 0x00);
  n[0] &= static_cast<uint8_t>((1u << top_bits) - 1);
  n[0] |= static_cast<uint8_t>(1u << (top_bits - 1));
  n.back() |= 1;
  return n;
}

size_t modulus_bits(Random &random) {
  static const size_t kCommon[] = {2048, 2048, 2048, 2048, 2047, 2049, 2056, 3072, 4096, 4095, 1024, 1536};
  if (random.chance(10)) return 2 + random.below(4095);  // any size the arithmetic takes
  return kCommon[random.below(sizeof kCommon / sizeof kCommon[0])];
}

std::vector<uint8_t> exponent(Random &random) {
  uint32_t e = 65537;
  switch (random.below(10)) {
    case 0: e = 3; break;
    case 1: e = 0xFFFFFFFF; break;
    case 2: e = static_cast<uint32_t>(random.next()) | 1; break;
    default: break;
  }
  if (e < 3) e = 3;
  std::vector<uint8_t> bytes;
  for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(static_cast<uint8_t>(e >> shift));
  if (random.chance(50)) bytes.erase(bytes.begin(), std::find_if(bytes.begin(), bytes.end(), [](uint8_t b) { return b; }));
  return bytes;
}

// The signature values tried with each modulus: the edges (0, 1, 2, n − 2, n − 1, n, n + 1, all
// ones, one byte short or long) and random values, mostly below n.
std::vector<uint8_t> signature_value(Random &random, const std::vector<uint8_t> &n, unsigned which) {
  const size_t k = n.size();
  std::vector<uint8_t> s(k, 0);
  switch (which) {
    case 0: return s;
    case 1: s.back() = 1; return s;
    case 2: s.back() = 2; return s;
    case 3: return minus(n, 2);
    case 4: return minus(n, 1);
    case 5: return n;
    case 6: return plus(n, 1);
    case 7: return std::vector<uint8_t>(k, 0xFF);
    case 8: return random.bytes(k - 1 + 2 * random.below(2));  // k − 1 or k + 1 bytes
    case 9: return random.bytes(k);  // often ≥ n
    default:
      s = random.bytes(k);
      s[0] = static_cast<uint8_t>(random.below(n[0]));  // below n's top byte: below n
      return s;
  }
}

// --- P-256 -------------------------------------------------------------------------------------

std::vector<uint8_t> public_point(const uint8_t *d) {
  std::vector<uint8_t> q(1 + 2 * kScalar);
  q.resize(kP256.mulgen(q.data(), d, kScalar, kCurve));
  return q;
}

bool multiply_add_agrees_with(const P256VerifyKey &key, const std::vector<uint8_t> &q, const uint8_t *u1,
                              const uint8_t *u2, std::string &mismatch) {
  const P256Jacobian sum = p256_comb_multiply_add(p256_comb_generator(), words_of(u1), key.comb, words_of(u2));
  uint8_t ours[1 + 2 * kScalar] = {0x04};
  const bool ours_finite = p256_point_encode(sum, ours + 1, ours + 1 + kScalar);
  std::vector<uint8_t> theirs = q;
  const bool theirs_finite = kP256.muladd(theirs.data(), nullptr, theirs.size(), u2, kScalar, u1, kScalar, kCurve) == 1;
  if (ours_finite == theirs_finite && (!ours_finite || std::memcmp(ours, theirs.data(), sizeof ours) == 0)) return true;
  mismatch = "p256 muladd q=" + hex(q) + " u1=" + hex(ByteView(u1, kScalar)) + " u2=" + hex(ByteView(u2, kScalar)) +
             (ours_finite ? " ours=" + hex(ByteView(ours, sizeof ours)) : " ours infinity") +
             (theirs_finite ? " bearssl=" + hex(theirs) : " bearssl infinity");
  return false;
}

// bits2int(hash) mod n = 0 (SEC 1 §4.1.4 step 5): the hash's leftmost 256 bits are 0 or n.
bool hash_is_zero_modulo_n(ByteView hash) {
  uint8_t z[kScalar] = {};
  const size_t size = std::min(hash.size, kScalar);
  if (size > 0) std::memcpy(z + kScalar - size, hash.data, size);
  static const uint8_t zero[kScalar] = {};
  return std::memcmp(z, zero, kScalar) == 0 || std::memcmp(z, p256_order().data, kScalar) == 0;
}

// The reference verdict is BearSSL's, behind the range check of r and s, except when the hash is 0
// mod n: u1 is then 0, which BearSSL's muladd refuses as a multiplier (its documented contract), so
// it refuses every such signature; SEC 1 (and OpenSSL) verify R = u2·Q. There the reference is
// `made_for_hash`: the signature is one BearSSL's signer made for this hash (or its (r, n − s)).
bool ecdsa_agrees_with(const P256VerifyKey *key, ByteView point, ByteView hash, ByteView signature, bool made_for_hash,
                       std::string &mismatch) {
  const bool ours = key && p256_verify(*key, hash.data, hash.size, signature.data, signature.size);
  const br_ec_public_key public_key{kCurve, const_cast<uint8_t *>(point.data), point.size};
  const bool in_range = signature.size == 2 * kScalar && in_scalar_range(signature.data) &&
                        in_scalar_range(signature.data + kScalar);
  const bool theirs = in_range && (hash_is_zero_modulo_n(hash)
                                       ? made_for_hash
                                       : br_ecdsa_i31_vrfy_raw(&kP256, hash.data, hash.size, &public_key, signature.data,
                                                               signature.size) == 1);
  if (ours == theirs) return true;
  mismatch = "ecdsa q=" + hex(point) + " hash=" + hex(hash) + " signature=" + hex(signature) +
             (ours ? " ours valid" : " ours invalid") + (theirs ? " reference valid" : " reference invalid");
  return false;
}

// The key a point decodes to under p256_verify_init, or null; BearSSL must agree on whether it is
// a point of the curve.
std::unique_ptr<P256VerifyKey> verify_key(ByteView point, std::string &mismatch, bool &agreed) {
  auto key = std::make_unique<P256VerifyKey>();
  const bool ours = p256_verify_init(point.data, point.size, *key);
  std::vector<uint8_t> copy(point.data, point.data + point.size);
  const uint8_t one = 1;
  const bool theirs = point.size == 1 + 2 * kScalar && kP256.mul(copy.data(), copy.size(), &one, 1, kCurve) == 1;
  agreed = ours == theirs;
  if (!agreed) mismatch = "p256 point " + hex(point) + (ours ? " ours valid" : " ours invalid");
  return ours ? std::move(key) : nullptr;
}

}  // namespace

void Outcome::record(bool agreed, const std::string &what) {
  ++cases;
  if (agreed) return;
  if (mismatches++ == 0) first_mismatch = what;
}

bool rsa_agrees(ByteView n, ByteView e, ByteView s, std::string &mismatch) {
  auto operation = std::make_unique<RsaPublicOperation>();
  if (!rsa_public_init(n, e, *operation)) {
    mismatch = "rsa_public_init refused n=" + hex(n) + " e=" + hex(e);
    return false;
  }
  return rsa_agrees_with(*operation, n, e, s, mismatch);
}

bool p256_multiply_add_agrees(const uint8_t *d, const uint8_t *u1, const uint8_t *u2, std::string &mismatch) {
  const std::vector<uint8_t> q = public_point(d);
  auto key = std::make_unique<P256VerifyKey>();
  if (!p256_verify_init(q.data(), q.size(), *key)) {
    mismatch = "p256_verify_init refused d·G for d=" + hex(ByteView(d, kScalar));
    return false;
  }
  return multiply_add_agrees_with(*key, q, u1, u2, mismatch);
}

bool ecdsa_p256_agrees(ByteView point, ByteView hash, ByteView signature, std::string &mismatch) {
  bool agreed = false;
  const std::unique_ptr<P256VerifyKey> key = verify_key(point, mismatch, agreed);
  if (!agreed) return false;
  // With a hash of 0 mod n there is no reference verdict here (see ecdsa_agrees_with).
  return hash_is_zero_modulo_n(hash) || ecdsa_agrees_with(key.get(), point, hash, signature, false, mismatch);
}

Outcome run_rsa(uint64_t seed, size_t count) {
  Random random(seed);
  Outcome outcome;
  auto operation = std::make_unique<RsaPublicOperation>();
  while (outcome.cases < count) {
    const std::vector<uint8_t> n = modulus(random, modulus_bits(random)), e = exponent(random);
    std::string mismatch;
    if (!rsa_public_init(n, e, *operation)) {
      outcome.record(false, "rsa_public_init refused n=" + hex(n) + " e=" + hex(e));
      continue;
    }
    for (unsigned which = 0; which < 16 && outcome.cases < count; ++which) {
      const std::vector<uint8_t> s = signature_value(random, n, which);
      outcome.record(rsa_agrees_with(*operation, n, e, s, mismatch), mismatch);
    }
  }
  return outcome;
}

// Each key: Q = d·G for a random or edge d (1 and n − 1 give Q = G and Q = −G), then pairs of
// scalars, with u1 = u2 and u1 = n − u2 among them (with Q = ±G: sums of a point and itself or its
// negation, and infinity).
Outcome run_p256_multiply_add(uint64_t seed, size_t count) {
  Random random(seed);
  Outcome outcome;
  auto key = std::make_unique<P256VerifyKey>();
  while (outcome.cases < count) {
    uint8_t d[kScalar], u1[kScalar], u2[kScalar];
    scalar(random, d);
    const std::vector<uint8_t> q = public_point(d);
    if (!p256_verify_init(q.data(), q.size(), *key)) {
      outcome.record(false, "p256_verify_init refused d·G for d=" + hex(ByteView(d, kScalar)));
      continue;
    }
    for (unsigned pair = 0; pair < 16 && outcome.cases < count; ++pair) {
      scalar(random, u2);
      if (pair == 0) {
        std::memcpy(u1, u2, kScalar);
      } else if (pair == 1) {
        subtract(p256_order().data, u2, u1, kScalar);
      } else {
        scalar(random, u1);
      }
      std::string mismatch;
      outcome.record(multiply_add_agrees_with(*key, q, u1, u2, mismatch), mismatch);
    }
  }
  return outcome;
}

// Each key signs random hashes (and hashes at n's edges) with BearSSL (RFC 6979); each signature is then tried as made, as
// (r, n − s) (also valid), with one bit flipped in r, s or the hash, with r and s swapped, with r
// or s at the order's edges (0, 1, n − 1, n, n + 1, all ones), at a wrong length, with other hash
// lengths (bits2int truncates or pads), and, for Q = G or −G, with hashes that make u1·G + u2·Q
// infinity or a doubling. One key in 64 is a random point that is usually off the curve.
Outcome run_ecdsa_p256(uint64_t seed, size_t count) {
  Random random(seed);
  Outcome outcome;
  const ByteView n = p256_order();
  while (outcome.cases < count) {
    uint8_t d[kScalar];
    scalar(random, d);
    std::vector<uint8_t> q = public_point(d);
    const bool random_point = random.chance(2);  // then d's signatures are not made for q
    if (random_point) {
      q = random.bytes(1 + 2 * kScalar);
      q[0] = random.chance(90) ? 0x04 : static_cast<uint8_t>(random.below(8));
    }
    std::string mismatch;
    bool agreed = false;
    const std::unique_ptr<P256VerifyKey> key = verify_key(q, mismatch, agreed);
    outcome.record(agreed, mismatch);
    const std::vector<uint8_t> one = plus(std::vector<uint8_t>(kScalar, 0), 1), n_minus_one = minus(n, 1);
    const bool q_is_g = std::memcmp(d, one.data(), kScalar) == 0;
    const bool q_is_minus_g = std::memcmp(d, n_minus_one.data(), kScalar) == 0;
    for (unsigned message = 0; message < 4 && outcome.cases < count; ++message) {
      // One hash in five at or past n as an integer (z is reduced mod n), or just below it.
      std::vector<uint8_t> hash = random.bytes(32);
      if (random.chance(20)) {
        const std::vector<uint8_t> edges[] = {minus(n, 1), std::vector<uint8_t>(n.data, n.data + n.size), plus(n, 1),
                                              std::vector<uint8_t>(kScalar, 0xFF)};
        hash = edges[random.below(4)];
      }
      const br_ec_private_key private_key{kCurve, d, kScalar};
      std::vector<uint8_t> signature(2 * kScalar);
      br_ecdsa_i31_sign_raw(&kP256, &br_sha256_vtable, hash.data(), &private_key, signature.data());
      const auto check = [&](ByteView h, ByteView sig, bool made_for_hash = false) {
        std::string what;
        outcome.record(ecdsa_agrees_with(key.get(), q, h, sig, made_for_hash, what), what);
      };
      const auto with = [&](size_t offset, ByteView value) {
        std::vector<uint8_t> changed = signature;
        std::copy(value.data, value.data + value.size, changed.begin() + static_cast<long>(offset));
        return changed;
      };
      check(hash, signature, !random_point);
      uint8_t negated[kScalar];
      subtract(n.data, signature.data() + kScalar, negated, kScalar);
      check(hash, with(kScalar, ByteView(negated, kScalar)), !random_point);
      for (size_t part : {size_t{0}, kScalar}) {
        std::vector<uint8_t> flipped = signature;
        flipped[part + random.below(kScalar)] ^= static_cast<uint8_t>(1u << random.below(8));
        check(hash, flipped);
        const std::vector<uint8_t> zero(kScalar, 0), all_ones(kScalar, 0xFF);
        for (const std::vector<uint8_t> &edge : {zero, plus(zero, 1), minus(n, 1), std::vector<uint8_t>(n.data, n.data + n.size),
                                                 plus(n, 1), all_ones}) {
          check(hash, with(part, edge));
        }
      }
      std::vector<uint8_t> flipped_hash = hash;
      flipped_hash[random.below(hash.size())] ^= static_cast<uint8_t>(1u << random.below(8));
      check(flipped_hash, signature);
      check(hash, with(0, ByteView(signature.data() + kScalar, kScalar)));  // (s, s)
      check(hash, ByteView(signature.data(), signature.size() - 1));
      std::vector<uint8_t> longer = signature;
      longer.push_back(0);
      check(hash, longer);
      std::vector<uint8_t> long_hash = hash;
      for (int i = 0; i < 32; ++i) long_hash.push_back(static_cast<uint8_t>(random.next()));
      check(ByteView(long_hash.data(), 48), signature, !random_point);  // the same leftmost 256 bits
      check(long_hash, signature, !random_point);
      check(ByteView(hash.data(), 20), signature);
      if (q_is_g || q_is_minus_g) {
        // u1·G + u2·Q = (z ± r)/s·G: with Q = G, z = n − r gives infinity and z = r a doubling;
        // with Q = −G, z = r gives infinity.
        std::vector<uint8_t> z(kScalar);
        subtract(n.data, signature.data(), z.data(), kScalar);
        check(z, signature);
        check(ByteView(signature.data(), kScalar), signature);
      }
    }
  }
  return outcome;
}

}  // namespace edgejwt::differential
