#include "keys/pkix.h"

#include <gtest/gtest.h>

#include "encoding/der.h"
#include "encoding/pem.h"
#include "pkix_fixtures.h"
#include "test_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

constexpr std::string_view kP256Oid = "2a8648ce3d030107";
constexpr std::string_view kP384Oid = "2b81040022";
constexpr std::string_view kEcPublicKeyOid = "2a8648ce3d0201";
constexpr std::string_view kEd25519Oid = "2b6570";

std::string hex(ByteView bytes) { return to_hex(bytes.data, bytes.size); }

std::vector<uint8_t> der_of(std::string_view pem) {
  std::string_view label;
  std::vector<uint8_t> der;
  EXPECT_EQ(pem_decode(pem, label, der), Status::Ok) << pem;
  return der;
}

KeyMaterial parsed(std::string_view pem) {
  KeyMaterial key;
  EXPECT_EQ(parse_pem(pem, key), Status::Ok) << pem;
  return key;
}

template <typename Key>
const Key &as(const KeyMaterial &key) {
  static const Key wrong_kind{};
  const Key *typed = std::get_if<Key>(&key);
  EXPECT_NE(typed, nullptr) << "material of another kind: index " << key.index();
  return typed ? *typed : wrong_kind;
}

void expect_rsa_public(const RsaPublicKey &key) {
  EXPECT_EQ(hex(key.n), kRsa2048.n);
  EXPECT_EQ(hex(key.e), kRsa2048.e);
}

void expect_rsa_private(const RsaPrivateKey &key) {
  expect_rsa_public(key.public_key);
  EXPECT_EQ(hex(key.d.view()), kRsa2048.d);
  EXPECT_EQ(hex(key.p.view()), kRsa2048.p);
  EXPECT_EQ(hex(key.q.view()), kRsa2048.q);
  EXPECT_EQ(hex(key.dp.view()), kRsa2048.dp);
  EXPECT_EQ(hex(key.dq.view()), kRsa2048.dq);
  EXPECT_EQ(hex(key.qi.view()), kRsa2048.qi);
}

void expect_ec_private(const EcFixture &fixture, const EcPrivateKey &key) {
  EXPECT_EQ(key.public_key.curve, fixture.curve);
  EXPECT_EQ(hex(key.public_key.point), fixture.point);
  EXPECT_EQ(hex(key.scalar.view()), fixture.scalar);
}

Status parse(Status (*parse_der)(ByteView, KeyMaterial &), const std::vector<uint8_t> &der) {
  KeyMaterial key;
  return parse_der(der, key);
}

// ECPrivateKey written field by field; an empty curve or point is left out.
std::vector<uint8_t> sec1_der(std::string_view scalar, std::string_view curve_oid, std::string_view point) {
  std::vector<uint8_t> der;
  DerWriter writer(der);
  const size_t sequence = writer.open(DerTag::Sequence);
  writer.write_unsigned_integer(from_hex("01"));
  writer.write(DerTag::OctetString, from_hex(scalar));
  if (!curve_oid.empty()) {
    const size_t parameters = writer.open(der_context_constructed(0));
    writer.write(DerTag::ObjectIdentifier, from_hex(curve_oid));
    writer.close(parameters);
  }
  if (!point.empty()) {
    const size_t public_key = writer.open(der_context_constructed(1));
    writer.write_bit_string(from_hex(point));
    writer.close(public_key);
  }
  writer.close(sequence);
  return der;
}

// PrivateKeyInfo / OneAsymmetricKey around `inner`; an empty curve or public key is left out.
std::vector<uint8_t> pkcs8_der(std::string_view version, std::string_view algorithm_oid, std::string_view curve_oid,
                               const std::vector<uint8_t> &inner, std::string_view public_key) {
  std::vector<uint8_t> der;
  DerWriter writer(der);
  const size_t info = writer.open(DerTag::Sequence);
  writer.write_unsigned_integer(from_hex(version));
  const size_t algorithm = writer.open(DerTag::Sequence);
  writer.write(DerTag::ObjectIdentifier, from_hex(algorithm_oid));
  if (!curve_oid.empty()) writer.write(DerTag::ObjectIdentifier, from_hex(curve_oid));
  writer.close(algorithm);
  writer.write(DerTag::OctetString, inner);
  if (!public_key.empty()) writer.write(der_context_primitive(1), from_hex("00" + std::string(public_key)));
  writer.close(info);
  return der;
}

