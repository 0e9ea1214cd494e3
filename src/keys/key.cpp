#include "key.h"

#include <algorithm>

#include "../crypto/ecdsa.h"
#include "../crypto/ed25519.h"
#include "../crypto/rsa.h"
#include "../encoding/json.h"
#include "pkix.h"

namespace edgejwt {
namespace {

// RFC 8725 §3.1: the classic confusion feeds a public key's PEM, JWK or DER to an HMAC verifier
// as the "secret". Such bytes are refused as secrets, so the confusion cannot start.
bool is_key_encoding(ByteView bytes) {
  const std::string_view text = bytes.as_text();
  if (text.find("-----BEGIN ") != std::string_view::npos) return true;
  JsonDocument document;
  if (parse_json_object(text, JsonLimits{}, document) == Status::Ok && find_member(document.root(), "kty")) return true;
  KeyMaterial material;
  return parse_spki(bytes, material) == Status::Ok || parse_pkcs1_public_key(bytes, material) == Status::Ok ||
         parse_certificate_public_key(bytes, material) == Status::Ok || parse_pkcs8(bytes, material) == Status::Ok;
}

KeyFamily family_of_curve(Curve curve) {
  return curve == Curve::P256 ? KeyFamily::EcP256 : curve == Curve::P384 ? KeyFamily::EcP384 : KeyFamily::EcP521;
}

// Each kind of material: its family, and the checks that make it safe to use.
struct Validator {
  KeyFamily &family;

  Status operator()(HmacSecret &secret) {
    family = KeyFamily::Hmac;
    if (secret.bytes.size() < Key::kMinHmacSecretSize) return Status::KeyTooShort;
    if (secret.bytes.size() > Key::kMaxHmacSecretSize) return Status::KeyInvalid;
    if (is_key_encoding(secret.bytes.view())) return Status::KeyUsageRefused;
    secret.pads = HmacPads(secret.bytes.view());
    return Status::Ok;
  }
  Status operator()(RsaPublicKey &key) {
    family = KeyFamily::Rsa;
    if (Status status = rsa_check_public_key(key); status != Status::Ok) return status;
    rsa_precompute_verifier(key);
    return Status::Ok;
  }
  Status operator()(RsaPrivateKey &key) {
    family = KeyFamily::Rsa;
    if (Status status = rsa_check_private_key(key); status != Status::Ok) return status;
    rsa_precompute_verifier(key.public_key);
    return Status::Ok;
  }
  Status operator()(EcPublicKey &key) {
    family = family_of_curve(key.curve);
    if (Status status = ec_check_public_key(key); status != Status::Ok) return status;
    ec_precompute_verifier(key);
    return Status::Ok;
  }
  Status operator()(EcPrivateKey &key) {
    family = family_of_curve(key.public_key.curve);
    EcPublicKey derived;
    if (Status status = ec_public_from_private(key.public_key.curve, key.scalar.view(), derived); status != Status::Ok) {
      return status;
    }
    if (!key.public_key.point.empty() && key.public_key.point != derived.point) return Status::KeyInvalid;
    key.public_key = std::move(derived);
    ec_precompute_verifier(key.public_key);
    return Status::Ok;
  }
  Status operator()(const Ed25519PublicKey &key) {
    family = KeyFamily::Ed25519;
    return ed25519_check_public_key(key);
  }
  Status operator()(Ed25519PrivateKey &key) {
    family = KeyFamily::Ed25519;
    Ed25519PublicKey derived;
    if (Status status = ed25519_public_from_seed(key.seed.view(), derived); status != Status::Ok) return status;
    // An all-zero public key is never valid, so it stands for "absent" (PKCS#8 v1 has none).
    const bool given = std::any_of(key.public_key.bytes.begin(), key.public_key.bytes.end(), [](uint8_t b) { return b; });
    if (given && key.public_key.bytes != derived.bytes) return Status::KeyInvalid;
    key.public_key = derived;
    return Status::Ok;
  }
};

bool has_key_op(const KeyUsage &usage, std::string_view op) {
  return std::find(usage.key_ops.begin(), usage.key_ops.end(), op) != usage.key_ops.end();
}

}  // namespace

Status Key::create(KeyMaterial material, KeyUsage usage, Key &out) {
  KeyFamily family = KeyFamily::Hmac;
  if (Status status = std::visit(Validator{family}, material); status != Status::Ok) return status;
  if (!usage.alg.empty()) {
    Algorithm alg;
    if (!algorithm_from_name(usage.alg, alg)) return Status::KeyUnsupported;
    if (algorithm_family(alg) != family) return Status::JwkInvalid;
    const HmacSecret *secret = std::get_if<HmacSecret>(&material);
    if (secret && secret->bytes.size() < hash_size(algorithm_hash(alg))) return Status::KeyTooShort;
  }
  out.family_ = family;
  out.material_ = std::move(material);
  out.usage_ = std::move(usage);
  return Status::Ok;
}

Status Key::import_hmac_secret(ByteView secret, Key &out) {
  return create(HmacSecret{SecretBytes(secret)}, KeyUsage{}, out);
}

bool Key::can_sign() const {
  return as<HmacSecret>() || as<RsaPrivateKey>() || as<EcPrivateKey>() || as<Ed25519PrivateKey>();
}

AlgorithmSet Key::usable_algorithms() const {
  AlgorithmSet usable;
  const AlgorithmSet family_algorithms = AlgorithmSet::of_family(family_);
  for (unsigned i = 0; i < kAlgorithmCount; ++i) {
    const auto alg = static_cast<Algorithm>(i);
    if (!family_algorithms.contains(alg)) continue;
    if (!usage_.alg.empty() && usage_.alg != algorithm_name(alg)) continue;
    if (const HmacSecret *secret = as<HmacSecret>(); secret && secret->bytes.size() < hash_size(algorithm_hash(alg))) {
      continue;
    }
    usable.add(alg);
  }
  return usable;
}

Status Key::check_operation(KeyOperation operation, Algorithm alg) const {
  if (algorithm_family(alg) != family_) return Status::AlgNotAllowed;
  if (const HmacSecret *secret = as<HmacSecret>(); secret && secret->bytes.size() < hash_size(algorithm_hash(alg))) {
    return Status::KeyTooShort;
  }
  if (!usage_.alg.empty() && usage_.alg != algorithm_name(alg)) return Status::KeyUsageRefused;
  if (!usage_.use.empty() && usage_.use != "sig") return Status::KeyUsageRefused;
  const char *op = operation == KeyOperation::Sign ? "sign" : "verify";
  if (usage_.has_key_ops && !has_key_op(usage_, op)) return Status::KeyUsageRefused;
  if (operation == KeyOperation::Sign && !can_sign()) return Status::KeyUsageRefused;
  return Status::Ok;
}

Status Key::public_key(Key &out) const {
  KeyMaterial public_material;
  if (const auto *rsa = public_part<RsaPublicKey, RsaPrivateKey>(material_)) {
    public_material = *rsa;
  } else if (const auto *ec = public_part<EcPublicKey, EcPrivateKey>(material_)) {
    public_material = *ec;
  } else if (const auto *ed = public_part<Ed25519PublicKey, Ed25519PrivateKey>(material_)) {
    public_material = *ed;
  } else {
    return Status::KeyUsageRefused;
  }
  out.family_ = family_;
  out.material_ = std::move(public_material);
  out.usage_ = usage_;
  return Status::Ok;
}

}  // namespace edgejwt
