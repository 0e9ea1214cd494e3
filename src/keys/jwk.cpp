#include "jwk.h"

#include <algorithm>
#include <iterator>

#include "../encoding/base64url.h"
#include "../encoding/json_writer.h"
#include "../encoding/pem.h"
#include "../wipe.h"
#include "pkix.h"

namespace edgejwt {
namespace {

constexpr size_t kMaxJwkSize = 64 * 1024;       // the largest JWK text (an x5c chain included)
constexpr size_t kMaxMemberSize = 1024;         // kid, alg, use, and each key_ops entry
// RSA values: a byte more than the largest modulus, so that one a few bits too long is still read
// and refused by Key::create for its size, like a longer one here.
constexpr size_t kMaxBigIntegerBytes = kRsaMaxModulusBits / 8 + 1;

// Reading one JWK, with the member that failed remembered for `detail`.
class JwkReader {
 public:
  JwkReader(const JsonValue &jwk, const KeyBinding &binding, std::string &detail)
      : jwk_(jwk), binding_(binding), detail_(detail) {}

  // What the key is being read for: a kind that cannot serve it is refused before its values are.
  const KeyBinding &binding() const { return binding_; }

  Status fail(Status status, std::string_view member) {
    detail_.assign(member.data(), member.size());
    return status;
  }

  // A string member; `required` decides whether absence is an error.
  Status text(std::string_view name, bool required, std::string_view &out) {
    const JsonValue *value = find_member(jwk_, name);
    if (!value) return required ? fail(Status::JwkInvalid, name) : Status::Ok;
    if (!value->IsString()) return fail(Status::JwkInvalid, name);
    out = string_view_of(*value);
    return Status::Ok;
  }

  bool has(std::string_view name) const { return find_member(jwk_, name) != nullptr; }

  // A base64url member decoded; `exact_size` 0 means any size up to `max_size`, beyond which the
  // member is `too_large` without being decoded.
  template <typename Bytes>
  Status bytes(std::string_view name, size_t exact_size, size_t max_size, Bytes &out,
               Status too_large = Status::JwkInvalid) {
    std::string_view encoded;
    if (Status status = text(name, true, encoded); status != Status::Ok) return status;
    if (base64url_decoded_size(encoded.size()) > max_size) return fail(too_large, name);
    if (base64url_decode(encoded, out) != Status::Ok || out.empty() || (exact_size && out.size() != exact_size)) {
      return fail(Status::JwkInvalid, name);
    }
    return Status::Ok;
  }

  // A Base64urlUInt (RFC 7518 §2): minimal, so no leading zero octet.
  Status big_integer(std::string_view name, std::vector<uint8_t> &out, Status too_large = Status::JwkInvalid) {
    if (Status status = bytes(name, 0, kMaxBigIntegerBytes, out, too_large); status != Status::Ok) return status;
    return out.size() > 1 && out[0] == 0 ? fail(Status::JwkInvalid, name) : Status::Ok;
  }

  Status secret_integer(std::string_view name, SecretBytes &out) {
    std::vector<uint8_t> bytes;
    Status status = big_integer(name, bytes);
    if (status == Status::Ok) out = SecretBytes(bytes);
    secure_wipe(bytes.data(), bytes.size());
    return status;
  }

  Status secret_bytes(std::string_view name, size_t exact_size, size_t max_size, SecretBytes &out) {
    std::vector<uint8_t> bytes;
    Status status = this->bytes(name, exact_size, max_size, bytes);
    if (status == Status::Ok) out = SecretBytes(bytes);
    secure_wipe(bytes.data(), bytes.size());
    return status;
  }

