// Two-phase decryption for a host that computes the costly step of key management (issue 18, host
// crypto): begin_decrypt_jwe stops where that step would start, after every check the header
// allows; a host's secret (ECDH-ES's Z, RSA-OAEP's CEK, PBES2's KEK) then stands in for the core's
// own in decrypt_jwe, which runs every step again. A secret of the wrong size, a wrong one,
// X25519's all-zero Z and a secret for an algorithm the host never computes open nothing, and no
// plaintext leaves without a valid tag.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/ecdh.h"
#include "encoding/base64url.h"
#include "crypto/rsa_oaep.h"
#include "crypto/x25519.h"
#include "jwe/pbes2.h"
#include "jwe_support.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

constexpr std::string_view kPlaintext = "what the host never reads";

// Z as a host computes it: the agreement of `key` with the "epk" begin_decrypt_jwe read.
std::vector<uint8_t> host_z(const Key &key, std::string_view token) {
  DecryptedJwe begun;
  EXPECT_EQ(begin_decrypt_jwe(DecryptionKeys{&key, nullptr}, DecryptionPolicy{}, token, begun), Status::Ok);
  std::vector<uint8_t> z;
  if (const auto *ec = key.as<EcPrivateKey>()) {
    z.resize(curve_size(ec->public_key.curve));
    const auto *peer = public_part<EcPublicKey, EcPrivateKey>(begun.header.epk.material());
    EXPECT_EQ(ecdh_shared_secret(*ec, *peer, z.data()), Status::Ok);
  } else {
    const auto *x = key.as<X25519PrivateKey>();
    const auto *peer = public_part<X25519PublicKey, X25519PrivateKey>(begun.header.epk.material());
    z.resize(kX25519KeySize);
    EXPECT_EQ(x25519_shared_secret(x->scalar.view(), ByteView(peer->bytes.data(), peer->bytes.size()), z.data()),
              Status::Ok);
  }
  return z;
}

Decrypted agreed(const Key &key, std::string_view token, ByteView z) {
  DecryptedJwe out;
  const Status status = decrypt_jwe(DecryptionKeys{&key, nullptr, z}, DecryptionPolicy{}, token, out);
  EXPECT_TRUE(status == Status::Ok || out.plaintext.empty()) << status_name(status);
  return Decrypted{status, out.detail, out.plaintext};
}

}  // namespace

// On every curve, in both ECDH-ES modes: the host's Z opens what the core's own agreement opens.
TEST(JweHostAgreement, AHostsZDecryptsAsTheCoresAgreementDoes) {
  for (KeyManagement alg : {KeyManagement::EcdhEs, KeyManagement::EcdhEsA128KW, KeyManagement::EcdhEsA256KW}) {
    for (KeyFamily curve : {KeyFamily::EcP256, KeyFamily::EcP384, KeyFamily::EcP521, KeyFamily::X25519}) {
      const Key key = encryption_key(alg, ContentEncryption::A256Gcm, curve);
      Key public_key;
      const std::string token =
          encrypted(encrypting_key(key, public_key), jwe_header(alg, ContentEncryption::A256Gcm), kPlaintext);
      const std::vector<uint8_t> z = host_z(key, token);
      const Decrypted result = agreed(key, token, z);
      ASSERT_EQ(result.status, Status::Ok) << key_management_name(alg) << " " << key_family_info(curve).name;
      EXPECT_EQ(result.plaintext, kPlaintext);
    }
  }
}

// A Z one byte short or long, one bit wrong, or X25519's all-zero Z: the one decryption failure.
TEST(JweHostAgreement, AWrongZOpensNothing) {
  for (KeyFamily curve : {KeyFamily::EcP256, KeyFamily::X25519}) {
    const Key key = encryption_key(KeyManagement::EcdhEsA256KW, ContentEncryption::A256Gcm, curve);
    Key public_key;
    const std::string token = encrypted(encrypting_key(key, public_key),
                                        jwe_header(KeyManagement::EcdhEsA256KW, ContentEncryption::A256Gcm), kPlaintext);
    std::vector<uint8_t> z = host_z(key, token);
    std::vector<uint8_t> longer = z;
    longer.push_back(0);
    EXPECT_EQ(agreed(key, token, longer).status, Status::JweDecryptionFailed);
    EXPECT_EQ(agreed(key, token, ByteView(z.data(), z.size() - 1)).status, Status::JweDecryptionFailed);
    z[0] ^= 1;
    EXPECT_EQ(agreed(key, token, z).status, Status::JweDecryptionFailed);
    if (curve == KeyFamily::X25519) {
      const std::vector<uint8_t> zeros(kX25519KeySize, 0);
      EXPECT_EQ(agreed(key, token, zeros).status, Status::JweDecryptionFailed);
    }
  }
}