std::vector<uint8_t> ed25519_pkcs8_der(std::string_view version, std::string_view public_key) {
  std::vector<uint8_t> seed;
  DerWriter(seed).write(DerTag::OctetString, from_hex(kEd25519.seed));
  return pkcs8_der(version, kEd25519Oid, "", seed, public_key);
}

// RSAPublicKey with its two INTEGERs' contents as given, sign bytes and all.
std::vector<uint8_t> rsa_public_key_der(const std::vector<uint8_t> &n, const std::vector<uint8_t> &e) {
  std::vector<uint8_t> der;
  DerWriter writer(der);
  const size_t sequence = writer.open(DerTag::Sequence);
  writer.write(DerTag::Integer, n);
  writer.write(DerTag::Integer, e);
  writer.close(sequence);
  return der;
}

// Each format's DER and its parser, for the tests every format must pass.
struct Format {
  const char *name;
  std::vector<uint8_t> der;
  Status (*parse)(ByteView, KeyMaterial &);
};

std::vector<Format> every_format() {
  return {
      {"RSA SPKI", der_of(kRsa2048.spki_pem), parse_spki},
      {"RSA PKCS#8", der_of(kRsa2048.pkcs8_pem), parse_pkcs8},
      {"RSA PKCS#1", der_of(kRsa2048.pkcs1_pem), parse_pkcs1_private_key},
      {"RSA PKCS#1 public", der_of(kRsa2048.pkcs1_public_pem), parse_pkcs1_public_key},
      {"RSA certificate", der_of(kRsa2048.certificate_pem), parse_certificate_public_key},
      {"P-256 SPKI", der_of(kEcKeys[0].spki_pem), parse_spki},
      {"P-384 PKCS#8", der_of(kEcKeys[1].pkcs8_pem), parse_pkcs8},
      {"P-521 SEC1", der_of(kEcKeys[2].sec1_pem), parse_sec1_private_key},
      {"EC certificate", der_of(kEcP256CertificatePem), parse_certificate_public_key},
      {"Ed25519 SPKI", der_of(kEd25519.spki_pem), parse_spki},
      {"Ed25519 PKCS#8", der_of(kEd25519.pkcs8_pem), parse_pkcs8},
  };
}

}  // namespace

TEST(Pkix, ReadsRsaKeyInEveryFormat) {
  expect_rsa_private(as<RsaPrivateKey>(parsed(kRsa2048.pkcs8_pem)));
  expect_rsa_private(as<RsaPrivateKey>(parsed(kRsa2048.pkcs1_pem)));
  expect_rsa_public(as<RsaPublicKey>(parsed(kRsa2048.spki_pem)));
  expect_rsa_public(as<RsaPublicKey>(parsed(kRsa2048.pkcs1_public_pem)));
  expect_rsa_public(as<RsaPublicKey>(parsed(kRsa2048.certificate_pem)));
}

TEST(Pkix, ReadsEcKeysOnEachCurve) {
  for (const EcFixture &fixture : kEcKeys) {
    SCOPED_TRACE(static_cast<int>(fixture.curve));
    expect_ec_private(fixture, as<EcPrivateKey>(parsed(fixture.pkcs8_pem)));
    expect_ec_private(fixture, as<EcPrivateKey>(parsed(fixture.sec1_pem)));
    const KeyMaterial key = parsed(fixture.spki_pem);
    EXPECT_EQ(as<EcPublicKey>(key).curve, fixture.curve);
    EXPECT_EQ(hex(as<EcPublicKey>(key).point), fixture.point);
  }
  const KeyMaterial certified = parsed(kEcP256CertificatePem);
  EXPECT_EQ(as<EcPublicKey>(certified).curve, Curve::P256);
  EXPECT_EQ(hex(as<EcPublicKey>(certified).point), kEcKeys[0].point);
}