  Status usage(KeyUsage &usage) {
    std::string_view kid, alg, use;
    for (auto [name, target] : {std::pair{"kid", &kid}, std::pair{"alg", &alg}, std::pair{"use", &use}}) {
      if (Status status = text(name, false, *target); status != Status::Ok) return status;
      if (target->size() > kMaxMemberSize) return fail(Status::JwkInvalid, name);
    }
    usage.kid = kid;
    usage.alg = alg;
    usage.alg_is_member = !alg.empty();
    usage.use = use;
    // "ext" is WebCrypto's member (extractable), a boolean there and in jose: anything else is malformed.
    if (const JsonValue *ext = find_member(jwk_, "ext"); ext && !ext->IsBool()) return fail(Status::JwkInvalid, "ext");
    const JsonValue *key_ops = find_member(jwk_, "key_ops");
    if (!key_ops) return Status::Ok;
    if (!key_ops->IsArray()) return fail(Status::JwkInvalid, "key_ops");
    for (const auto &op : key_ops->GetArray()) {
      if (!op.IsString() || op.GetStringLength() > kMaxMemberSize) return fail(Status::JwkInvalid, "key_ops");
      const std::string_view name = string_view_of(op);
      if (std::find(usage.key_ops.begin(), usage.key_ops.end(), name) != usage.key_ops.end()) {
        return fail(Status::JwkInvalid, "key_ops");  // RFC 7517 §4.3: no duplicates
      }
      usage.key_ops.emplace_back(name);
    }
    usage.has_key_ops = true;
    return Status::Ok;
  }

