// libFuzzer target: the decrypt side of the constructions under JWE (src/crypto/), with inputs an
// attacker controls. The first byte picks the construction, the second its variant (key size,
// hash, curve), the next three the sizes of IV, tag and AAD; the rest is cut into IV, tag, AAD and
// body. Invariants:
//   - what encrypt makes decrypts, to the same bytes; with one bit changed it does not;
//   - no output without a valid tag: a decryption that fails leaves its output buffer untouched
//     or zeroed, and one that succeeds is exactly what encrypting its output gives back (so it
//     cannot have accepted a tag, IV or wrapped key that was not the real one);
//   - every decryption failure is the one JweDecryptionFailed;
//   - ECDH accepts a peer point exactly when the EC key check does; X25519 never returns an
//     all-zero secret.
// RSA-OAEP decrypts under a fixed 2048-bit key (the native tests' PKCS#8 fixture), so that a
// failing input reproduces.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>
#include <vector>

#include "../native/pkix_fixtures.h"
#include "crypto/aes_cbc_hmac.h"
#include "crypto/aes_gcm.h"
#include "crypto/aes_key_wrap.h"
#include "crypto/concat_kdf.h"
#include "crypto/ecdh.h"
#include "crypto/pbkdf2.h"
#include "crypto/rsa_oaep.h"
#include "crypto/x25519.h"
#include "harness.h"
#include "keys/pkix.h"

using namespace edgejwt;
using edgejwt::fuzz::require;

namespace {

using Bytes = std::vector<uint8_t>;

constexpr uint8_t kMarker = 0x5c;

// The input, consumed from the front.
class Input {
 public:
  Input(const uint8_t *data, size_t size) : data_(data), size_(size) {}
  uint8_t byte() {
    if (size_ == 0) return 0;
    --size_;
    return *data_++;
  }
  Bytes take(size_t size) {
    size = std::min(size, size_);
    Bytes taken(data_, data_ + size);
    data_ += size;
    size_ -= size;
    return taken;
  }
  Bytes rest() { return take(size_); }