TEST(Pkix, ReadsEd25519Keys) {
  const KeyMaterial private_key = parsed(kEd25519.pkcs8_pem);
  EXPECT_EQ(hex(as<Ed25519PrivateKey>(private_key).seed.view()), kEd25519.seed);
  // PKCS#8 v1 has no public key: it stays zero, for the caller to derive.
  EXPECT_EQ(as<Ed25519PrivateKey>(private_key).public_key.bytes, Ed25519PublicKey{}.bytes);
  const KeyMaterial public_key = parsed(kEd25519.spki_pem);
  const auto &bytes = as<Ed25519PublicKey>(public_key).bytes;
  EXPECT_EQ(hex(ByteView(bytes.data(), bytes.size())), kEd25519.public_key);
}

TEST(Pkix, WritesSpkiAsOpenssl) {
  const std::pair<std::string_view, std::string_view> keys_and_spki[] = {
      {kRsa2048.pkcs8_pem, kRsa2048.spki_pem},      {kRsa2048.pkcs1_public_pem, kRsa2048.spki_pem},
      {kEcKeys[0].sec1_pem, kEcKeys[0].spki_pem},   {kEcKeys[1].pkcs8_pem, kEcKeys[1].spki_pem},
      {kEcKeys[2].spki_pem, kEcKeys[2].spki_pem},   {kEd25519.spki_pem, kEd25519.spki_pem},
  };
  for (const auto &[key, spki] : keys_and_spki) {
    std::vector<uint8_t> der;
    ASSERT_EQ(write_spki(parsed(key), der), Status::Ok) << key;
    EXPECT_EQ(hex(der), hex(der_of(spki))) << key;
  }
}

// PKCS#8 as OpenSSL writes it (and node:crypto and WebCrypto export it): the same bytes as the
// fixtures, for every kind. An EC key's inner ECPrivateKey leaves out the optional curve parameters
// (the AlgorithmIdentifier names the curve) and keeps its public key.
TEST(Pkix, WritesPkcs8AsOpenssl) {
  std::vector<std::pair<std::string_view, std::string_view>> cases = {{kRsa2048.pkcs1_pem, kRsa2048.pkcs8_pem},
                                                                      {kEd25519.pkcs8_pem, kEd25519.pkcs8_pem}};
  for (const EcFixture &fixture : kEcKeys) {
    cases.emplace_back(fixture.pkcs8_pem, fixture.pkcs8_pem);
    cases.emplace_back(fixture.sec1_pem, fixture.pkcs8_pem);
  }
  for (const auto &[key, pkcs8] : cases) {
    std::vector<uint8_t> der;
    ASSERT_EQ(write_pkcs8(parsed(key), der), Status::Ok) << key;
    EXPECT_EQ(hex(der), hex(der_of(pkcs8))) << key;
  }
}

TEST(Pkix, EcPkcs8ReadsBackToTheSameKey) {
  for (const EcFixture &fixture : kEcKeys) {
    std::vector<uint8_t> der;
    ASSERT_EQ(write_pkcs8(parsed(fixture.sec1_pem), der), Status::Ok);
    KeyMaterial again;
    ASSERT_EQ(parse_pkcs8(der, again), Status::Ok);
    expect_ec_private(fixture, as<EcPrivateKey>(again));
  }
}

TEST(Pkix, PemEncodedKeysReadBack) {
  std::vector<uint8_t> der;
  std::string pem;
  ASSERT_EQ(write_pkcs8(parsed(kEcKeys[2].sec1_pem), der), Status::Ok);
  pem_encode("PRIVATE KEY", der, pem);
  expect_ec_private(kEcKeys[2], as<EcPrivateKey>(parsed(pem)));
  ASSERT_EQ(write_spki(parsed(kRsa2048.pkcs1_pem), der), Status::Ok);
  pem_encode("PUBLIC KEY", der, pem);
  EXPECT_EQ(pem, kRsa2048.spki_pem);
}

TEST(Pkix, WritersRefuseMaterialOfTheWrongKind) {
  std::vector<uint8_t> der;
  EXPECT_EQ(write_spki(HmacSecret{}, der), Status::KeyUsageRefused);
  EXPECT_EQ(write_pkcs8(HmacSecret{}, der), Status::KeyUsageRefused);
  EXPECT_EQ(write_pkcs8(parsed(kRsa2048.spki_pem), der), Status::KeyUsageRefused);
  EXPECT_EQ(write_pkcs8(parsed(kEd25519.spki_pem), der), Status::KeyUsageRefused);
  KeyMaterial pointless;
  ASSERT_EQ(parse_sec1_private_key(sec1_der(kEcKeys[0].scalar, kP256Oid, ""), pointless), Status::Ok);
  EXPECT_EQ(write_spki(pointless, der), Status::KeyInvalid);
  EXPECT_EQ(write_pkcs8(pointless, der), Status::KeyInvalid);
}