 private:
  const JsonValue &jwk_;
  const KeyBinding &binding_;
  std::string &detail_;
};

Status read_rsa(JwkReader &reader, KeyMaterial &material) {
  if (reader.has("oth")) return reader.fail(Status::KeyUnsupported, "oth");  // multi-prime RSA
  RsaPublicKey public_key;
  // A modulus longer than any we take is a key of a size we do not support, as Key::create says
  // of one a few bits too long.
  if (Status s = reader.big_integer("n", public_key.n, Status::KeyUnsupported); s != Status::Ok) return s;
  if (Status s = reader.big_integer("e", public_key.e); s != Status::Ok) return s;
  if (!reader.has("d")) {
    material = std::move(public_key);
    return Status::Ok;
  }
  RsaPrivateKey private_key;
  private_key.public_key = std::move(public_key);
  // BearSSL signs with the CRT values, so a private JWK must carry them all (RFC 7518 §6.3.2).
  for (auto [name, target] : {std::pair{"d", &private_key.d}, std::pair{"p", &private_key.p},
                              std::pair{"q", &private_key.q}, std::pair{"dp", &private_key.dp},
                              std::pair{"dq", &private_key.dq}, std::pair{"qi", &private_key.qi}}) {
    if (Status s = reader.secret_integer(name, *target); s != Status::Ok) return s;
  }
  material = std::move(private_key);
  return Status::Ok;
}

Status read_ec(JwkReader &reader, KeyMaterial &material) {
  std::string_view crv;
  if (Status s = reader.text("crv", true, crv); s != Status::Ok) return s;
  EcPublicKey public_key;
  if (!curve_from_name(crv, public_key.curve)) return reader.fail(Status::KeyUnsupported, "crv");
  const size_t size = curve_size(public_key.curve);
  std::vector<uint8_t> x, y;
  if (Status s = reader.bytes("x", size, size, x); s != Status::Ok) return s;
  if (Status s = reader.bytes("y", size, size, y); s != Status::Ok) return s;
  public_key.point.reserve(1 + 2 * size);
  public_key.point.push_back(0x04);
  public_key.point.insert(public_key.point.end(), x.begin(), x.end());
  public_key.point.insert(public_key.point.end(), y.begin(), y.end());
  if (!reader.has("d")) {
    material = std::move(public_key);
    return Status::Ok;
  }
  EcPrivateKey private_key;
  private_key.public_key = std::move(public_key);
  if (Status s = reader.secret_bytes("d", size, size, private_key.scalar); s != Status::Ok) return s;
  material = std::move(private_key);
  return Status::Ok;
}

// An OKP key's public and private members into its material (Ed25519 and X25519 keys alike hold
// 32-byte values).
template <typename Public, typename Private>
Status read_okp_key(JwkReader &reader, SecretBytes Private::*secret, KeyMaterial &material) {
  std::vector<uint8_t> x;
  Public public_key;
  if (Status s = reader.bytes("x", public_key.bytes.size(), public_key.bytes.size(), x); s != Status::Ok) return s;
  std::copy(x.begin(), x.end(), public_key.bytes.begin());
  if (!reader.has("d")) {
    material = public_key;
    return Status::Ok;
  }
  Private private_key;
  private_key.public_key = public_key;
  const size_t size = public_key.bytes.size();
  if (Status s = reader.secret_bytes("d", size, size, private_key.*secret); s != Status::Ok) return s;
  material = std::move(private_key);
  return Status::Ok;
}

Status read_okp(JwkReader &reader, KeyMaterial &material) {
  std::string_view crv;
  if (Status s = reader.text("crv", true, crv); s != Status::Ok) return s;
  const bool ed25519 = crv == key_family_info(KeyFamily::Ed25519).crv;
  const bool x25519 = crv == key_family_info(KeyFamily::X25519).crv;
  // Ed448, X448, and a curve of the other use.
  if (!(ed25519 || x25519) || !reader.binding().serves(ed25519 ? KeyFamily::Ed25519 : KeyFamily::X25519)) {
    return reader.fail(Status::KeyUnsupported, "crv");
  }
  if (ed25519) return read_okp_key<Ed25519PublicKey, Ed25519PrivateKey>(reader, &Ed25519PrivateKey::seed, material);
  return read_okp_key<X25519PublicKey, X25519PrivateKey>(reader, &X25519PrivateKey::scalar, material);
}

// RFC 7517 §4.7: the key in the chain's first certificate must be the JWK's key. The chain itself
// is not validated (no trust is taken from it); the certificate only has to agree.
Status check_certificate_chain(const JsonValue &jwk, const KeyMaterial &material, JwkReader &reader) {
  const JsonValue *chain = find_member(jwk, "x5c");
  if (!chain) return Status::Ok;
  if (!chain->IsArray() || chain->Empty() || !(*chain)[0].IsString() ||
      (*chain)[0].GetStringLength() > kMaxJwkSize) {
    return reader.fail(Status::JwkInvalid, "x5c");
  }
  std::vector<uint8_t> certificate, from_certificate, from_jwk;
  KeyMaterial certified;
  if (base64_decode(string_view_of((*chain)[0]), certificate) != Status::Ok ||
      parse_certificate_public_key(certificate, certified) != Status::Ok ||
      write_spki(certified, from_certificate) != Status::Ok || write_spki(material, from_jwk) != Status::Ok ||
      from_certificate != from_jwk) {
    return reader.fail(Status::JwkInvalid, "x5c");
  }
  return Status::Ok;
}

Status read_oct(JwkReader &reader, KeyMaterial &material) {
  HmacSecret secret;
  if (Status s = reader.secret_bytes("k", 0, Key::kMaxHmacSecretSize, secret.bytes); s != Status::Ok) return s;
  material = std::move(secret);
  return Status::Ok;
}

// The reader for each "kty", named by a family of that type (every EC family has the same "kty").
struct KtyReader {
  KeyFamily family;
  Status (*read)(JwkReader &, KeyMaterial &);
};
constexpr KtyReader kReaders[] = {
    {KeyFamily::Hmac, read_oct}, {KeyFamily::Rsa, read_rsa}, {KeyFamily::EcP256, read_ec}, {KeyFamily::Ed25519, read_okp}};

// --- Writing ---------------------------------------------------------------------------------

void write_base64url(JsonWriter &writer, const char *name, ByteView bytes) {
  std::string encoded;
  base64url_encode(bytes, encoded);
  writer.member(name, encoded);
}

// The public members in RFC 7638's lexicographic order: the thumbprint input, and the start of
// every exported JWK.
struct PublicMembersWriter {
  JsonWriter &writer;

