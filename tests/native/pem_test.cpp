#include "encoding/pem.h"

#include <gtest/gtest.h>

#include "pkix_fixtures.h"
#include "test_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

// "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAkSg+99SEP4oYi8lg85y0BnPiH1pe7KUv5M6A/MZnBww=\n-----END…"
constexpr std::string_view kPem = kEd25519.spki_pem;

Status decode(std::string_view text) {
  std::string_view label;
  std::vector<uint8_t> der;
  return pem_decode(text, label, der);
}

// `text` with its first `from` replaced by `to`.
std::string replaced(std::string_view text, std::string_view from, std::string_view to) {
  std::string result(text);
  const size_t at = result.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? result : result.replace(at, from.size(), to);
}

}  // namespace

TEST(Pem, DecodesOpensslOutput) {
  std::string_view label;
  std::vector<uint8_t> der;
  ASSERT_EQ(pem_decode(kPem, label, der), Status::Ok);
  EXPECT_EQ(label, "PUBLIC KEY");
  EXPECT_EQ(to_hex(der.data(), der.size()), kEd25519SpkiDerHex);
}

TEST(Pem, EncodesExactlyAsOpenssl) {
  const std::string_view texts[] = {
      kRsa2048.pkcs8_pem, kRsa2048.pkcs1_pem, kRsa2048.spki_pem, kRsa2048.pkcs1_public_pem,
      kRsa2048.certificate_pem, kEcKeys[0].pkcs8_pem, kEcKeys[1].sec1_pem, kEcKeys[2].spki_pem,
      kEcP256CertificatePem, kEd25519.pkcs8_pem, kEd25519.spki_pem,
  };
  for (const std::string_view text : texts) {
    std::string_view label;
    std::vector<uint8_t> der;
    ASSERT_EQ(pem_decode(text, label, der), Status::Ok) << text;
    std::string encoded;
    pem_encode(label, der, encoded);
    EXPECT_EQ(encoded, text);
  }
  std::string empty;
  pem_encode("X", {}, empty);
  EXPECT_EQ(empty, "-----BEGIN X-----\n-----END X-----\n");
}

TEST(Pem, IgnoresTextAroundTheBlockAndAcceptsCrlf) {
  EXPECT_EQ(decode("Subject: CN=x\nissuer=y\n" + std::string(kPem) + "trailing words\n"), Status::Ok);
  std::string crlf;
  for (const char c : kPem) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(decode(crlf), Status::Ok);
  EXPECT_EQ(decode(replaced(kPem, "Bww=\n", "Bww= \t\n")), Status::Ok);  // whitespace at a line's end
  EXPECT_EQ(decode(kPem.substr(0, kPem.size() - 1)), Status::Ok);  // no final line break
}

TEST(Pem, RejectsMismatchedLabels) {
  EXPECT_EQ(decode(replaced(kPem, "END PUBLIC KEY", "END PRIVATE KEY")), Status::PemInvalid);
  EXPECT_EQ(decode(replaced(kPem, "END PUBLIC KEY", "END PUBLIC  KEY")), Status::PemInvalid);
}

TEST(Pem, RejectsASecondBlock) {
  EXPECT_EQ(decode(std::string(kPem) + std::string(kPem)), Status::PemInvalid);
  EXPECT_EQ(decode(std::string(kPem) + "\n" + std::string(kEcKeys[0].spki_pem)), Status::PemInvalid);
}

TEST(Pem, RejectsCharactersOutsideTheAlphabet) {
  using namespace std::string_view_literals;
  for (const std::string_view bad : {"MCow*"sv, "MCow-"sv, "MCow_"sv, "MCo B"sv, " MCow"sv, "MCo\tB"sv, "MCo\0B"sv}) {
    EXPECT_EQ(decode(replaced(kPem, "MCowB", bad)), Status::PemInvalid) << bad;
  }
}

TEST(Pem, RejectsBadPadding) {
  EXPECT_EQ(decode(replaced(kPem, "Bww=", "Bww")), Status::PemInvalid);     // missing
  EXPECT_EQ(decode(replaced(kPem, "Bww=", "Bww==")), Status::PemInvalid);   // one too many
  EXPECT_EQ(decode(replaced(kPem, "MCow", "MC=w")), Status::PemInvalid);    // in the middle
  EXPECT_EQ(decode(replaced(kPem, "Bww=\n", "Bww=\nAAAA\n")), Status::PemInvalid);  // data after it
  EXPECT_EQ(decode(replaced(kPem, "Bww=", "Bwx=")), Status::PemInvalid);    // non-zero unused bits
  EXPECT_EQ(decode(replaced(kPem, "Bww=", "Bww=\n")), Status::Ok);          // a blank line is whitespace
}

TEST(Pem, EncryptedPemIsUnsupported) {
  EXPECT_EQ(decode(kEncryptedSec1Pem), Status::KeyUnsupported);
}

TEST(Pem, RejectsTextOverTheSizeBound) {
  const std::string at_limit = std::string(kMaxPemTextSize - kPem.size(), '\n') + std::string(kPem);
  EXPECT_EQ(decode(at_limit), Status::Ok);
  EXPECT_EQ(decode("\n" + at_limit), Status::PemInvalid);
  std::string huge = "-----BEGIN PUBLIC KEY-----\n";
  const std::string line = std::string(64, 'A') + "\n";
  while (huge.size() < 10 * 1024 * 1024) huge += line;
  huge += "-----END PUBLIC KEY-----\n";
  EXPECT_EQ(decode(huge), Status::PemInvalid);
}

TEST(Pem, RejectsMalformedMarkers) {
  EXPECT_EQ(decode(""), Status::PemInvalid);
  EXPECT_EQ(decode("no block here\n"), Status::PemInvalid);
  EXPECT_EQ(decode("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n"), Status::PemInvalid);  // empty
  EXPECT_EQ(decode(replaced(kPem, "-----\nMCow", "----\nMCow")), Status::PemInvalid);
  EXPECT_EQ(decode(replaced(kPem, "BEGIN PUBLIC KEY", "BEGIN  PUBLIC KEY")), Status::PemInvalid);
  EXPECT_EQ(decode(replaced(kPem, "BEGIN PUBLIC KEY", "BEGIN ")), Status::PemInvalid);
  EXPECT_EQ(decode("x" + std::string(kPem)), Status::PemInvalid);  // BEGIN must start a line
  EXPECT_EQ(decode(replaced(kPem, "-----END PUBLIC KEY-----", "")), Status::PemInvalid);
}