TEST(Pkix, Sec1WithoutPublicKeyLeavesThePointEmpty) {
  KeyMaterial key;
  ASSERT_EQ(parse_sec1_private_key(sec1_der(kEcKeys[0].scalar, kP256Oid, ""), key), Status::Ok);
  EXPECT_TRUE(as<EcPrivateKey>(key).public_key.point.empty());
  EXPECT_EQ(hex(as<EcPrivateKey>(key).scalar.view()), kEcKeys[0].scalar);
}

TEST(Pkix, ShortEcScalarIsLeftPaddedAndLongOneRefused) {
  KeyMaterial key;
  ASSERT_EQ(parse_sec1_private_key(sec1_der("01", kP256Oid, ""), key), Status::Ok);
  EXPECT_EQ(hex(as<EcPrivateKey>(key).scalar.view()), std::string(62, '0') + "01");
  const std::string too_long = "00" + std::string(kEcKeys[0].scalar);
  EXPECT_EQ(parse_sec1_private_key(sec1_der(too_long, kP256Oid, ""), key), Status::DerInvalid);
  EXPECT_EQ(parse_sec1_private_key(sec1_der("", kP256Oid, ""), key), Status::DerInvalid);
}

TEST(Pkix, EcCurveComesFromEitherPlaceAndMustAgree) {
  const std::string_view scalar = kEcKeys[0].scalar, point = kEcKeys[0].point;
  KeyMaterial key;
  EXPECT_EQ(parse_sec1_private_key(sec1_der(scalar, "", point), key), Status::DerInvalid);  // no curve at all
  ASSERT_EQ(parse_pkcs8(pkcs8_der("00", kEcPublicKeyOid, kP256Oid, sec1_der(scalar, "", point), ""), key), Status::Ok);
  expect_ec_private(kEcKeys[0], as<EcPrivateKey>(key));
  ASSERT_EQ(parse_pkcs8(pkcs8_der("00", kEcPublicKeyOid, "", sec1_der(scalar, kP256Oid, point), ""), key), Status::Ok);
  expect_ec_private(kEcKeys[0], as<EcPrivateKey>(key));
  EXPECT_EQ(parse_pkcs8(pkcs8_der("00", kEcPublicKeyOid, kP384Oid, sec1_der(scalar, kP256Oid, point), ""), key),
            Status::DerInvalid);
  EXPECT_EQ(parse_pkcs8(pkcs8_der("00", kEcPublicKeyOid, "", sec1_der(scalar, "", point), ""), key),
            Status::DerInvalid);  // no curve in either place
}

TEST(Pkix, OneAsymmetricKeyPublicKeyIsUsedAndChecked) {
  KeyMaterial key;
  ASSERT_EQ(parse_pkcs8(ed25519_pkcs8_der("01", kEd25519.public_key), key), Status::Ok);
  const Ed25519PublicKey &public_key = as<Ed25519PrivateKey>(key).public_key;
  EXPECT_EQ(hex(ByteView(public_key.bytes.data(), public_key.bytes.size())), kEd25519.public_key);
  EXPECT_EQ(parse_pkcs8(ed25519_pkcs8_der("00", kEd25519.public_key), key), Status::DerInvalid);  // v1 has none
  EXPECT_EQ(parse_pkcs8(ed25519_pkcs8_der("01", "abcd"), key), Status::DerInvalid);
  EXPECT_EQ(parse_pkcs8(ed25519_pkcs8_der("02", ""), key), Status::DerInvalid);

  const std::string_view scalar = kEcKeys[0].scalar, point = kEcKeys[0].point;
  ASSERT_EQ(parse_pkcs8(pkcs8_der("01", kEcPublicKeyOid, kP256Oid, sec1_der(scalar, "", ""), point), key), Status::Ok);
  expect_ec_private(kEcKeys[0], as<EcPrivateKey>(key));
  EXPECT_EQ(parse_pkcs8(pkcs8_der("01", kEcPublicKeyOid, kP256Oid, sec1_der(scalar, "", point), point), key),
            Status::Ok);
  const std::string other_point = std::string(point.substr(0, point.size() - 2)) + "00";
  EXPECT_EQ(parse_pkcs8(pkcs8_der("01", kEcPublicKeyOid, kP256Oid, sec1_der(scalar, "", point), other_point), key),
            Status::DerInvalid);
}