  void rsa(const RsaPublicKey &key) {
    write_base64url(writer, "e", key.e);
    writer.member("kty", key_family_info(KeyFamily::Rsa).kty);
    write_base64url(writer, "n", key.n);
  }
  void ec(const EcPublicKey &key) {
    const size_t size = curve_size(key.curve);
    const KeyFamilyInfo &family = key_family_info(ec_family(key.curve));
    writer.member("crv", family.crv);
    writer.member("kty", family.kty);
    write_base64url(writer, "x", ByteView(key.point.data() + 1, size));
    write_base64url(writer, "y", ByteView(key.point.data() + 1 + size, size));
  }
  template <typename Bytes>
  void okp(KeyFamily family_name, const Bytes &key) {
    const KeyFamilyInfo &family = key_family_info(family_name);
    writer.member("crv", family.crv);
    writer.member("kty", family.kty);
    write_base64url(writer, "x", ByteView(key.data(), key.size()));
  }
  void ed25519(const Ed25519PublicKey &key) { okp(KeyFamily::Ed25519, key.bytes); }
  void x25519(const X25519PublicKey &key) { okp(KeyFamily::X25519, key.bytes); }
  void oct(const SecretBytes &secret) {
    write_base64url(writer, "k", secret.view());
    writer.member("kty", key_family_info(KeyFamily::Hmac).kty);
  }

