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

// Each kind of material: its family, and the checks that make it safe to use, naming what fails.
struct Validator {
  KeyFamily &family;
  std::string &detail;

  Status fail(Status status, const char *member) {
    if (status != Status::Ok) detail = member;
    return status;
  }
  Status check_rsa_public(const RsaPublicKey &key) {
    if (Status status = rsa_check_modulus(key.n); status != Status::Ok) return fail(status, "n");
    return fail(rsa_check_public_key(key), "e");  // the modulus holds: only e can fail now
  }

  Status operator()(HmacSecret &secret) {
    family = KeyFamily::Hmac;
    if (secret.bytes.size() < Key::kMinHmacSecretSize) return fail(Status::KeyTooShort, "k");
    if (secret.bytes.size() > Key::kMaxHmacSecretSize) return fail(Status::KeyInvalid, "k");
    if (is_key_encoding(secret.bytes.view())) return fail(Status::KeyUsageRefused, "k");
    secret.pads = HmacPads(secret.bytes.view());
    return Status::Ok;
  }
  Status operator()(RsaPublicKey &key) {
    family = KeyFamily::Rsa;
    if (Status status = check_rsa_public(key); status != Status::Ok) return status;
    rsa_precompute_verifier(key);
    return Status::Ok;
  }
  Status operator()(RsaPrivateKey &key) {
    family = KeyFamily::Rsa;
    if (Status status = check_rsa_public(key.public_key); status != Status::Ok) return status;
    if (Status status = fail(rsa_check_private_key(key), "d"); status != Status::Ok) return status;
    rsa_precompute_verifier(key.public_key);
    return Status::Ok;
  }
  Status operator()(EcPublicKey &key) {
    family = ec_family(key.curve);
    if (Status status = fail(ec_check_public_key(key), "x,y"); status != Status::Ok) return status;
    ec_precompute_verifier(key);
    return Status::Ok;
  }
  Status operator()(EcPrivateKey &key) {
    family = ec_family(key.public_key.curve);
    EcPublicKey derived;
    if (Status status = ec_public_from_private(key.public_key.curve, key.scalar.view(), derived); status != Status::Ok) {
      return fail(status, "d");
    }
    if (!key.public_key.point.empty() && key.public_key.point != derived.point) return fail(Status::KeyInvalid, "d");
    key.public_key = std::move(derived);
    ec_precompute_verifier(key.public_key);
    return Status::Ok;
  }
  Status operator()(const Ed25519PublicKey &key) {
    family = KeyFamily::Ed25519;
    return fail(ed25519_check_public_key(key), "x");
  }
  Status operator()(Ed25519PrivateKey &key) {
    family = KeyFamily::Ed25519;
    Ed25519PublicKey derived;
    if (Status status = ed25519_public_from_seed(key.seed.view(), derived); status != Status::Ok) {
      return fail(status, "d");
    }
    // An all-zero public key is never valid, so it stands for "absent" (PKCS#8 v1 has none).
    const bool given = std::any_of(key.public_key.bytes.begin(), key.public_key.bytes.end(), [](uint8_t b) { return b; });
    if (given && key.public_key.bytes != derived.bytes) return fail(Status::KeyInvalid, "d");
    key.public_key = derived;
    return Status::Ok;
  }
};

bool has_key_op(const KeyUsage &usage, std::string_view op) {
  return std::find(usage.key_ops.begin(), usage.key_ops.end(), op) != usage.key_ops.end();
}

}  // namespace

Status Key::create(KeyMaterial material, KeyUsage usage, Key &out, std::string &detail) {
  KeyFamily family = KeyFamily::Hmac;
  Validator validator{family, detail};
  if (Status status = std::visit(validator, material); status != Status::Ok) return status;
  if (!usage.alg.empty()) {
    Algorithm alg;
    if (!algorithm_from_name(usage.alg, alg)) return validator.fail(Status::KeyUnsupported, "alg");
    if (algorithm_family(alg) != family) return validator.fail(Status::JwkInvalid, "alg");
    const HmacSecret *secret = std::get_if<HmacSecret>(&material);
    if (secret && secret->bytes.size() < hash_size(algorithm_hash(alg))) {
      return validator.fail(Status::KeyTooShort, "k");
    }
  }
  out.family_ = family;
  out.material_ = std::move(material);
  out.usage_ = std::move(usage);
  return Status::Ok;
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
