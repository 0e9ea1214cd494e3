// Encryption with ECDH-ES's ephemeral key and agreement made by a host (issue 18, the async
// encryptions): the host's "epk" and Z stand in for the core's own, after every check the sync
// encryption makes. The core takes the "epk" only as a strict public key on the recipient's own
// curve and Z only of that curve's size (not X25519's all-zero Z), writes the "epk" from what it
// read, and refuses a host agreement for an algorithm that agrees on nothing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/ecdh.h"
#include "crypto/x25519.h"
#include "jwe_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

constexpr std::string_view kPlaintext = "what the host never reads";

// What a host gives: a fresh ephemeral key on `recipient`'s curve, its public JWK and Z.
struct HostMade {
  std::string epk;
  std::vector<uint8_t> z;
};

HostMade host_made(const Key &recipient, KeyFamily curve) {
  const Key ephemeral = encryption_key(KeyManagement::EcdhEs, ContentEncryption::A256Gcm, curve);
  HostMade made;
  EXPECT_EQ(write_public_jwk(ephemeral.material(), made.epk), Status::Ok);
  if (const auto *ec = ephemeral.as<EcPrivateKey>()) {
    made.z.resize(curve_size(ec->public_key.curve));
    EXPECT_EQ(ecdh_shared_secret(*ec, *public_part<EcPublicKey, EcPrivateKey>(recipient.material()), made.z.data()),
              Status::Ok);
  } else {
    const auto *peer = public_part<X25519PublicKey, X25519PrivateKey>(recipient.material());
    made.z.resize(kX25519KeySize);
    EXPECT_EQ(x25519_shared_secret(ephemeral.as<X25519PrivateKey>()->scalar.view(),
                                   ByteView(peer->bytes.data(), peer->bytes.size()), made.z.data()),
              Status::Ok);
  }
  return made;
}

Status encrypt_with_host(const Key &key, std::string_view header, std::string_view epk, ByteView z, std::string &token,
                         std::string &detail) {
  return encrypt_jwe(key, header, kPlaintext, TokenLimits{}, HostKeyManagement{epk, z, {}}, token, detail);
}

}  // namespace

// On every curve, in both ECDH-ES modes: the recipient opens what the host's agreement made, and
// the header's "epk" is the host's ephemeral public key.
TEST(JweHostEphemeral, TheRecipientOpensWhatTheHostsAgreementMade) {
  for (KeyManagement alg : {KeyManagement::EcdhEs, KeyManagement::EcdhEsA128KW, KeyManagement::EcdhEsA256KW}) {
    for (KeyFamily curve : {KeyFamily::EcP256, KeyFamily::EcP384, KeyFamily::EcP521, KeyFamily::X25519}) {
      const Key key = encryption_key(alg, ContentEncryption::A256Gcm, curve);
      Key public_key;
      const Key &recipient = encrypting_key(key, public_key);
      const HostMade made = host_made(recipient, curve);
      std::string token, detail;
      ASSERT_EQ(encrypt_with_host(recipient, jwe_header(alg, ContentEncryption::A256Gcm), made.epk, made.z, token, detail),
                Status::Ok)
          << key_management_name(alg) << " " << key_family_info(curve).name << " " << detail;
      const Decrypted result = decrypted(key, token);
      ASSERT_EQ(result.status, Status::Ok) << key_management_name(alg) << " " << key_family_info(curve).name;
      EXPECT_EQ(result.plaintext, kPlaintext);
      DecryptedJwe header;
      ASSERT_EQ(decode_jwe_header(token, TokenLimits{}, header), Status::Ok);
      EXPECT_NE(header.header_json.find("\"epk\":" + made.epk), std::string::npos) << header.header_json;
    }
  }
}

