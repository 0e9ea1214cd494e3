#include "generate.h"

#include <string>
#include <vector>

#include "../crypto/ecdsa.h"
#include "../crypto/ed25519.h"
#include "../crypto/random.h"
#include "../crypto/rsa.h"

namespace edgejwt {
namespace {

// The new material becomes a key bound to `alg`, validated like any imported key.
template <typename Material>
Status bind(Status generated, Material material, Algorithm alg, Key &out) {
  if (generated != Status::Ok) return generated;
  KeyUsage usage;
  usage.alg = algorithm_name(alg);
  usage.alg_is_member = true;  // its exported JWK is what makes it again, bound as it was made
  std::string detail;  // nothing the caller gave can be at fault
  return Key::create(KeyMaterial(std::move(material)), std::move(usage), out, detail);
}

}  // namespace

Status generate_key(Algorithm alg, uint32_t modulus_bits, Key &out, std::string_view crv) {
  const KeyFamily family = algorithm_family(alg);
  if (family != KeyFamily::Rsa && modulus_bits != 0) return Status::InvalidArgument;
  const std::string_view implied = key_family_info(family).crv;
  if (!crv.empty() && !implied.empty() && crv != implied) return Status::KeyUnsupported;
  switch (family) {
    case KeyFamily::Hmac: {
      std::vector<uint8_t> bytes(hash_size(algorithm_hash(alg)));
      const Status status = random_bytes(bytes.data(), bytes.size());
      HmacSecret secret(SecretBytes{bytes});
      secure_wipe(bytes.data(), bytes.size());
      return bind(status, std::move(secret), alg, out);
    }
    case KeyFamily::Rsa: {
      RsaPrivateKey key;
      const Status status = rsa_generate(modulus_bits ? modulus_bits : 2048, key);
      return bind(status, std::move(key), alg, out);
    }
    case KeyFamily::EcP256:
    case KeyFamily::EcP384:
    case KeyFamily::EcP521: {
      EcPrivateKey key;
      const Status status = ec_generate(*key_family_info(family).curve, key);
      return bind(status, std::move(key), alg, out);
    }
    case KeyFamily::Ed25519: {
      Ed25519PrivateKey key;
      const Status status = ed25519_generate(key);
      return bind(status, std::move(key), alg, out);
    }
  }
  return Status::AlgNotSupported;
}

}  // namespace edgejwt