// RSA-OAEP: the CEK as a host recovers it opens the token; a byte more or less, or one bit wrong,
// is the one decryption failure (a random CEK stands in, as for bad padding).
TEST(JweHostAgreement, AHostsRsaOaepCekOfTheWrongSizeOpensNothing) {
  for (ContentEncryption enc : {ContentEncryption::A128Gcm, ContentEncryption::A256CbcHs512}) {
    const Key key = encryption_key(KeyManagement::RsaOaep256, enc);
    Key public_key;
    const std::string token = encrypted(encrypting_key(key, public_key), jwe_header(KeyManagement::RsaOaep256, enc), kPlaintext);
    DecryptedJwe begun;
    ASSERT_EQ(begin_decrypt_jwe(DecryptionKeys{&key, nullptr}, DecryptionPolicy{}, token, begun), Status::Ok);
    std::vector<uint8_t> cek(kMaxContentKeySize + 1);
    size_t cek_size = 0;
    ASSERT_EQ(rsa_oaep_decrypt(OaepHash::Sha256, *key.as<RsaPrivateKey>(), begun.encrypted_key, cek.data(), cek.size(), cek_size),
              Status::Ok);
    ASSERT_EQ(cek_size, content_encryption_info(enc).key_size);
    EXPECT_EQ(agreed(key, token, ByteView(cek.data(), cek_size)).plaintext, kPlaintext);
    EXPECT_EQ(agreed(key, token, ByteView(cek.data(), cek_size + 1)).status, Status::JweDecryptionFailed);
    EXPECT_EQ(agreed(key, token, ByteView(cek.data(), cek_size - 1)).status, Status::JweDecryptionFailed);
    cek[0] ^= 1;
    EXPECT_EQ(agreed(key, token, ByteView(cek.data(), cek_size)).status, Status::JweDecryptionFailed);
  }
}

// RSA-OAEP: the right CEK from a host opens nothing when the encrypted key is not exactly as long
// as the modulus (a leading zero byte added, the last byte cut): hosts left-pad a short one, and the
// core's own decryption refuses both.
TEST(JweHostAgreement, AHostsRsaOaepCekForAnEncryptedKeyNotOfTheModulusLengthOpensNothing) {
  const Key key = encryption_key(KeyManagement::RsaOaep256, ContentEncryption::A128Gcm);
  Key public_key;
  const std::string token =
      encrypted(encrypting_key(key, public_key), jwe_header(KeyManagement::RsaOaep256, ContentEncryption::A128Gcm), kPlaintext);
  DecryptedJwe begun;
  ASSERT_EQ(begin_decrypt_jwe(DecryptionKeys{&key, nullptr}, DecryptionPolicy{}, token, begun), Status::Ok);
  std::vector<uint8_t> cek(kMaxContentKeySize);
  size_t cek_size = 0;
  ASSERT_EQ(rsa_oaep_decrypt(OaepHash::Sha256, *key.as<RsaPrivateKey>(), begun.encrypted_key, cek.data(), cek.size(), cek_size),
            Status::Ok);
  const ByteView right_cek(cek.data(), cek_size);
  ASSERT_EQ(agreed(key, token, right_cek).plaintext, kPlaintext);

  const size_t first_dot = token.find('.');
  const size_t second_dot = token.find('.', first_dot + 1);
  const auto with_encrypted_key = [&](const std::vector<uint8_t> &encrypted_key) {
    std::string part;
    base64url_encode(ByteView(encrypted_key.data(), encrypted_key.size()), part);
    return token.substr(0, first_dot + 1) + part + token.substr(second_dot);
  };
  std::vector<uint8_t> longer{0};
  longer.insert(longer.end(), begun.encrypted_key.begin(), begun.encrypted_key.end());
  const std::vector<uint8_t> shorter(begun.encrypted_key.begin(), begun.encrypted_key.end() - 1);
  EXPECT_EQ(agreed(key, with_encrypted_key(longer), right_cek).status, Status::JweDecryptionFailed);
  EXPECT_EQ(agreed(key, with_encrypted_key(shorter), right_cek).status, Status::JweDecryptionFailed);
}

// PBES2: the KEK as a host derives it opens the token; a byte more or less, or one bit wrong, is
// the one decryption failure.
TEST(JweHostAgreement, AHostsPbes2KekOfTheWrongSizeOpensNothing) {
  for (KeyManagement alg : {KeyManagement::Pbes2Hs256A128KW, KeyManagement::Pbes2Hs512A256KW}) {
    const Key key = encryption_key(alg, ContentEncryption::A128CbcHs256);
    const std::string token = encrypted(key, jwe_header(alg, ContentEncryption::A128CbcHs256, R"(,"p2c":1000)"), kPlaintext);
    DecryptedJwe begun;
    ASSERT_EQ(begin_decrypt_jwe(DecryptionKeys{&key, nullptr}, DecryptionPolicy{}, token, begun), Status::Ok);
    const size_t kek_size = key_management_info(alg).kek_size;
    std::vector<uint8_t> kek(kek_size + 1);
    ASSERT_EQ(pbes2_derive(alg, *key.as<Password>(), begun.header.p2s, begun.header.p2c, kek.data()), Status::Ok);
    EXPECT_EQ(agreed(key, token, ByteView(kek.data(), kek_size)).plaintext, kPlaintext);
    EXPECT_EQ(agreed(key, token, ByteView(kek.data(), kek_size + 1)).status, Status::JweDecryptionFailed);
    EXPECT_EQ(agreed(key, token, ByteView(kek.data(), kek_size - 1)).status, Status::JweDecryptionFailed);
    kek[0] ^= 1;
    EXPECT_EQ(agreed(key, token, ByteView(kek.data(), kek_size)).status, Status::JweDecryptionFailed);
  }
}