TEST(Pkix, PemLabelChoosesTheFormat) {
  KeyMaterial key;
  const std::vector<uint8_t> spki = der_of(kRsa2048.spki_pem);
  std::string pem;
  pem_encode("RSA PUBLIC KEY", spki, pem);  // an SPKI is not an RSAPublicKey
  EXPECT_EQ(parse_pem(pem, key), Status::DerInvalid);
  pem_encode("DSA PRIVATE KEY", spki, pem);
  EXPECT_EQ(parse_pem(pem, key), Status::PemInvalid);
}

TEST(Pkix, RejectsDerTruncatedAtEveryLength) {
  for (const Format &format : every_format()) {
    for (size_t size = 0; size < format.der.size(); ++size) {
      const std::vector<uint8_t> prefix(format.der.begin(), format.der.begin() + static_cast<std::ptrdiff_t>(size));
      ASSERT_EQ(parse(format.parse, prefix), Status::DerInvalid) << format.name << " cut to " << size;
    }
    EXPECT_EQ(parse(format.parse, format.der), Status::Ok) << format.name;
  }
}

TEST(Pkix, RejectsATrailingByte) {
  for (Format &format : every_format()) {
    format.der.push_back(0);
    EXPECT_EQ(parse(format.parse, format.der), Status::DerInvalid) << format.name;
  }
  // Inside the structure: one more byte in the SubjectPublicKeyInfo sequence.
  std::string inside = hex(der_of(kEd25519.spki_pem)) + "00";
  inside[3] = 'b';  // 302a… becomes 302b…
  EXPECT_EQ(parse(parse_spki, from_hex(inside)), Status::DerInvalid);
}

TEST(Pkix, RejectsNegativeModulus) {
  const std::vector<uint8_t> n = from_hex(kRsa2048.n);  // its top bit is set: without 0x00 it is negative
  ASSERT_TRUE(n[0] & 0x80);
  EXPECT_EQ(parse(parse_pkcs1_public_key, rsa_public_key_der(n, from_hex(kRsa2048.e))), Status::DerInvalid);
  std::vector<uint8_t> positive = n;
  positive.insert(positive.begin(), 0);
  EXPECT_EQ(parse(parse_pkcs1_public_key, rsa_public_key_der(positive, from_hex(kRsa2048.e))), Status::Ok);
}

TEST(Pkix, RejectsIntegerWithSuperfluousLeadingZero) {
  std::vector<uint8_t> n = from_hex(kRsa2048.n);
  n.insert(n.begin(), 0);
  EXPECT_EQ(parse(parse_pkcs1_public_key, rsa_public_key_der(n, from_hex("00010001"))), Status::DerInvalid);
}

TEST(Pkix, RejectsUnknownAlgorithmOid) {
  std::string x25519 = hex(der_of(kEd25519.spki_pem));
  x25519.replace(x25519.find("2b6570"), 6, "2b656e");  // id-X25519
  EXPECT_EQ(parse(parse_spki, from_hex(x25519)), Status::KeyUnsupported);
}

TEST(Pkix, RefusesEcExplicitParameters) {
  KeyMaterial key;
  EXPECT_EQ(parse_pem(kEcExplicitParametersSpkiPem, key), Status::KeyUnsupported);
  EXPECT_EQ(parse_pem(kEcExplicitParametersPkcs8Pem, key), Status::KeyUnsupported);
}

TEST(Pkix, RefusesSecp256k1) {
  KeyMaterial key;
  EXPECT_EQ(parse_pem(kSecp256k1SpkiPem, key), Status::KeyUnsupported);
  EXPECT_EQ(parse_pem(kSecp256k1Pkcs8Pem, key), Status::KeyUnsupported);
}

TEST(Pkix, RefusesRsaPssKeys) {
  KeyMaterial key;
  EXPECT_EQ(parse_pem(kRsaPssSpkiPem, key), Status::KeyUnsupported);
}