// An "epk" of another curve, with its private key, or not a JWK; a Z a byte short or long; X25519's
// all-zero Z; either half missing: InvalidArgument ("agreement").
TEST(JweHostEphemeral, AnEpkOrZTheCoreCannotTakeIsRefused) {
  const Key key = encryption_key(KeyManagement::EcdhEsA256KW, ContentEncryption::A256Gcm, KeyFamily::EcP256);
  Key recipient;
  ASSERT_EQ(key.public_key(recipient), Status::Ok);
  const std::string header = jwe_header(KeyManagement::EcdhEsA256KW, ContentEncryption::A256Gcm);
  const HostMade made = host_made(recipient, KeyFamily::EcP256);
  const Key p384 = encryption_key(KeyManagement::EcdhEs, ContentEncryption::A256Gcm, KeyFamily::EcP384);
  std::string p384_epk, private_epk;
  ASSERT_EQ(write_public_jwk(p384.material(), p384_epk), Status::Ok);
  ASSERT_EQ(export_jwk(key, true, private_epk), Status::Ok);
  std::vector<uint8_t> longer = made.z;
  longer.push_back(0);
  const std::vector<uint8_t> z48(48, 1);

  const struct {
    const char *what;
    std::string_view epk;
    ByteView z;
  } refused[] = {
      {"an epk of another curve", p384_epk, made.z},
      {"an epk of another curve, with a Z of its size", p384_epk, ByteView(z48.data(), z48.size())},
      {"an epk with a private key", private_epk, made.z},
      {"an epk that is not a JWK", "{\"kty\":\"EC\"}", made.z},
      {"a Z a byte short", made.epk, ByteView(made.z.data(), made.z.size() - 1)},
      {"a Z a byte long", made.epk, longer},
      {"no Z", made.epk, {}},
      {"no epk", "", made.z},
  };
  for (const auto &[what, epk, z] : refused) {
    std::string token, detail;
    EXPECT_EQ(encrypt_with_host(recipient, header, epk, z, token, detail), Status::InvalidArgument) << what;
    EXPECT_EQ(detail, "agreement") << what;
  }

  const Key x_key = encryption_key(KeyManagement::EcdhEs, ContentEncryption::A128Gcm, KeyFamily::X25519);
  Key x_recipient;
  ASSERT_EQ(x_key.public_key(x_recipient), Status::Ok);
  const HostMade x_made = host_made(x_recipient, KeyFamily::X25519);
  const std::vector<uint8_t> zeros(kX25519KeySize, 0);
  std::string token, detail;
  EXPECT_EQ(encrypt_with_host(x_recipient, jwe_header(KeyManagement::EcdhEs, ContentEncryption::A128Gcm), x_made.epk,
                              zeros, token, detail),
            Status::InvalidArgument);
}

// A host agreement for an algorithm without one is refused, never ignored; the sync encryption's
// own checks come first, with their statuses.
TEST(JweHostEphemeral, AnAgreementForAnotherAlgorithmIsRefusedAfterTheSyncChecks) {
  const Key aes = encryption_key(KeyManagement::A256KW, ContentEncryption::A256Gcm);
  const Key key = encryption_key(KeyManagement::EcdhEsA256KW, ContentEncryption::A256Gcm, KeyFamily::EcP256);
  Key recipient;
  ASSERT_EQ(key.public_key(recipient), Status::Ok);
  const HostMade made = host_made(recipient, KeyFamily::EcP256);
  std::string token, detail;
  EXPECT_EQ(encrypt_with_host(aes, jwe_header(KeyManagement::A256KW, ContentEncryption::A256Gcm), made.epk, made.z, token,
                              detail),
            Status::InvalidArgument);
  EXPECT_EQ(detail, "agreement");
  EXPECT_EQ(encrypt_with_host(recipient, jwe_header(KeyManagement::EcdhEsA256KW, ContentEncryption::A256Gcm, R"(,"zip":"DEF")"),
                              made.epk, made.z, token, detail),
            Status::AlgNotSupported);
  EXPECT_EQ(encrypt_with_host(recipient, jwe_header(KeyManagement::A256KW, ContentEncryption::A256Gcm), made.epk, made.z,
                              token, detail),
            Status::AlgNotAllowed);
}
