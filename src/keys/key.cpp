#include "key.h"

#include <algorithm>

#include "../crypto/ecdsa.h"
#include "../crypto/ed25519.h"
#include "../crypto/rsa.h"
#include "../crypto/x25519.h"
#include "../encoding/json.h"
#include "pkix.h"

namespace edgejwt {
namespace {

// RFC 8725 §3.1: the classic confusion feeds a public key's PEM, JWK or DER to an HMAC verifier
// as the "secret". Such bytes are refused as secrets, so the confusion cannot start; the same holds
// for a "dir" or key-wrapping AES key and a PBES2 password, whose holder could otherwise be anyone
// who has the public key.
bool is_key_encoding(ByteView bytes) {
  const std::string_view text = bytes.as_text();
  if (text.find("-----BEGIN ") != std::string_view::npos) return true;
  JsonDocument document;
  if (parse_json_object(text, JsonLimits{}, document) == Status::Ok && find_member(document.root(), "kty")) return true;
  KeyMaterial material;
  return parse_spki(bytes, material) == Status::Ok || parse_pkcs1_public_key(bytes, material) == Status::Ok ||
         parse_certificate_public_key(bytes, material) == Status::Ok || parse_pkcs8(bytes, material) == Status::Ok;
}

// Sizes an AES key may have: an "enc"'s CEK (AES-128/192/256 key-encryption keys are GCM CEK sizes).
bool is_aes_key_size(size_t size) {
  for (unsigned i = 0; i < kContentEncryptionCount; ++i) {
    if (content_encryption_info(static_cast<ContentEncryption>(i)).key_size == size) return true;
  }
  return false;
}

// The family of each kind of material.
struct FamilyOf {
  KeyFamily operator()(const HmacSecret &) const { return KeyFamily::Hmac; }
  KeyFamily operator()(const RsaPublicKey &) const { return KeyFamily::Rsa; }
  KeyFamily operator()(const RsaPrivateKey &) const { return KeyFamily::Rsa; }
  KeyFamily operator()(const EcPublicKey &key) const { return ec_family(key.curve); }
  KeyFamily operator()(const EcPrivateKey &key) const { return ec_family(key.public_key.curve); }
  KeyFamily operator()(const Ed25519PublicKey &) const { return KeyFamily::Ed25519; }
  KeyFamily operator()(const Ed25519PrivateKey &) const { return KeyFamily::Ed25519; }
  KeyFamily operator()(const AesKey &) const { return KeyFamily::Aes; }
  KeyFamily operator()(const Password &) const { return KeyFamily::Password; }
  KeyFamily operator()(const X25519PublicKey &) const { return KeyFamily::X25519; }
  KeyFamily operator()(const X25519PrivateKey &) const { return KeyFamily::X25519; }
};

// Each kind of material: the checks that make it safe to use, naming what fails.
struct Validator {
  std::string &detail;
  // Whether the key may verify: only then is a P-256 point's comb table made (for an "epk" read
  // from every ECDH-ES token, making it cost more than the agreement itself).
  bool verifies;

  Status fail(Status status, const char *member) {
    if (status != Status::Ok) detail = member;
    return status;
  }
  Status check_rsa_public(const RsaPublicKey &key) {
    if (Status status = rsa_check_modulus(key.n); status != Status::Ok) return fail(status, "n");
    return fail(rsa_check_public_key(key), "e");  // the modulus holds: only e can fail now
  }
  Status check_secret(ByteView bytes, size_t min_size, size_t max_size, Status too_short) {
    if (bytes.size < min_size) return fail(too_short, "k");
    if (bytes.size > max_size) return fail(Status::KeyInvalid, "k");
    return is_key_encoding(bytes) ? fail(Status::KeyUsageRefused, "k") : Status::Ok;
  }