// A secret handed in for an algorithm the host never computes (AES key wrapping, "dir") is
// refused, never ignored.
TEST(JweHostAgreement, AnAgreementForAnotherAlgorithmIsRefused) {
  const Key key = encryption_key(KeyManagement::A256KW, ContentEncryption::A256Gcm);
  const std::string token = encrypted(key, jwe_header(KeyManagement::A256KW, ContentEncryption::A256Gcm), kPlaintext);
  const std::vector<uint8_t> z(32, 7);
  EXPECT_EQ(agreed(key, token, z).status, Status::InvalidArgument);
  EXPECT_EQ(decrypted(key, token).status, Status::Ok);
}

// begin stops before the agreement: an "epk" off the curve is refused there (the host is never
// asked), a changed tag is not yet seen (it fails after the agreement, whoever computed it).
TEST(JweHostAgreement, BeginChecksEverythingBeforeTheAgreementAndNothingAfter) {
  const Key key = encryption_key(KeyManagement::EcdhEs, ContentEncryption::A128Gcm);
  Key public_key;
  const std::string token =
      encrypted(encrypting_key(key, public_key), jwe_header(KeyManagement::EcdhEs, ContentEncryption::A128Gcm), kPlaintext);
  std::vector<std::string> parts = jwe_parts(token);
  DecryptedJwe begun;
  const Status status = begin_decrypt_jwe(DecryptionKeys{&key, nullptr}, DecryptionPolicy{}, token, begun);
  ASSERT_EQ(status, Status::Ok);
  EXPECT_TRUE(begun.plaintext.empty());

  parts[4][0] = parts[4][0] == 'A' ? 'B' : 'A';
  const std::string changed_tag = parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3] + "." + parts[4];
  EXPECT_EQ(begin_decrypt_jwe(DecryptionKeys{&key, nullptr}, DecryptionPolicy{}, changed_tag, begun), Status::Ok);
  EXPECT_EQ(agreed(key, changed_tag, host_z(key, token)).status, Status::JweDecryptionFailed);

  std::string header_json = begun.header_json;
  const size_t x = header_json.find("\"x\":\"") + 5;
  header_json[x] = header_json[x] == 'A' ? 'B' : 'A';
  std::string off_curve_header;
  base64url_encode(ByteView(header_json), off_curve_header);
  const std::string off_curve = off_curve_header + token.substr(token.find('.'));
  EXPECT_EQ(begin_decrypt_jwe(DecryptionKeys{&key, nullptr}, DecryptionPolicy{}, off_curve, begun), Status::JweInvalid);
  EXPECT_EQ(begun.detail, "epk");
}

// Where the time went: every ECDH-ES token's "epk" was imported as a key that may verify, and a
// P-256 point's comb table for ECDSA made for it (as long as the agreement itself, in Wasm). A key
// for encryption never verifies: its point is checked on the curve, and nothing is precomputed.
TEST(JweHostAgreement, AnEphemeralKeyIsCheckedButNeverPreparedForVerifying) {
  const Key key = encryption_key(KeyManagement::EcdhEs, ContentEncryption::A128Gcm);
  Key public_key;
  const std::string token =
      encrypted(encrypting_key(key, public_key), jwe_header(KeyManagement::EcdhEs, ContentEncryption::A128Gcm), kPlaintext);
  DecryptedJwe begun;
  ASSERT_EQ(begin_decrypt_jwe(DecryptionKeys{&key, nullptr}, DecryptionPolicy{}, token, begun), Status::Ok);
  const auto *epk = begun.header.epk.as<EcPublicKey>();
  ASSERT_NE(epk, nullptr);
  EXPECT_EQ(epk->verifier.get(), nullptr);
  EXPECT_EQ(key.as<EcPrivateKey>()->public_key.verifier.get(), nullptr);
  // The same point as a signature key is prepared for verifying.
  Key verifying;
  std::string detail;
  ASSERT_EQ(Key::create(KeyMaterial(*epk), KeyUsage{}, verifying, detail), Status::Ok) << detail;
  EXPECT_NE(verifying.as<EcPublicKey>()->verifier.get(), nullptr);
}
