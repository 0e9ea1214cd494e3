// Key formats: every import and export form through the one dispatch the bindings use.
#include "keys/formats.h"

#include <gtest/gtest.h>

#include "encoding/pem.h"
#include "keys/jwk.h"
#include "pkix_fixtures.h"
#include "test_support.h"
#include "token_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

std::vector<uint8_t> der_of(std::string_view pem) {
  std::string_view label;
  std::vector<uint8_t> der;
  EXPECT_EQ(pem_decode(pem, label, der), Status::Ok);
  return der;
}

std::string exported(const Key &key, KeyExportFormat format) {
  std::string out;
  EXPECT_EQ(export_key(key, format, out), Status::Ok);
  return out;
}

}  // namespace

TEST(KeyFormats, ImportsEveryFormat) {
  EXPECT_EQ(imported(KeyImportFormat::Secret, std::vector<uint8_t>(32, 1)).family(), KeyFamily::Hmac);
  EXPECT_EQ(imported(KeyImportFormat::Jwk, std::string_view(R"({"kty":"oct","k":")" + b64(std::string(32, 'k')) + "\"}"))
                .family(),
            KeyFamily::Hmac);
  EXPECT_EQ(imported(KeyImportFormat::Pem, kRsa2048.pkcs1_pem).family(), KeyFamily::Rsa);
  EXPECT_EQ(imported(KeyImportFormat::Pem, kEcKeys[1].sec1_pem).family(), KeyFamily::EcP384);
  EXPECT_EQ(imported(KeyImportFormat::SpkiDer, der_of(kEd25519.spki_pem)).family(), KeyFamily::Ed25519);
  EXPECT_TRUE(imported(KeyImportFormat::Pkcs8Der, der_of(kEcKeys[2].pkcs8_pem)).can_sign());
  EXPECT_EQ(imported(KeyImportFormat::CertificateDer, der_of(kRsa2048.certificate_pem)).family(), KeyFamily::Rsa);
}

TEST(KeyFormats, EachFormatReadsOnlyItsOwnForm) {
  Key key;
  std::string detail;
  EXPECT_EQ(import_key(KeyImportFormat::SpkiDer, der_of(kEd25519.pkcs8_pem), {}, key, detail), Status::DerInvalid);
  EXPECT_EQ(import_key(KeyImportFormat::Pkcs8Der, der_of(kEd25519.spki_pem), {}, key, detail), Status::DerInvalid);
  EXPECT_EQ(import_key(KeyImportFormat::Pem, der_of(kEd25519.spki_pem), {}, key, detail), Status::PemInvalid);
  EXPECT_EQ(import_key(KeyImportFormat::Jwk, ByteView(kEd25519.spki_pem), {}, key, detail), Status::JsonInvalid);
}

TEST(KeyFormats, AlgBindsEveryFormatAndFailuresAreNamed) {
  EXPECT_EQ(imported(KeyImportFormat::Pem, kRsa2048.spki_pem, "PS384").usage().alg, "PS384");
  Key key;
  std::string detail;
  EXPECT_EQ(import_key(KeyImportFormat::Pem, ByteView(kRsa2048.spki_pem), "ES256", key, detail), Status::JwkInvalid);
  EXPECT_EQ(detail, "alg");
  EXPECT_EQ(import_key(KeyImportFormat::Secret, std::vector<uint8_t>(31, 1), {}, key, detail), Status::KeyTooShort);
  EXPECT_EQ(detail, "k");
  EXPECT_EQ(import_key(KeyImportFormat::Secret, ByteView(kRsa2048.spki_pem), {}, key, detail), Status::KeyUsageRefused);
  EXPECT_EQ(detail, "k");
  // The detail is the latest call's alone.
  EXPECT_EQ(import_key(KeyImportFormat::Pem, ByteView(kEcKeys[0].spki_pem), {}, key, detail), Status::Ok);
  EXPECT_EQ(detail, "");
}

TEST(KeyFormats, ExportsEveryFormTheKeyHas) {
  const Key ed25519 = imported(KeyImportFormat::Pem, kEd25519.pkcs8_pem);
  EXPECT_EQ(exported(ed25519, KeyExportFormat::SpkiPem), kEd25519.spki_pem);
  EXPECT_EQ(exported(ed25519, KeyExportFormat::Pkcs8Pem), kEd25519.pkcs8_pem);
  EXPECT_EQ(exported(ed25519, KeyExportFormat::JwkPublic), R"({"crv":"Ed25519","kty":"OKP","x":")" +
                                                               base64url_of_hex(kEd25519.public_key) +
                                                               "\"}");
  const std::string private_jwk = exported(ed25519, KeyExportFormat::JwkPrivate);
  EXPECT_EQ(exported(imported(KeyImportFormat::Jwk, private_jwk), KeyExportFormat::Pkcs8Pem), kEd25519.pkcs8_pem);

  std::string out = "unchanged";
  EXPECT_EQ(export_key(imported(KeyImportFormat::Pem, kRsa2048.spki_pem), KeyExportFormat::Pkcs8Pem, out),
            Status::KeyUsageRefused);
  EXPECT_EQ(export_key(secret_key(32), KeyExportFormat::SpkiPem, out), Status::KeyUsageRefused);
  EXPECT_EQ(export_key(secret_key(32), KeyExportFormat::JwkPublic, out), Status::KeyUsageRefused);
  EXPECT_EQ(out, "unchanged");
}