  Status operator()(HmacSecret &secret) {
    const Status status = check_secret(secret.bytes.view(), Key::kMinHmacSecretSize, Key::kMaxHmacSecretSize,
                                       Status::KeyTooShort);
    if (status == Status::Ok) secret.pads = HmacPads(secret.bytes.view());
    return status;
  }
  Status operator()(RsaPublicKey &key) {
    if (Status status = check_rsa_public(key); status != Status::Ok) return status;
    rsa_precompute_verifier(key);
    return Status::Ok;
  }
  Status operator()(RsaPrivateKey &key) {
    if (Status status = check_rsa_public(key.public_key); status != Status::Ok) return status;
    if (Status status = fail(rsa_check_private_key(key), "d"); status != Status::Ok) return status;
    rsa_precompute_verifier(key.public_key);
    return Status::Ok;
  }
  Status operator()(EcPublicKey &key) {
    if (Status status = fail(ec_check_public_key(key), "x,y"); status != Status::Ok) return status;
    if (verifies) ec_precompute_verifier(key);
    return Status::Ok;
  }
  Status operator()(EcPrivateKey &key) {
    EcPublicKey derived;
    if (Status status = ec_public_from_private(key.public_key.curve, key.scalar.view(), derived); status != Status::Ok) {
      return fail(status, "d");
    }
    if (!key.public_key.point.empty() && key.public_key.point != derived.point) return fail(Status::KeyInvalid, "d");
    key.public_key = std::move(derived);
    if (verifies) ec_precompute_verifier(key.public_key);
    return Status::Ok;
  }
  Status operator()(const Ed25519PublicKey &key) {
    return fail(ed25519_check_public_key(key), "x");
  }
  Status operator()(Ed25519PrivateKey &key) {
    Ed25519PublicKey derived;
    if (Status status = ed25519_public_from_seed(key.seed.view(), derived); status != Status::Ok) {
      return fail(status, "d");
    }
    if (!derive_public(key.public_key.bytes, derived.bytes)) return fail(Status::KeyInvalid, "d");
    return Status::Ok;
  }
  // Its size is one an "enc" takes: checked by create_for_encryption, which alone makes AES keys,
  // so that the signature binding links no JWE table.
  Status operator()(const AesKey &key) {
    return check_secret(key.bytes.view(), 0, kMaxContentKeySize, Status::KeyInvalid);
  }
  Status operator()(const Password &password) {
    return check_secret(password.bytes.view(), Key::kMinPasswordSize, Key::kMaxPasswordSize, Status::KeyTooShort);
  }
  Status operator()(const X25519PublicKey &key) {
    return fail(x25519_check_public_key(key), "x");
  }
  Status operator()(X25519PrivateKey &key) {
    X25519PublicKey derived;
    if (Status status = x25519_public_from_private(key.scalar.view(), derived.bytes.data()); status != Status::Ok) {
      return fail(status, "d");
    }
    if (!derive_public(key.public_key.bytes, derived.bytes)) return fail(Status::KeyInvalid, "d");
    return Status::Ok;
  }