 private:
  const uint8_t *data_;
  size_t size_;
};

// A fixed key of `size` bytes: the harness's keys are public, the inputs are what vary.
Bytes key_of(size_t size) {
  Bytes key(size);
  for (size_t i = 0; i < size; ++i) key[i] = static_cast<uint8_t>(7 * i + 1);
  return key;
}

bool nothing_released(const Bytes &buffer) {
  return std::all_of(buffer.begin(), buffer.end(), [](uint8_t byte) { return byte == 0 || byte == kMarker; });
}

Bytes exactly(Bytes bytes, size_t size) {
  bytes.resize(size, 0xa5);
  return bytes;
}

void flip_one_bit(Bytes &bytes, uint8_t seed) {
  if (!bytes.empty()) bytes[seed % bytes.size()] ^= static_cast<uint8_t>(1 << (seed % 8));
}

void check_gcm(uint8_t variant, const Bytes &iv, const Bytes &tag, const Bytes &aad, const Bytes &body) {
  const Bytes key = key_of(16 + 8 * (variant % 3));
  // Round trip (the IV at its one valid size), then one bit of the ciphertext changed.
  const Bytes iv12 = exactly(iv, kGcmIvSize);
  Bytes sealed(body.size()), sealed_tag(kGcmTagSize), opened = Bytes(body.size(), kMarker);
  require(aes_gcm_encrypt(key, iv12, aad, body, sealed.data(), sealed_tag.data()) == Status::Ok);
  require(aes_gcm_decrypt(key, iv12, aad, sealed, sealed_tag, opened.data()) == Status::Ok && opened == body);
  flip_one_bit(sealed.empty() ? sealed_tag : sealed, variant);
  std::fill(opened.begin(), opened.end(), kMarker);
  require(aes_gcm_decrypt(key, iv12, aad, sealed, sealed_tag, opened.data()) == Status::JweDecryptionFailed);
  require(nothing_released(opened));
  // The input as a ciphertext: accepted only if it is what encryption makes.
  Bytes plaintext(body.size(), kMarker);
  const Status status = aes_gcm_decrypt(key, iv, aad, body, tag, plaintext.data());
  if (status != Status::Ok) {
    require(status == Status::JweDecryptionFailed && nothing_released(plaintext));
    return;
  }
  Bytes again(body.size()), again_tag(kGcmTagSize);
  require(aes_gcm_encrypt(key, iv, aad, plaintext, again.data(), again_tag.data()) == Status::Ok);
  require(again == body && again_tag == tag);
}

void check_cbc_hmac(uint8_t variant, const Bytes &iv, const Bytes &tag, const Bytes &aad, const Bytes &body) {
  const Bytes key = key_of(32 + 16 * (variant % 3));
  const Bytes iv16 = exactly(iv, kCbcHmacIvSize);
  Bytes sealed(cbc_hmac_ciphertext_size(body.size())), sealed_tag(cbc_hmac_tag_size(key.size()));
  require(aes_cbc_hmac_encrypt(key, iv16, aad, body, sealed.data(), sealed_tag.data()) == Status::Ok);
  Bytes opened(sealed.size(), kMarker);
  size_t size = 0;
  require(aes_cbc_hmac_decrypt(key, iv16, aad, sealed, sealed_tag, opened.data(), size) == Status::Ok);
  require(size == body.size() && std::equal(body.begin(), body.end(), opened.begin()));
  flip_one_bit(sealed, variant);
  std::fill(opened.begin(), opened.end(), kMarker);
  require(aes_cbc_hmac_decrypt(key, iv16, aad, sealed, sealed_tag, opened.data(), size) == Status::JweDecryptionFailed);
  require(nothing_released(opened));

  Bytes plaintext(body.size(), kMarker);
  const Status status = aes_cbc_hmac_decrypt(key, iv, aad, body, tag, plaintext.data(), size);
  if (status != Status::Ok) {
    require(status == Status::JweDecryptionFailed && nothing_released(plaintext));
    return;
  }
  plaintext.resize(size);
  Bytes again(cbc_hmac_ciphertext_size(size)), again_tag(cbc_hmac_tag_size(key.size()));
  require(aes_cbc_hmac_encrypt(key, iv, aad, plaintext, again.data(), again_tag.data()) == Status::Ok);
  require(again == body && again_tag == tag);
}

void check_key_wrap(uint8_t variant, const Bytes &body) {
  const Bytes kek = key_of(16 + 8 * (variant % 3));
  // Round trip on the body cut to whole 64-bit blocks within the bounds.
  Bytes key_data = body;
  key_data.resize(std::clamp<size_t>(body.size() / 8 * 8, kKeyWrapMinKeyDataSize, kKeyWrapMaxKeyDataSize), 0x3c);
  Bytes wrapped(key_data.size() + kKeyWrapOverhead), unwrapped(key_data.size(), kMarker);
  require(aes_key_wrap(kek, key_data, wrapped.data()) == Status::Ok);
  require(aes_key_unwrap(kek, wrapped, unwrapped.data()) == Status::Ok && unwrapped == key_data);
  flip_one_bit(wrapped, variant);
  std::fill(unwrapped.begin(), unwrapped.end(), kMarker);
  require(aes_key_unwrap(kek, wrapped, unwrapped.data()) == Status::JweDecryptionFailed && nothing_released(unwrapped));

  Bytes out(body.size() > kKeyWrapOverhead ? body.size() - kKeyWrapOverhead : 0, kMarker);
  const Status status = aes_key_unwrap(kek, body, out.data());
  if (status != Status::Ok) {
    require(status == Status::JweDecryptionFailed && nothing_released(out));
    return;
  }
  Bytes again(body.size());
  require(aes_key_wrap(kek, out, again.data()) == Status::Ok && again == body);
}

const RsaPrivateKey &rsa_key() {
  static const RsaPrivateKey key = [] {
    KeyMaterial material;
    require(parse_pem(test::kRsa2048.pkcs8_pem, material) == Status::Ok);
    return std::move(std::get<RsaPrivateKey>(material));
  }();
  return key;
}

void check_rsa_oaep(uint8_t variant, const Bytes &body) {
  const OaepHash hash = static_cast<OaepHash>(variant % 4);
  const RsaPrivateKey &key = rsa_key();
  Bytes message = body;
  message.resize(std::min(body.size(), rsa_oaep_max_message_size(hash, 256)));
  Bytes ciphertext, opened(256, kMarker);
  size_t size = 0;
  require(rsa_oaep_encrypt(hash, key.public_key, message, ciphertext) == Status::Ok && ciphertext.size() == 256);
  require(rsa_oaep_decrypt(hash, key, ciphertext, opened.data(), opened.size(), size) == Status::Ok);
  require(size == message.size() && std::equal(message.begin(), message.end(), opened.begin()));

  Bytes out(256, kMarker);
  const Status status = rsa_oaep_decrypt(hash, key, body, out.data(), out.size(), size);
  require(status == Status::Ok ? size <= rsa_oaep_max_message_size(hash, 256)
                               : status == Status::JweDecryptionFailed && nothing_released(out));
}

void check_ecdh(uint8_t variant, const Bytes &body) {
  const Curve curve = static_cast<Curve>(variant % 3);
  EcPrivateKey key;
  key.public_key.curve = curve;
  Bytes scalar = key_of(curve_size(curve));
  scalar[0] = curve == Curve::P521 ? 0x01 : 0x7f;  // below n
  key.scalar = SecretBytes(scalar);
  EcPublicKey peer;
  peer.curve = curve;
  peer.point = body;
  Bytes shared(curve_size(curve), kMarker);
  const Status status = ecdh_shared_secret(key, peer, shared.data());
  require(status == Status::Ok || (status == Status::KeyInvalid && nothing_released(shared)));
  require((status == Status::Ok) == (ec_check_public_key(peer) == Status::Ok));
}

void check_x25519(const Bytes &body) {
  const Bytes private_key = key_of(kX25519KeySize);
  std::array<uint8_t, kX25519KeySize> shared;
  shared.fill(kMarker);
  const Status status = x25519_shared_secret(private_key, body, shared.data());
  const bool all_zero = std::all_of(shared.begin(), shared.end(), [](uint8_t byte) { return byte == 0; });
  require(status == Status::Ok ? !all_zero
                               : status == Status::KeyInvalid &&
                                     nothing_released(Bytes(shared.begin(), shared.end())));
}

// No decrypt side, but bounds taken from the input: in range the same inputs give the same key.
void check_kdfs(uint8_t variant, uint8_t a, uint8_t b, const Bytes &aad, const Bytes &body) {
  const Hash hash = static_cast<Hash>(variant % 3);
  const uint32_t iterations = a % 40;  // 0 is refused
  const size_t size = b % (kPbkdf2MaxKeySize + 6);
  Bytes first(std::max<size_t>(size, 1)), second(first.size());
  const Status status = pbkdf2(hash, aad, body, iterations, first.data(), size);
  require(status == ((iterations >= 1 && size >= 1 && size <= kPbkdf2MaxKeySize) ? Status::Ok : Status::InvalidArgument));
  if (status == Status::Ok) {
    require(pbkdf2(hash, aad, body, iterations, second.data(), size) == Status::Ok && first == second);
  }
  const size_t kdf_size = a % (kConcatKdfMaxKeySize + 6);
  Bytes derived(std::max<size_t>(kdf_size, 1));
  const Status kdf = concat_kdf(body, aad, body, aad, kdf_size, derived.data());
  require(kdf == ((kdf_size >= 1 && kdf_size <= kConcatKdfMaxKeySize) ? Status::Ok : Status::InvalidArgument));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Input input(data, size);
  const uint8_t construction = input.byte(), variant = input.byte();
  const uint8_t iv_size = input.byte() % 24, tag_size = input.byte() % 40, aad_size = input.byte();
  const Bytes iv = input.take(iv_size), tag = input.take(tag_size), aad = input.take(aad_size);
  const Bytes body = input.rest();
  // Weighted toward the constructions that are ours: an RSA private operation or a P-521
  // multiplication costs as much under the sanitizers as a hundred of the others.
  switch (construction % 16) {
    case 0:
    case 1:
    case 2:
      check_gcm(variant, iv, tag, aad, body);
      break;
    case 3:
    case 4:
    case 5:
      check_cbc_hmac(variant, iv, tag, aad, body);
      break;
    case 6:
    case 7:
    case 8:
      check_key_wrap(variant, body);
      break;
    case 9:
      check_rsa_oaep(variant, body);
      break;
    case 10:
    case 11:
      check_ecdh(variant, body);
      break;
    case 12:
      check_x25519(body);
      break;
    default:
      check_kdfs(variant, iv_size, tag_size, aad, body);
      break;
  }
  return 0;
}