  void operator()(const HmacSecret &secret) { oct(secret.bytes); }
  void operator()(const AesKey &key) { oct(key.bytes); }
  void operator()(const Password &password) { oct(password.bytes); }
  void operator()(const RsaPublicKey &key) { rsa(key); }
  void operator()(const RsaPrivateKey &key) { rsa(key.public_key); }
  void operator()(const EcPublicKey &key) { ec(key); }
  void operator()(const EcPrivateKey &key) { ec(key.public_key); }
  void operator()(const Ed25519PublicKey &key) { ed25519(key); }
  void operator()(const Ed25519PrivateKey &key) { ed25519(key.public_key); }
  void operator()(const X25519PublicKey &key) { x25519(key); }
  void operator()(const X25519PrivateKey &key) { x25519(key.public_key); }
};

void write_private_members(JsonWriter &writer, const KeyMaterial &material) {
  if (const auto *rsa = std::get_if<RsaPrivateKey>(&material)) {
    write_base64url(writer, "d", rsa->d.view());
    write_base64url(writer, "p", rsa->p.view());
    write_base64url(writer, "q", rsa->q.view());
    write_base64url(writer, "dp", rsa->dp.view());
    write_base64url(writer, "dq", rsa->dq.view());
    write_base64url(writer, "qi", rsa->qi.view());
  } else if (const auto *ec = std::get_if<EcPrivateKey>(&material)) {
    write_base64url(writer, "d", ec->scalar.view());
  } else if (const auto *ed = std::get_if<Ed25519PrivateKey>(&material)) {
    write_base64url(writer, "d", ed->seed.view());
  } else if (const auto *x = std::get_if<X25519PrivateKey>(&material)) {
    write_base64url(writer, "d", x->scalar.view());
  }
}

void write_usage(JsonWriter &writer, const KeyUsage &usage) {
  if (!usage.kid.empty()) writer.member("kid", usage.kid);
  if (usage.alg_is_member) writer.member("alg", usage.alg);
  if (!usage.use.empty()) writer.member("use", usage.use);
  if (!usage.has_key_ops) return;
  writer.start_array("key_ops");
  for (const auto &op : usage.key_ops) writer.string(op);
  writer.end_array();
}

// RFC 7638's required members alone, as a JSON object.
std::string required_members(const KeyMaterial &material) {
  JsonWriter writer;
  writer.start_object();
  std::visit(PublicMembersWriter{writer}, material);
  writer.end_object();
  return std::string(writer.text());
}

}  // namespace

Status import_jwk(const JsonValue &jwk, const KeyBinding &binding, std::string_view alg, Key &out,
                  std::string &detail) {
  detail.clear();
  JwkReader reader(jwk, binding, detail);
  if (!jwk.IsObject()) return reader.fail(Status::JwkInvalid, "jwk");
  std::string_view kty;
  if (Status s = reader.text("kty", true, kty); s != Status::Ok) return s;
  const auto kind = std::find_if(std::begin(kReaders), std::end(kReaders), [&](const KtyReader &reader_of) {
    return key_family_info(reader_of.family).kty == kty;
  });
  if (kind == std::end(kReaders)) return reader.fail(Status::KeyUnsupported, "kty");
  KeyMaterial material;
  Status status = kind->read(reader, material);
  if (status != Status::Ok) return status;
  if (status = check_certificate_chain(jwk, material, reader); status != Status::Ok) return status;
  KeyUsage usage;
  if (status = reader.usage(usage); status != Status::Ok) return status;
  if (!alg.empty() && !usage.alg.empty() && usage.alg != alg) return reader.fail(Status::KeyUsageRefused, "alg");
  if (!alg.empty()) usage.alg.assign(alg.data(), alg.size());
  return binding.create(std::move(material), std::move(usage), out, detail);
}

Status import_jwk(const JsonValue &jwk, KeyUse use, std::string_view alg, Key &out, std::string &detail) {
  return import_jwk(jwk, key_binding(use), alg, out, detail);
}

Status import_jwk(const JsonValue &jwk, std::string_view alg, Key &out, std::string &detail) {
  return import_jwk(jwk, kSignatureBinding, alg, out, detail);
}

Status import_jwk_text(std::string_view json, const KeyBinding &binding, std::string_view alg, Key &out,
                       std::string &detail) {
  if (json.size() > kMaxJwkSize) {
    detail = "jwk";
    return Status::JwkInvalid;
  }
  JsonDocument document;
  if (Status status = parse_json_object(json, JsonLimits{}, document); status != Status::Ok) {
    detail = "jwk";
    return status == Status::JsonNotObject ? Status::JwkInvalid : status;
  }
  return import_jwk(document.root(), binding, alg, out, detail);
}

Status import_jwk_text(std::string_view json, KeyUse use, std::string_view alg, Key &out, std::string &detail) {
  return import_jwk_text(json, key_binding(use), alg, out, detail);
}

Status import_jwk_text(std::string_view json, std::string_view alg, Key &out, std::string &detail) {
  return import_jwk_text(json, kSignatureBinding, alg, out, detail);
}

Status export_jwk(const Key &key, bool include_private, std::string &json) {
  if (include_private ? !key.is_private() : key.is_secret()) return Status::KeyUsageRefused;
  JsonWriter writer;
  writer.start_object();
  std::visit(PublicMembersWriter{writer}, key.material());
  if (include_private) write_private_members(writer, key.material());
  write_usage(writer, key.usage());
  writer.end_object();
  json = writer.text();
  return Status::Ok;
}

Status write_public_jwk(const KeyMaterial &material, std::string &json) {
  if (std::holds_alternative<HmacSecret>(material) || std::holds_alternative<AesKey>(material) ||
      std::holds_alternative<Password>(material)) {
    return Status::KeyUsageRefused;
  }
  json = required_members(material);
  return Status::Ok;
}

Status jwk_thumbprint(const Key &key, Hash hash, std::string &thumbprint) {
  uint8_t digest[kMaxHashSize];
  hash_bytes(hash, required_members(key.material()), digest);
  thumbprint.clear();
  base64url_encode(ByteView(digest, hash_size(hash)), thumbprint);
  return Status::Ok;
}

}  // namespace edgejwt
