#include "signature.h"

#include "../crypto/ecdsa.h"
#include "../crypto/ed25519.h"
#include "../crypto/hmac.h"
#include "../crypto/rsa.h"

namespace edgejwt {
namespace {

// The public half of a key that may hold either half (check_operation has fixed the family).
template <typename Public, typename Private>
const Public &public_of(const Key &key) {
  return *public_part<Public, Private>(key.material());
}

Status check_hmac(const Key &key, Hash hash, ByteView signing_input, ByteView signature) {
  if (signature.size != hash_size(hash)) return Status::SignatureLength;
  uint8_t expected[kMaxHashSize];
  key.as<HmacSecret>()->pads.mac(hash, signing_input, expected);
  return constant_time_equal(expected, signature.data, signature.size) ? Status::Ok : Status::SignatureInvalid;
}

}  // namespace

Status create_signature(const Key &key, Algorithm alg, ByteView signing_input, std::vector<uint8_t> &signature) {
  if (Status status = key.check_operation(KeyOperation::Sign, alg); status != Status::Ok) return status;
  const Hash hash = algorithm_hash(alg);
  switch (algorithm_scheme(alg)) {
    case SignatureScheme::Hmac:
      signature.resize(hash_size(hash));
      key.as<HmacSecret>()->pads.mac(hash, signing_input, signature.data());
      return Status::Ok;
    case SignatureScheme::RsaPkcs1:
      return rsa_pkcs1_sign(hash, *key.as<RsaPrivateKey>(), signing_input, signature);
    case SignatureScheme::RsaPss:
      return rsa_pss_sign(hash, *key.as<RsaPrivateKey>(), signing_input, signature);
    case SignatureScheme::Ecdsa:
      return ecdsa_sign(hash, *key.as<EcPrivateKey>(), signing_input, signature);
    case SignatureScheme::Ed25519:
      return ed25519_sign(*key.as<Ed25519PrivateKey>(), signing_input, signature);
  }
  return Status::AlgNotSupported;
}

Status check_signature_encoding(const Key &key, Algorithm alg, ByteView signature) {
  if (Status status = key.check_operation(KeyOperation::Verify, alg); status != Status::Ok) return status;
  switch (algorithm_scheme(alg)) {
    case SignatureScheme::Hmac:
      return signature.size == hash_size(algorithm_hash(alg)) ? Status::Ok : Status::SignatureLength;
    case SignatureScheme::RsaPkcs1:
    case SignatureScheme::RsaPss:
      return rsa_check_signature_encoding(public_of<RsaPublicKey, RsaPrivateKey>(key), signature);
    case SignatureScheme::Ecdsa:
      return ecdsa_check_signature_encoding(public_of<EcPublicKey, EcPrivateKey>(key).curve, signature);
    case SignatureScheme::Ed25519:
      return ed25519_check_signature_encoding(signature);
  }
  return Status::AlgNotSupported;
}

Status check_signature(const Key &key, Algorithm alg, ByteView signing_input, ByteView signature) {
  if (Status status = key.check_operation(KeyOperation::Verify, alg); status != Status::Ok) return status;
  const Hash hash = algorithm_hash(alg);
  switch (algorithm_scheme(alg)) {
    case SignatureScheme::Hmac:
      return check_hmac(key, hash, signing_input, signature);
    case SignatureScheme::RsaPkcs1:
      return rsa_pkcs1_verify(hash, public_of<RsaPublicKey, RsaPrivateKey>(key), signing_input, signature);
    case SignatureScheme::RsaPss:
      return rsa_pss_verify(hash, public_of<RsaPublicKey, RsaPrivateKey>(key), signing_input, signature);
    case SignatureScheme::Ecdsa:
      return ecdsa_verify(hash, public_of<EcPublicKey, EcPrivateKey>(key), signing_input, signature);
    case SignatureScheme::Ed25519:
      return ed25519_verify(public_of<Ed25519PublicKey, Ed25519PrivateKey>(key), signing_input, signature);
  }
  return Status::AlgNotSupported;
}

}  // namespace edgejwt