TEST(Pkix, RefusesMultiPrimeRsa) {
  std::string multi_prime = hex(der_of(kRsa2048.pkcs1_pem));
  ASSERT_EQ(multi_prime.substr(8, 6), "020100");
  multi_prime[13] = '1';  // version 1: otherPrimeInfos follow
  EXPECT_EQ(parse(parse_pkcs1_private_key, from_hex(multi_prime)), Status::KeyUnsupported);
}

TEST(Pkix, RefusesEncryptedPem) {
  KeyMaterial key;
  EXPECT_EQ(parse_pem(kEncryptedSec1Pem, key), Status::KeyUnsupported);
  EXPECT_EQ(parse_pem(kEncryptedPkcs8Pem, key), Status::KeyUnsupported);
}

TEST(Pkix, RefusesCompressedEcPoint) {
  std::vector<uint8_t> der;
  DerWriter writer(der);
  const size_t spki = writer.open(DerTag::Sequence);
  const size_t algorithm = writer.open(DerTag::Sequence);
  writer.write(DerTag::ObjectIdentifier, from_hex(kEcPublicKeyOid));
  writer.write(DerTag::ObjectIdentifier, from_hex(kP256Oid));
  writer.close(algorithm);
  writer.write_bit_string(from_hex("02" + std::string(kEcKeys[0].point.substr(2, 64))));
  writer.close(spki);
  EXPECT_EQ(parse(parse_spki, der), Status::KeyUnsupported);
}

TEST(Pkix, AlgorithmParametersMustBeAsSpecified) {
  std::string rsa_without_null = hex(der_of(kRsa2048.spki_pem));
  ASSERT_EQ(rsa_without_null.substr(0, 38), "30820122300d06092a864886f70d0101010500");
  rsa_without_null.replace(0, 38, "30820120300b06092a864886f70d010101");
  EXPECT_EQ(parse(parse_spki, from_hex(rsa_without_null)), Status::DerInvalid);

  std::string ed25519_with_null = hex(der_of(kEd25519.spki_pem));
  ASSERT_EQ(ed25519_with_null.substr(0, 18), "302a300506032b6570");
  ed25519_with_null.replace(0, 18, "302c300706032b65700500");
  EXPECT_EQ(parse(parse_spki, from_hex(ed25519_with_null)), Status::DerInvalid);

  std::string ec_without_curve = hex(der_of(kEcKeys[0].spki_pem));
  ASSERT_EQ(ec_without_curve.substr(0, 52), "3059301306072a8648ce3d020106082a8648ce3d030107034200");
  ec_without_curve.replace(0, 52, "304f300906072a8648ce3d0201034200");
  EXPECT_EQ(parse(parse_spki, from_hex(ec_without_curve)), Status::DerInvalid);
}

TEST(Pkix, RejectsCertificateWithFieldsAfterItsExtensions) {
  const std::vector<uint8_t> original = der_of(kEcP256CertificatePem);
  DerReader reader(original), certificate;
  ByteView tbs, signature_algorithm, signature;
  ASSERT_EQ(reader.enter(DerTag::Sequence, certificate), Status::Ok);
  ASSERT_EQ(certificate.read(DerTag::Sequence, tbs), Status::Ok);
  ASSERT_EQ(certificate.read(DerTag::Sequence, signature_algorithm), Status::Ok);
  ASSERT_EQ(certificate.read(DerTag::BitString, signature), Status::Ok);
  const auto rebuilt = [&](std::string_view extra_tbs_field) {
    std::vector<uint8_t> tbs_contents(tbs.data, tbs.data + tbs.size), fields, der;
    const std::vector<uint8_t> extra = from_hex(extra_tbs_field);
    tbs_contents.insert(tbs_contents.end(), extra.begin(), extra.end());
    DerWriter writer(fields);
    writer.write(DerTag::Sequence, tbs_contents);
    writer.write(DerTag::Sequence, signature_algorithm);
    writer.write(DerTag::BitString, signature);
    DerWriter(der).write(DerTag::Sequence, fields);
    return der;
  };
  ASSERT_EQ(hex(rebuilt("")), hex(original));
  EXPECT_EQ(parse(parse_certificate_public_key, rebuilt("0500")), Status::DerInvalid);
  EXPECT_EQ(parse(parse_certificate_public_key, rebuilt("a30130")), Status::DerInvalid);  // extensions twice
}