  // An OKP key's public part: the derived one, which a given one must equal. An all-zero public key
  // is never valid, so it stands for "absent" (PKCS#8 v1 has none).
  template <typename Bytes>
  static bool derive_public(Bytes &given, const Bytes &derived) {
    const bool present = std::any_of(given.begin(), given.end(), [](uint8_t b) { return b; });
    if (present && given != derived) return false;
    given = derived;
    return true;
  }
};

bool has_key_op(const KeyUsage &usage, std::string_view op) {
  return std::find(usage.key_ops.begin(), usage.key_ops.end(), op) != usage.key_ops.end();
}

// RFC 7517 §4.3's operations for each way a JWE algorithm uses its key: either one consents.
struct JweKeyOps {
  std::string_view first, second;
};
JweKeyOps key_ops_for(JweOperation operation, KeyManagementMode mode) {
  const bool encrypt = operation == JweOperation::Encrypt;
  switch (mode) {
    case KeyManagementMode::Direct:
      return encrypt ? JweKeyOps{"encrypt", "encrypt"} : JweKeyOps{"decrypt", "decrypt"};
    case KeyManagementMode::AesKeyWrap:
    case KeyManagementMode::AesGcmKeyWrap:
    case KeyManagementMode::RsaOaep:
      return encrypt ? JweKeyOps{"wrapKey", "wrapKey"} : JweKeyOps{"unwrapKey", "unwrapKey"};
    case KeyManagementMode::EcdhEs:
    case KeyManagementMode::EcdhEsKeyWrap:
    case KeyManagementMode::Pbes2:
      break;
  }
  return {"deriveKey", "deriveBits"};
}

// An "alg" bound to an AES key may be an "enc": the key is then a "dir" key for that "enc" only.
bool bound_content_encryption(const KeyUsage &usage, ContentEncryption &enc) {
  return !usage.alg.empty() && content_encryption_from_name(usage.alg, enc);
}

// For encryption, an "oct" secret becomes what its "alg" names: a PBES2 password, or an AES key
// (whose "alg" create() then checks). Without an "alg" it could be a content key, a key-encryption
// key and a password at once.
Status secret_for_encryption(KeyMaterial &material, const KeyUsage &usage, std::string &detail) {
  HmacSecret *secret = std::get_if<HmacSecret>(&material);
  if (!secret) return Status::Ok;
  if (usage.alg.empty()) {
    detail = "alg";
    return Status::KeyUsageRefused;
  }
  KeyManagement alg;
  if (key_management_from_name(usage.alg, alg) && key_management_mode(alg) == KeyManagementMode::Pbes2) {
    material = Password(std::move(secret->bytes));
  } else {
    material = AesKey(std::move(secret->bytes));
  }
  return Status::Ok;
}

// A key imported for encryption: its "alg" must be a JWE name its family (and an AES key's size)
// serves; secrets must have one.
Status check_encryption_alg(KeyFamily family, const KeyMaterial &material, const KeyUsage &usage, Validator &validator) {
  const bool secret = family == KeyFamily::Aes || family == KeyFamily::Password;
  if (usage.alg.empty()) return secret ? validator.fail(Status::KeyUsageRefused, "alg") : Status::Ok;
  KeyManagement alg;
  ContentEncryption enc;
  const AesKey *aes = std::get_if<AesKey>(&material);
  if (content_encryption_from_name(usage.alg, enc)) {
    if (!aes) return validator.fail(Status::JwkInvalid, "alg");
    return aes->bytes.size() == content_encryption_info(enc).key_size ? Status::Ok
                                                                      : validator.fail(Status::KeyInvalid, "k");
  }
  if (!key_management_from_name(usage.alg, alg)) {
    Algorithm jws;
    return validator.fail(algorithm_from_name(usage.alg, jws) ? Status::KeyUsageRefused : Status::KeyUnsupported, "alg");
  }
  if (!key_management_info(alg).families.contains(family)) return validator.fail(Status::JwkInvalid, "alg");
  const size_t kek_size = key_management_info(alg).kek_size;
  if (aes && key_management_mode(alg) != KeyManagementMode::Direct && aes->bytes.size() != kek_size) {
    return validator.fail(Status::KeyInvalid, "k");
  }
  return Status::Ok;
}

Status check_signature_alg(KeyFamily family, const KeyMaterial &material, const KeyUsage &usage, Validator &validator) {
  if (usage.alg.empty()) return Status::Ok;
  Algorithm alg;
  if (!algorithm_from_name(usage.alg, alg)) return validator.fail(Status::KeyUnsupported, "alg");
  if (algorithm_family(alg) != family) return validator.fail(Status::JwkInvalid, "alg");
  const HmacSecret *secret = std::get_if<HmacSecret>(&material);
  if (secret && secret->bytes.size() < hash_size(algorithm_hash(alg))) return validator.fail(Status::KeyTooShort, "k");
  return Status::Ok;
}

// family_serves for each use, as the bindings take it.
bool serves_signatures(KeyFamily family) { return family_serves(family, KeyUse::Signature); }
bool serves_encryption(KeyFamily family) { return family_serves(family, KeyUse::Encryption); }

void signature_names(const Key &key, std::vector<std::string_view> &names) {
  const AlgorithmSet usable = key.usable_algorithms();
  for (unsigned i = 0; i < kAlgorithmCount; ++i) {
    if (usable.contains(static_cast<Algorithm>(i))) names.push_back(algorithm_name(static_cast<Algorithm>(i)));
  }
}

void encryption_names(const Key &key, std::vector<std::string_view> &names) {
  const KeyManagementSet usable = key.usable_key_management();
  for (unsigned i = 0; i < kKeyManagementCount; ++i) {
    if (usable.contains(static_cast<KeyManagement>(i))) names.push_back(key_management_name(static_cast<KeyManagement>(i)));
  }
}

}  // namespace

template <typename CheckAlg>
Status Key::bind(const KeyBinding &binding, KeyMaterial material, KeyUsage usage, Key &out, std::string &detail,
                 CheckAlg check_alg) {
  Validator validator{detail, binding.use == KeyUse::Signature};
  const KeyFamily family = std::visit(FamilyOf{}, material);
  if (!binding.serves(family)) {
    return validator.fail(Status::KeyUnsupported, key_family_info(family).crv.empty() ? "kty" : "crv");
  }
  if (Status status = std::visit(validator, material); status != Status::Ok) return status;
  if (Status status = check_alg(family, material, usage, validator); status != Status::Ok) return status;
  out.family_ = family;
  out.binding_ = &binding;
  out.material_ = std::move(material);
  out.usage_ = std::move(usage);
  return Status::Ok;
}

Status Key::create(KeyMaterial material, KeyUsage usage, Key &out, std::string &detail) {
  return bind(kSignatureBinding, std::move(material), std::move(usage), out, detail, check_signature_alg);
}

Status Key::create_for_encryption(KeyMaterial material, KeyUsage usage, Key &out, std::string &detail) {
  if (Status status = secret_for_encryption(material, usage, detail); status != Status::Ok) return status;
  if (const AesKey *aes = std::get_if<AesKey>(&material); aes && !is_aes_key_size(aes->bytes.size())) {
    detail = "k";
    return Status::KeyInvalid;
  }
  return bind(kEncryptionBinding, std::move(material), std::move(usage), out, detail, check_encryption_alg);
}

Status Key::create(KeyUse use, KeyMaterial material, KeyUsage usage, Key &out, std::string &detail) {
  return key_binding(use).create(std::move(material), std::move(usage), out, detail);
}

const KeyBinding kSignatureBinding{KeyUse::Signature, serves_signatures, Key::create, signature_names};
const KeyBinding kEncryptionBinding{KeyUse::Encryption, serves_encryption, Key::create_for_encryption,
                                    encryption_names};

const KeyBinding &key_binding(KeyUse use) { return use == KeyUse::Signature ? kSignatureBinding : kEncryptionBinding; }

bool Key::is_secret() const {
  return family_ == KeyFamily::Hmac || family_ == KeyFamily::Aes || family_ == KeyFamily::Password;
}

bool Key::is_private() const {
  return is_secret() || as<RsaPrivateKey>() || as<EcPrivateKey>() || as<Ed25519PrivateKey>() || as<X25519PrivateKey>();
}

AlgorithmSet Key::usable_algorithms() const {
  AlgorithmSet usable;
  if (use() != KeyUse::Signature) return usable;
  const AlgorithmSet family_algorithms = algorithms_of_family(family_);
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

KeyManagementSet Key::usable_key_management() const {
  KeyManagementSet usable;
  if (use() != KeyUse::Encryption) return usable;
  const KeyManagementSet family_algorithms = key_management_of_family(family_);
  for (unsigned i = 0; i < kKeyManagementCount; ++i) {
    const auto alg = static_cast<KeyManagement>(i);
    if (!family_algorithms.contains(alg) || check_key_management(JweOperation::Encrypt, alg) != Status::Ok) continue;
    // Some "enc" must fit: for "dir" the one of the key's size, for the others any.
    for (unsigned e = 0; e < kContentEncryptionCount; ++e) {
      if (fits(alg, static_cast<ContentEncryption>(e))) {
        usable.add(alg);
        break;
      }
    }
  }
  return usable;
}

Status Key::check_operation(KeyOperation operation, Algorithm alg) const {
  if (algorithm_family(alg) != family_) return Status::AlgNotAllowed;
  if (const HmacSecret *secret = as<HmacSecret>(); secret && secret->bytes.size() < hash_size(algorithm_hash(alg))) {
    return Status::KeyTooShort;
  }
  if (use() != KeyUse::Signature) return Status::KeyUsageRefused;
  if (!usage_.alg.empty() && usage_.alg != algorithm_name(alg)) return Status::KeyUsageRefused;
  if (!usage_.use.empty() && usage_.use != "sig") return Status::KeyUsageRefused;
  const char *op = operation == KeyOperation::Sign ? "sign" : "verify";
  if (usage_.has_key_ops && !has_key_op(usage_, op)) return Status::KeyUsageRefused;
  if (operation == KeyOperation::Sign && !can_sign()) return Status::KeyUsageRefused;
  return Status::Ok;
}

Status Key::check_key_management(JweOperation operation, KeyManagement alg) const {
  if (!key_management_of_family(family_).contains(alg)) return Status::AlgNotAllowed;
  if (use() != KeyUse::Encryption) return Status::KeyUsageRefused;
  ContentEncryption enc;
  const bool bound_to_enc = bound_content_encryption(usage_, enc);
  if (!usage_.alg.empty() && usage_.alg != key_management_name(alg) && !(bound_to_enc && alg == KeyManagement::Dir)) {
    return Status::KeyUsageRefused;
  }
  if (!usage_.use.empty() && usage_.use != "enc") return Status::KeyUsageRefused;
  if (usage_.has_key_ops) {
    const JweKeyOps ops = key_ops_for(operation, key_management_mode(alg));
    if (!has_key_op(usage_, ops.first) && !has_key_op(usage_, ops.second)) return Status::KeyUsageRefused;
  }
  if (operation == JweOperation::Decrypt && !is_private()) return Status::KeyUsageRefused;
  return Status::Ok;
}

bool Key::fits(KeyManagement alg, ContentEncryption enc) const {
  const AesKey *aes = as<AesKey>();
  if (!aes) return true;
  if (key_management_mode(alg) != KeyManagementMode::Direct) return aes->bytes.size() == key_management_info(alg).kek_size;
  ContentEncryption bound;
  if (bound_content_encryption(usage_, bound) && bound != enc) return false;
  return aes->bytes.size() == content_encryption_info(enc).key_size;
}

Status Key::public_key(Key &out) const {
  KeyMaterial public_material;
  if (const auto *rsa = public_part<RsaPublicKey, RsaPrivateKey>(material_)) {
    public_material = *rsa;
  } else if (const auto *ec = public_part<EcPublicKey, EcPrivateKey>(material_)) {
    public_material = *ec;
  } else if (const auto *ed = public_part<Ed25519PublicKey, Ed25519PrivateKey>(material_)) {
    public_material = *ed;
  } else if (const auto *x = public_part<X25519PublicKey, X25519PrivateKey>(material_)) {
    public_material = *x;
  } else {
    return Status::KeyUsageRefused;
  }
  out.family_ = family_;
  out.binding_ = binding_;
  out.material_ = std::move(public_material);
  out.usage_ = usage_;
  return Status::Ok;
}

}  // namespace edgejwt
