#include "pkix.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>

#include "../encoding/der.h"
#include "../encoding/pem.h"
#include "../wipe.h"

namespace edgejwt {
namespace {

// Object identifiers, as the contents of their DER encoding.
constexpr uint8_t kRsaEncryption[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01};  // 1.2.840.113549.1.1.1
constexpr uint8_t kEcPublicKey[] = {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01};               // 1.2.840.10045.2.1
constexpr uint8_t kEd25519[] = {0x2B, 0x65, 0x70};                                           // 1.3.101.112

template <size_t N>
constexpr ByteView view_of(const uint8_t (&bytes)[N]) {
  return {bytes, N};
}

bool equal(ByteView a, ByteView b) {
  return a.size == b.size && (a.size == 0 || std::memcmp(a.data, b.data, a.size) == 0);
}

enum class KeyKind { Rsa, Ec, Ed25519 };

// What an AlgorithmIdentifier says: the kind of key, and for EC the curve when it names one.
struct KeyAlgorithm {
  KeyKind kind = KeyKind::Rsa;
  std::optional<Curve> curve;
};

// ECParameters (RFC 5480 §2.1.1): a namedCurve we support. Other curves, explicit parameters
// (specifiedCurve) and implicitCA are well-formed keys of kinds we do not take.
Status read_curve(DerReader &reader, Curve &curve) {
  if (reader.next_is(DerTag::Sequence) || reader.next_is(DerTag::Null)) return Status::KeyUnsupported;
  ByteView oid;
  if (Status status = reader.read_object_identifier(oid); status != Status::Ok) return status;
  return curve_from_oid(oid, curve) ? Status::Ok : Status::KeyUnsupported;
}

// AlgorithmIdentifier: rsaEncryption with NULL parameters (RFC 3279 §2.3.1), id-ecPublicKey with
// ECParameters (RFC 5480; left to the ECPrivateKey in PKCS#8), id-Ed25519 with none (RFC 8410 §3).
// Any other algorithm, RSASSA-PSS's parameter-restricted keys included, is KeyUnsupported.
Status read_key_algorithm(DerReader &reader, KeyAlgorithm &out) {
  DerReader fields;
  if (Status status = reader.enter(DerTag::Sequence, fields); status != Status::Ok) return status;
  ByteView oid;
  if (Status status = fields.read_object_identifier(oid); status != Status::Ok) return status;
  if (equal(oid, view_of(kRsaEncryption))) {
    out.kind = KeyKind::Rsa;
    if (Status status = fields.read_null(); status != Status::Ok) return status;
  } else if (equal(oid, view_of(kEcPublicKey))) {
    out.kind = KeyKind::Ec;
    if (!fields.at_end()) {
      Curve curve = Curve::P256;
      if (Status status = read_curve(fields, curve); status != Status::Ok) return status;
      out.curve = curve;
    }
  } else if (equal(oid, view_of(kEd25519))) {
    out.kind = KeyKind::Ed25519;
  } else {
    return Status::KeyUnsupported;
  }
  return fields.finish();
}

// An uncompressed SEC1 point of the curve's size; compressed points are a form we do not take.
Status check_point(Curve curve, ByteView point) {
  const size_t coordinate = curve_size(curve);
  if (point.size == 1 + coordinate && (point.data[0] == 0x02 || point.data[0] == 0x03)) return Status::KeyUnsupported;
  return point.size == 1 + 2 * coordinate && point.data[0] == 0x04 ? Status::Ok : Status::DerInvalid;
}

// A fixed-size secret from a big-endian value whose leading zero bytes may have been dropped.
Status left_padded(ByteView value, size_t size, SecretBytes &out) {
  if (value.empty() || value.size > size) return Status::DerInvalid;
  std::array<uint8_t, kMaxCurveSize> padded{};
  std::copy(value.data, value.data + value.size, padded.begin() + static_cast<std::ptrdiff_t>(size - value.size));
  out = SecretBytes(ByteView(padded.data(), size));
  secure_wipe(padded.data(), padded.size());
  return Status::Ok;
}

// RSAPublicKey (RFC 8017 §A.1.1).
Status read_rsa_public_key(DerReader &reader, RsaPublicKey &out) {
  DerReader fields;
  ByteView n, e;
  if (Status status = reader.enter(DerTag::Sequence, fields); status != Status::Ok) return status;
  if (Status status = fields.read_positive_integer(n); status != Status::Ok) return status;
  if (Status status = fields.read_positive_integer(e); status != Status::Ok) return status;
  if (Status status = fields.finish(); status != Status::Ok) return status;
  out.n.assign(n.data, n.data + n.size);
  out.e.assign(e.data, e.data + e.size);
  return Status::Ok;
}

// RSAPrivateKey (RFC 8017 §A.1.2): version 0 has two primes; version 1 (multi-prime) is refused.
Status read_rsa_private_key(DerReader &reader, RsaPrivateKey &out) {
  DerReader fields;
  if (Status status = reader.enter(DerTag::Sequence, fields); status != Status::Ok) return status;
  uint32_t version = 0;
  if (Status status = fields.read_small_integer(version); status != Status::Ok) return status;
  if (version == 1) return Status::KeyUnsupported;
  if (version != 0) return Status::DerInvalid;
  ByteView n, e, d, p, q, dp, dq, qi;
  for (ByteView *value : {&n, &e, &d, &p, &q, &dp, &dq, &qi}) {
    if (Status status = fields.read_positive_integer(*value); status != Status::Ok) return status;
  }
  if (Status status = fields.finish(); status != Status::Ok) return status;
  out.public_key.n.assign(n.data, n.data + n.size);
  out.public_key.e.assign(e.data, e.data + e.size);
  out.d = SecretBytes(d);
  out.p = SecretBytes(p);
  out.q = SecretBytes(q);
  out.dp = SecretBytes(dp);
  out.dq = SecretBytes(dq);
  out.qi = SecretBytes(qi);
  return Status::Ok;
}

// What a PKCS#8 PrivateKeyInfo around an inner key says besides it.
struct OuterKeyInfo {
  std::optional<Curve> curve;             // from its AlgorithmIdentifier
  std::optional<ByteView> public_key;     // its OneAsymmetricKey publicKey field
};

// ECPrivateKey (RFC 5915 §3). The curve comes from its parameters and/or the PKCS#8 around it,
// which must agree; so must the two places a public key can be. The point stays empty when
// neither has one.
Status read_ec_private_key(DerReader &reader, const OuterKeyInfo &outer, EcPrivateKey &out) {
  DerReader fields;
  if (Status status = reader.enter(DerTag::Sequence, fields); status != Status::Ok) return status;
  uint32_t version = 0;
  if (Status status = fields.read_small_integer(version); status != Status::Ok) return status;
  if (version != 1) return Status::DerInvalid;
  ByteView scalar;
  if (Status status = fields.read_octet_string(scalar); status != Status::Ok) return status;

  std::optional<Curve> curve = outer.curve;
  if (fields.next_is(der_context_constructed(0))) {
    DerReader parameters;
    Curve named = Curve::P256;
    if (Status status = fields.enter(der_context_constructed(0), parameters); status != Status::Ok) return status;
    if (Status status = read_curve(parameters, named); status != Status::Ok) return status;
    if (Status status = parameters.finish(); status != Status::Ok) return status;
    if (curve && *curve != named) return Status::DerInvalid;
    curve = named;
  }
  if (!curve) return Status::DerInvalid;

  std::optional<ByteView> point = outer.public_key;
  if (fields.next_is(der_context_constructed(1))) {
    DerReader public_key;
    ByteView bits;
    if (Status status = fields.enter(der_context_constructed(1), public_key); status != Status::Ok) return status;
    if (Status status = public_key.read_bit_string(bits); status != Status::Ok) return status;
    if (Status status = public_key.finish(); status != Status::Ok) return status;
    if (point && !equal(*point, bits)) return Status::DerInvalid;
    point = bits;
  }
  if (Status status = fields.finish(); status != Status::Ok) return status;

  if (point) {
    if (Status status = check_point(*curve, *point); status != Status::Ok) return status;
    out.public_key.point.assign(point->data, point->data + point->size);
  }
  out.public_key.curve = *curve;
  return left_padded(scalar, curve_size(*curve), out.scalar);
}

// CurvePrivateKey (RFC 8410 §7): the 32-byte seed. The public key is taken from a OneAsymmetricKey
// publicKey field when there is one.
Status read_ed25519_private_key(DerReader &reader, const OuterKeyInfo &outer, Ed25519PrivateKey &out) {
  ByteView seed;
  if (Status status = reader.read_octet_string(seed); status != Status::Ok) return status;
  if (seed.size != kEd25519KeySize) return Status::DerInvalid;
  if (outer.public_key) {
    if (outer.public_key->size != kEd25519KeySize) return Status::DerInvalid;
    std::copy(outer.public_key->data, outer.public_key->data + kEd25519KeySize, out.public_key.bytes.begin());
  }
  out.seed = SecretBytes(seed);
  return Status::Ok;
}

// SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) with the key forms of RFC 3279, 5480 and 8410.
Status read_spki(DerReader &reader, KeyMaterial &out) {
  DerReader fields;
  KeyAlgorithm algorithm;
  ByteView bits;
  if (Status status = reader.enter(DerTag::Sequence, fields); status != Status::Ok) return status;
  if (Status status = read_key_algorithm(fields, algorithm); status != Status::Ok) return status;
  if (Status status = fields.read_bit_string(bits); status != Status::Ok) return status;
  if (Status status = fields.finish(); status != Status::Ok) return status;

  switch (algorithm.kind) {
    case KeyKind::Rsa: {
      DerReader inner;
      RsaPublicKey key;
      if (Status status = fields.open_nested(bits, inner); status != Status::Ok) return status;
      if (Status status = read_rsa_public_key(inner, key); status != Status::Ok) return status;
      if (Status status = inner.finish(); status != Status::Ok) return status;
      out = std::move(key);
      return Status::Ok;
    }
    case KeyKind::Ec: {
      if (!algorithm.curve) return Status::DerInvalid;  // RFC 5480 §2.1.1: parameters MUST be present
      if (Status status = check_point(*algorithm.curve, bits); status != Status::Ok) return status;
      out = EcPublicKey{*algorithm.curve, std::vector<uint8_t>(bits.data, bits.data + bits.size)};
      return Status::Ok;
    }
    case KeyKind::Ed25519: {
      if (bits.size != kEd25519KeySize) return Status::DerInvalid;
      Ed25519PublicKey key;
      std::copy(bits.data, bits.data + bits.size, key.bytes.begin());
      out = key;
      return Status::Ok;
    }
  }
  return Status::DerInvalid;
}

// Reads everything `reader` holds as one structure with `read`, and replaces `out` with its key.
template <typename Key, typename Read>
Status read_whole(DerReader &reader, Read read, KeyMaterial &out) {
  Key key;
  if (Status status = read(reader, key); status != Status::Ok) return status;
  if (Status status = reader.finish(); status != Status::Ok) return status;
  out = std::move(key);
  return Status::Ok;
}

template <typename Key, typename Read>
Status parse_whole(ByteView der, Read read, KeyMaterial &out) {
  DerReader reader(der);
  return read_whole<Key>(reader, read, out);
}

// RFC 7468's labels for the structures we read and write.
constexpr std::string_view kSpkiLabel = "PUBLIC KEY";
constexpr std::string_view kPkcs8Label = "PRIVATE KEY";

Status parse_der_with_label(std::string_view label, ByteView der, KeyMaterial &out) {
  struct Format {
    std::string_view label;
    Status (*parse)(ByteView, KeyMaterial &);
  };
  static constexpr Format kFormats[] = {
      {kSpkiLabel, parse_spki},
      {kPkcs8Label, parse_pkcs8},
      {"RSA PUBLIC KEY", parse_pkcs1_public_key},
      {"RSA PRIVATE KEY", parse_pkcs1_private_key},
      {"EC PRIVATE KEY", parse_sec1_private_key},
      {"CERTIFICATE", parse_certificate_public_key},
  };
  for (const Format &format : kFormats) {
    if (format.label == label) return format.parse(der, out);
  }
  if (label == "ENCRYPTED PRIVATE KEY") return Status::KeyUnsupported;  // PKCS#8 EncryptedPrivateKeyInfo
  return Status::PemInvalid;
}

// `write` to DER, then PEM under `label`; the DER is wiped (it may hold a private key).
Status write_pem(Status (*write)(const KeyMaterial &, std::vector<uint8_t> &), std::string_view label,
                 const KeyMaterial &key, std::string &pem) {
  std::vector<uint8_t> der;
  const Status status = write(key, der);
  if (status == Status::Ok) pem_encode(label, der, pem);
  secure_wipe(der.data(), der.size());
  return status;
}

bool is_uncompressed_point(const EcPublicKey &key) {
  return key.point.size() == 1 + 2 * curve_size(key.curve) && key.point[0] == 0x04;
}

void write_version(DerWriter &writer, uint8_t version) { writer.write_unsigned_integer(ByteView(&version, 1)); }

void write_key_algorithm(DerWriter &writer, const KeyAlgorithm &algorithm) {
  const size_t sequence = writer.open(DerTag::Sequence);
  switch (algorithm.kind) {
    case KeyKind::Rsa:
      writer.write(DerTag::ObjectIdentifier, view_of(kRsaEncryption));
      writer.write_null();
      break;
    case KeyKind::Ec:
      writer.write(DerTag::ObjectIdentifier, view_of(kEcPublicKey));
      writer.write(DerTag::ObjectIdentifier, curve_info(*algorithm.curve).oid);
      break;
    case KeyKind::Ed25519:
      writer.write(DerTag::ObjectIdentifier, view_of(kEd25519));
      break;
  }
  writer.close(sequence);
}

void write_rsa_public_key(DerWriter &writer, const RsaPublicKey &key) {
  const size_t sequence = writer.open(DerTag::Sequence);
  writer.write_unsigned_integer(key.n);
  writer.write_unsigned_integer(key.e);
  writer.close(sequence);
}

void write_rsa_private_key(DerWriter &writer, const RsaPrivateKey &key) {
  const size_t sequence = writer.open(DerTag::Sequence);
  write_version(writer, 0);
  writer.write_unsigned_integer(key.public_key.n);
  writer.write_unsigned_integer(key.public_key.e);
  for (const SecretBytes *value : {&key.d, &key.p, &key.q, &key.dp, &key.dq, &key.qi}) {
    writer.write_unsigned_integer(value->view());
  }
  writer.close(sequence);
}

// RFC 5915 §3 inside PKCS#8: the curve is named once, by the AlgorithmIdentifier around it, so the
// optional parameters are left out, as OpenSSL, node:crypto and WebCrypto write it (the bytes then
// equal what those export, and what was imported from them); the public key is kept (RFC 5915 §4).
void write_ec_private_key(DerWriter &writer, const EcPrivateKey &key) {
  const size_t sequence = writer.open(DerTag::Sequence);
  write_version(writer, 1);
  writer.write(DerTag::OctetString, key.scalar.view());
  const size_t public_key = writer.open(der_context_constructed(1));
  writer.write_bit_string(key.public_key.point);
  writer.close(public_key);
  writer.close(sequence);
}

}  // namespace

Status parse_spki(ByteView der, KeyMaterial &out) { return parse_whole<KeyMaterial>(der, read_spki, out); }

Status parse_pkcs8(ByteView der, KeyMaterial &out) {
  DerReader reader(der);
  DerReader fields;
  if (Status status = reader.enter(DerTag::Sequence, fields); status != Status::Ok) return status;
  if (Status status = reader.finish(); status != Status::Ok) return status;
  // Version 0 is RFC 5208's PrivateKeyInfo, 1 is RFC 5958's OneAsymmetricKey with a public key.
  uint32_t version = 0;
  if (Status status = fields.read_small_integer(version); status != Status::Ok) return status;
  if (version > 1) return Status::DerInvalid;
  KeyAlgorithm algorithm;
  ByteView private_key;
  if (Status status = read_key_algorithm(fields, algorithm); status != Status::Ok) return status;
  if (Status status = fields.read_octet_string(private_key); status != Status::Ok) return status;
  if (fields.next_is(der_context_constructed(0))) {
    ByteView attributes;  // not used by any key we take
    if (Status status = fields.read(der_context_constructed(0), attributes); status != Status::Ok) return status;
  }
  OuterKeyInfo outer{algorithm.curve, std::nullopt};
  if (version == 1 && fields.next_is(der_context_primitive(1))) {
    ByteView public_key;
    if (Status status = fields.read_bit_string(public_key, der_context_primitive(1)); status != Status::Ok) {
      return status;
    }
    outer.public_key = public_key;
  }
  if (Status status = fields.finish(); status != Status::Ok) return status;

  DerReader inner;  // the private key's own encoding, which must fill the OCTET STRING
  if (Status status = fields.open_nested(private_key, inner); status != Status::Ok) return status;
  switch (algorithm.kind) {
    case KeyKind::Rsa:  // n and e are in the private key: a publicKey field adds nothing
      return read_whole<RsaPrivateKey>(inner, read_rsa_private_key, out);
    case KeyKind::Ec:
      return read_whole<EcPrivateKey>(
          inner, [&](DerReader &sec1, EcPrivateKey &key) { return read_ec_private_key(sec1, outer, key); }, out);
    case KeyKind::Ed25519:
      return read_whole<Ed25519PrivateKey>(
          inner, [&](DerReader &seed, Ed25519PrivateKey &key) { return read_ed25519_private_key(seed, outer, key); },
          out);
  }
  return Status::DerInvalid;
}

Status parse_pkcs1_public_key(ByteView der, KeyMaterial &out) {
  return parse_whole<RsaPublicKey>(der, read_rsa_public_key, out);
}

Status parse_pkcs1_private_key(ByteView der, KeyMaterial &out) {
  return parse_whole<RsaPrivateKey>(der, read_rsa_private_key, out);
}

Status parse_sec1_private_key(ByteView der, KeyMaterial &out) {
  return parse_whole<EcPrivateKey>(
      der, [](DerReader &reader, EcPrivateKey &key) { return read_ec_private_key(reader, OuterKeyInfo{}, key); }, out);
}

// Only the key is taken from the certificate (RFC 5280 §4.1): its signature, validity, names and
// extensions are not checked, and no chain is built. Trusting the certificate is the caller's call.
Status parse_certificate_public_key(ByteView der, KeyMaterial &out) {
  DerReader reader(der);
  DerReader certificate, tbs;
  if (Status status = reader.enter(DerTag::Sequence, certificate); status != Status::Ok) return status;
  if (Status status = reader.finish(); status != Status::Ok) return status;
  if (Status status = certificate.enter(DerTag::Sequence, tbs); status != Status::Ok) return status;
  ByteView skipped;
  if (tbs.next_is(der_context_constructed(0))) {  // version
    if (Status status = tbs.read(der_context_constructed(0), skipped); status != Status::Ok) return status;
  }
  // serialNumber, signature, issuer, validity, subject
  for (const DerTag tag : {DerTag::Integer, DerTag::Sequence, DerTag::Sequence, DerTag::Sequence, DerTag::Sequence}) {
    if (Status status = tbs.read(tag, skipped); status != Status::Ok) return status;
  }
  KeyMaterial key;
  if (Status status = read_spki(tbs, key); status != Status::Ok) return status;
  // issuerUniqueID [1], subjectUniqueID [2], extensions [3], each optional, in this order.
  for (const DerTag tag : {der_context_primitive(1), der_context_primitive(2), der_context_constructed(3)}) {
    if (!tbs.next_is(tag)) continue;
    if (Status status = tbs.read(tag, skipped); status != Status::Ok) return status;
  }
  if (Status status = tbs.finish(); status != Status::Ok) return status;
  // signatureAlgorithm, signatureValue
  if (Status status = certificate.read(DerTag::Sequence, skipped); status != Status::Ok) return status;
  if (Status status = certificate.read(DerTag::BitString, skipped); status != Status::Ok) return status;
  if (Status status = certificate.finish(); status != Status::Ok) return status;
  out = std::move(key);
  return Status::Ok;
}

Status parse_pem(std::string_view text, KeyMaterial &out) {
  std::string_view label;
  std::vector<uint8_t> der;
  Status status = pem_decode(text, label, der);
  if (status == Status::Ok) status = parse_der_with_label(label, der, out);
  secure_wipe(der.data(), der.size());  // it may be a private key
  return status;
}

Status write_spki(const KeyMaterial &key, std::vector<uint8_t> &der) {
  const RsaPublicKey *rsa = public_part<RsaPublicKey, RsaPrivateKey>(key);
  const EcPublicKey *ec = public_part<EcPublicKey, EcPrivateKey>(key);
  const Ed25519PublicKey *ed25519 = public_part<Ed25519PublicKey, Ed25519PrivateKey>(key);
  if (!rsa && !ec && !ed25519) return Status::KeyUsageRefused;
  if (ec && !is_uncompressed_point(*ec)) return Status::KeyInvalid;

  der.clear();
  DerWriter writer(der);
  const size_t spki = writer.open(DerTag::Sequence);
  if (rsa) {
    write_key_algorithm(writer, {KeyKind::Rsa, std::nullopt});
    const size_t bits = writer.open_bit_string();
    write_rsa_public_key(writer, *rsa);
    writer.close(bits);
  } else if (ec) {
    write_key_algorithm(writer, {KeyKind::Ec, ec->curve});
    writer.write_bit_string(ec->point);
  } else {
    write_key_algorithm(writer, {KeyKind::Ed25519, std::nullopt});
    writer.write_bit_string(ByteView(ed25519->bytes.data(), ed25519->bytes.size()));
  }
  writer.close(spki);
  return Status::Ok;
}

Status write_pkcs8(const KeyMaterial &key, std::vector<uint8_t> &der) {
  const auto *rsa = std::get_if<RsaPrivateKey>(&key);
  const auto *ec = std::get_if<EcPrivateKey>(&key);
  const auto *ed25519 = std::get_if<Ed25519PrivateKey>(&key);
  if (!rsa && !ec && !ed25519) return Status::KeyUsageRefused;
  if (ec && (!is_uncompressed_point(ec->public_key) || ec->scalar.size() != curve_size(ec->public_key.curve))) {
    return Status::KeyInvalid;
  }
  if (ed25519 && ed25519->seed.size() != kEd25519KeySize) return Status::KeyInvalid;

  der.clear();
  DerWriter writer(der);
  const size_t info = writer.open(DerTag::Sequence);
  write_version(writer, 0);
  if (rsa) {
    write_key_algorithm(writer, {KeyKind::Rsa, std::nullopt});
  } else if (ec) {
    write_key_algorithm(writer, {KeyKind::Ec, ec->public_key.curve});
  } else {
    write_key_algorithm(writer, {KeyKind::Ed25519, std::nullopt});
  }
  const size_t private_key = writer.open(DerTag::OctetString);
  if (rsa) {
    write_rsa_private_key(writer, *rsa);
  } else if (ec) {
    write_ec_private_key(writer, *ec);
  } else {
    writer.write(DerTag::OctetString, ed25519->seed.view());
  }
  writer.close(private_key);
  writer.close(info);
  return Status::Ok;
}

Status write_spki_pem(const KeyMaterial &key, std::string &pem) { return write_pem(write_spki, kSpkiLabel, key, pem); }

Status write_pkcs8_pem(const KeyMaterial &key, std::string &pem) {
  return write_pem(write_pkcs8, kPkcs8Label, key, pem);
}

}  // namespace edgejwt
