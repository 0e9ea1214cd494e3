#include "generate.h"

#include <string>
#include <string_view>
#include <vector>

#include "../crypto/ecdsa.h"
#include "../crypto/ed25519.h"
#include "../crypto/random.h"
#include "../crypto/rsa.h"
#include "../crypto/x25519.h"

namespace edgejwt {
namespace {

// A PBES2 password made here carries as much entropy as the largest key it wraps needs.
constexpr size_t kGeneratedPasswordSize = 32;

Status random_secret(size_t size, SecretBytes &out) {
  std::vector<uint8_t> bytes(size);
  const Status status = random_bytes(bytes.data(), bytes.size());
  out = SecretBytes(bytes);
  secure_wipe(bytes.data(), bytes.size());
  return status;
}

}  // namespace

Status generate_material(KeyFamily family, size_t secret_size, uint32_t modulus_bits, KeyMaterial &out) {
  switch (family) {
    case KeyFamily::Hmac:
    case KeyFamily::Aes:
    case KeyFamily::Password: {
      SecretBytes secret;
      const Status status = random_secret(secret_size, secret);
      if (family == KeyFamily::Hmac) out = HmacSecret(std::move(secret));
      if (family == KeyFamily::Aes) out = AesKey(std::move(secret));
      if (family == KeyFamily::Password) out = Password(std::move(secret));
      return status;
    }
    case KeyFamily::Rsa: {
      RsaPrivateKey key;
      const Status status = rsa_generate(modulus_bits ? modulus_bits : 2048, key);
      out = std::move(key);
      return status;
    }
    case KeyFamily::EcP256:
    case KeyFamily::EcP384:
    case KeyFamily::EcP521: {
      EcPrivateKey key;
      const Status status = ec_generate(*key_family_info(family).curve, key);
      out = std::move(key);
      return status;
    }
    case KeyFamily::Ed25519: {
      Ed25519PrivateKey key;
      const Status status = ed25519_generate(key);
      out = std::move(key);
      return status;
    }
    case KeyFamily::X25519: {
      X25519PrivateKey key;
      uint8_t scalar[kX25519KeySize];
      const Status status = x25519_generate(scalar, key.public_key.bytes.data());
      key.scalar = SecretBytes(ByteView(scalar, sizeof scalar));
      secure_wipe(scalar, sizeof scalar);
      out = std::move(key);
      return status;
    }
  }
  return Status::AlgNotSupported;
}

namespace {

// The new material becomes a key bound to `alg` by `binding`, validated like any imported key.
Status generate_bound(const KeyBinding &binding, KeyFamily family, size_t secret_size, uint32_t modulus_bits, std::string_view alg,
                      Key &out) {
  KeyMaterial material;
  if (Status status = generate_material(family, secret_size, modulus_bits, material); status != Status::Ok) {
    return status;
  }
  KeyUsage usage;
  usage.alg = alg;
  usage.alg_is_member = true;  // its exported JWK is what makes it again, bound as it was made
  std::string detail;  // nothing the caller gave can be at fault
  return binding.create(std::move(material), std::move(usage), out, detail);
}

}  // namespace

Status generate_key(Algorithm alg, uint32_t modulus_bits, Key &out, std::string_view crv) {
  const KeyFamily family = algorithm_family(alg);
  if (family != KeyFamily::Rsa && modulus_bits != 0) return Status::InvalidArgument;
  const std::string_view implied = key_family_info(family).crv;
  if (!crv.empty() && !implied.empty() && crv != implied) return Status::KeyUnsupported;
  return generate_bound(kSignatureBinding, family, hash_size(algorithm_hash(alg)), modulus_bits, algorithm_name(alg),
                        out);
}

Status generate_encryption_key(KeyManagement alg, const EncryptionKeyOptions &options, Key &out) {
  const KeyManagementInfo &info = key_management_info(alg);
  KeyFamily family = KeyFamily::Aes;
  if (info.families.contains(KeyFamily::Rsa)) family = KeyFamily::Rsa;
  if (info.families.contains(KeyFamily::Password)) family = KeyFamily::Password;
  if (is_key_agreement(alg)) family = options.curve.value_or(KeyFamily::EcP256);
  if ((options.curve && !is_key_agreement(alg)) || (options.modulus_bits != 0 && family != KeyFamily::Rsa) ||
      !info.families.contains(family) || info.mode == KeyManagementMode::Direct) {
    return Status::InvalidArgument;
  }
  const size_t secret_size = family == KeyFamily::Password ? kGeneratedPasswordSize : info.kek_size;
  return generate_bound(kEncryptionBinding, family, secret_size, options.modulus_bits, info.name, out);
}

Status generate_content_key(ContentEncryption enc, Key &out) {
  const ContentEncryptionInfo &info = content_encryption_info(enc);
  return generate_bound(kEncryptionBinding, KeyFamily::Aes, info.key_size, 0, info.name, out);
}

}  // namespace edgejwt
