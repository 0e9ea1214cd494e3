// Compact JWE (src/jwe/): every "alg" with every "enc" round trips, on every curve ECDH-ES runs on;
// and the attacks issue 18 names, each its own test: invalid-curve ephemeral keys, PBES2's bounds,
// exact IV and tag lengths, one failure code for every wrong key, size and changed part (with a
// random CEK when unwrapping fails), compression refused, bounded sizes, keys of the other kind
// refused, exactly five parts.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>

#include "jwe/content.h"
#include "jwe/key_management.h"
#include "jwe_support.h"
#include "pkix_fixtures.h"
#include "test_support.h"
#include "x25519_keys.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

constexpr std::string_view kPlaintext = "The true sign of intelligence is not knowledge but imagination.";

class JweRoundTrip : public ::testing::TestWithParam<std::tuple<unsigned, unsigned>> {};

std::string round_trip_name(const ::testing::TestParamInfo<std::tuple<unsigned, unsigned>> &info) {
  std::string name = std::string(key_management_name(static_cast<KeyManagement>(std::get<0>(info.param)))) + "_" +
                     std::string(content_encryption_name(static_cast<ContentEncryption>(std::get<1>(info.param))));
  for (char &c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

}  // namespace

// What encrypt makes, decrypt opens, to the same bytes, for every alg × enc (and for ECDH-ES on every
// curve), from the public key where there is one; the empty plaintext too.
TEST_P(JweRoundTrip, EncryptsAndDecrypts) {
  const auto alg = static_cast<KeyManagement>(std::get<0>(GetParam()));
  const auto enc = static_cast<ContentEncryption>(std::get<1>(GetParam()));
  std::vector<KeyFamily> curves = {KeyFamily::EcP256};
  if (is_key_agreement(alg)) curves = {KeyFamily::EcP256, KeyFamily::EcP384, KeyFamily::EcP521, KeyFamily::X25519};
  for (KeyFamily curve : curves) {
    const Key key = encryption_key(alg, enc, curve);
    Key public_key;
    const Key &encrypting = encrypting_key(key, public_key);
    for (std::string_view plaintext : {kPlaintext, std::string_view()}) {
      const std::string token = encrypted(encrypting, jwe_header(alg, enc, R"(,"kid":"k1")"), plaintext);
      const Decrypted result = decrypted(key, token);
      ASSERT_EQ(result.status, Status::Ok) << key_family_info(curve).name << " " << result.detail;
      EXPECT_EQ(result.plaintext, plaintext);
      EXPECT_EQ(jwe_parts(token).size(), 5u);
    }
    // Another key of the same kind opens nothing.
    const std::string token = encrypted(encrypting, jwe_header(alg, enc), kPlaintext);
    EXPECT_EQ(decrypted(another_encryption_key(alg, enc, curve), token).status, Status::JweDecryptionFailed);
  }
}

INSTANTIATE_TEST_SUITE_P(EveryAlgAndEnc, JweRoundTrip,
                         ::testing::Combine(::testing::Range(0u, kKeyManagementCount),
                                            ::testing::Range(0u, kContentEncryptionCount)),
                         round_trip_name);

namespace {

// An EC fixture's public point as an "epk" JWK, its y changed by `y_delta` in its last byte.
std::string ec_epk(const EcFixture &fixture, int y_delta = 0) {
  std::vector<uint8_t> point = from_hex(fixture.point);
  const size_t size = curve_size(fixture.curve);
  point.back() = static_cast<uint8_t>(point.back() + y_delta);
  return R"({"kty":"EC","crv":")" + std::string(curve_info(fixture.curve).name) + R"(","x":")" +
         b64url(ByteView(point.data() + 1, size)) + R"(","y":")" + b64url(ByteView(point.data() + 1 + size, size)) +
         "\"}";
}

EcPrivateKey ec_private(const EcFixture &fixture) {
  EcPrivateKey key;
  key.public_key.curve = fixture.curve;
  key.scalar = SecretBytes(from_hex(fixture.scalar));
  return key;
}

// `token` with its protected header replaced by `header` (which changes the AAD as well).
std::string with_header(std::string_view token, std::string_view header) {
  std::vector<std::string> parts = jwe_parts(token);
  parts[0] = b64url(header);
  return joined(parts);
}

void expect_refused(const Decrypted &result, Status status, std::string_view detail) {
  EXPECT_EQ(result.status, status) << result.detail;
  EXPECT_EQ(result.detail, detail);
}

// The keys the attacks are tried against, with a token each made for them.
struct Target {
  KeyManagement alg;
  ContentEncryption enc;
  KeyFamily curve;
};

constexpr Target kTargets[] = {
    {KeyManagement::Dir, ContentEncryption::A128Gcm, KeyFamily::EcP256},
    {KeyManagement::Dir, ContentEncryption::A256CbcHs512, KeyFamily::EcP256},
    {KeyManagement::A128KW, ContentEncryption::A128CbcHs256, KeyFamily::EcP256},
    {KeyManagement::A256GCMKW, ContentEncryption::A256Gcm, KeyFamily::EcP256},
    {KeyManagement::EcdhEs, ContentEncryption::A192Gcm, KeyFamily::EcP384},
    {KeyManagement::EcdhEsA128KW, ContentEncryption::A128Gcm, KeyFamily::X25519},
    {KeyManagement::EcdhEsA256KW, ContentEncryption::A192CbcHs384, KeyFamily::EcP521},
    {KeyManagement::RsaOaep256, ContentEncryption::A128Gcm, KeyFamily::EcP256},
    {KeyManagement::RsaOaep, ContentEncryption::A256CbcHs512, KeyFamily::EcP256},
    {KeyManagement::Pbes2Hs256A128KW, ContentEncryption::A128CbcHs256, KeyFamily::EcP256},
};

std::string target_name(const Target &target) {
  return std::string(key_management_name(target.alg)) + " " + std::string(content_encryption_name(target.enc)) + " " +
         std::string(key_family_info(target.curve).name);
}

}  // namespace

// Invalid-curve attacks: an ephemeral key whose point is off its curve (y changed), of another curve
// than the recipient's, or the point at infinity (which no JWK can carry: its nearest encodings,
// the all-zero coordinates and X25519's u = 0, are off the curve or of small order) is refused
// as the header is read, before any multiplication, whatever else the token holds.
TEST(Jwe, EcdhEsRefusesEphemeralKeysOffTheCurveOfAnotherCurveOrAtInfinity) {
  const Key recipient = encryption_key_of(ec_private(kEcKeys[0]));
  Key recipient_public;
  const std::string token = encrypted(encrypting_key(recipient, recipient_public),
                                      jwe_header(KeyManagement::EcdhEs, ContentEncryption::A128Gcm), kPlaintext);
  const std::string zeros = b64url(std::vector<uint8_t>(32, 0));
  const std::string epks[] = {
      ec_epk(kEcKeys[0], 1),                                                             // off the curve
      ec_epk(kEcKeys[0], -1),
      R"({"kty":"EC","crv":"P-256","x":")" + zeros + R"(","y":")" + zeros + "\"}",       // "infinity"
      R"({"kty":"OKP","crv":"X25519","x":")" + zeros + "\"}",                           // u = 0
      R"({"kty":"OKP","crv":"X25519","x":")" + b64url(from_hex(kSmallOrder[2])) + "\"}",  // order 8
      R"({"kty":"EC","crv":"P-256","x":"AA","y":"AA"})",
      R"({"kty":"EC","crv":"secp256k1","x":")" + zeros + R"(","y":")" + zeros + "\"}",
      ec_epk(kEcKeys[0]).insert(1, R"("d":")" + b64url(from_hex(kEcKeys[0].scalar)) + "\","),  // a private key
      R"("not an object")",
  };
  for (const std::string &epk : epks) {
    const std::string header = R"({"alg":"ECDH-ES","enc":"A128GCM","epk":)" + epk + "}";
    expect_refused(decrypted(recipient, with_header(token, header)), Status::JweInvalid, "epk");
  }
  // A valid point of another curve: refused for this key, and no key of a set matches it.
  const std::string other_curve = R"({"alg":"ECDH-ES","enc":"A128GCM","epk":)" + ec_epk(kEcKeys[1]) + "}";
  expect_refused(decrypted(recipient, with_header(token, other_curve)), Status::JweInvalid, "epk");
  const Key x25519 = encryption_key(KeyManagement::EcdhEs, ContentEncryption::A128Gcm, KeyFamily::X25519);
  expect_refused(decrypted(x25519, with_header(token, other_curve)), Status::JweInvalid, "epk");
  // The unchanged point, for contrast, reaches decryption (and fails only there: the header changed).
  const std::string same = R"({"alg":"ECDH-ES","enc":"A128GCM","epk":)" + ec_epk(kEcKeys[0]) + "}";
  expect_refused(decrypted(recipient, with_header(token, same)), Status::JweDecryptionFailed, "");
}

// PBES2: a token may make the recipient iterate at most the policy's bound (10,000 by default, and
// never more than PBKDF2's own ceiling whatever the policy says); p2s must carry 8 bytes or more;
// p2c must be a whole number from 1; a producer never iterates fewer than 1,000 times.
TEST(Jwe, Pbes2CountIsBoundedAndSaltInputIsAtLeast8Bytes) {
  const Key password = encryption_key_of(Password(SecretBytes(std::string_view(kPbes2Password))), "PBES2-HS256+A128KW");
  const auto header = [](std::string_view extra) {
    return jwe_header(KeyManagement::Pbes2Hs256A128KW, ContentEncryption::A128Gcm, extra);
  };
  const std::string over = encrypted(password, header(R"(,"p2c":10001)"), kPlaintext);
  expect_refused(decrypted(password, over), Status::JweInvalid, "p2c");
  DecryptionPolicy raised;
  raised.max_pbes2_count = 10'001;
  EXPECT_EQ(decrypted(password, over, raised).status, Status::Ok);
  EXPECT_EQ(decrypted(password, encrypted(password, header(R"(,"p2c":10000)"), kPlaintext)).status, Status::Ok);
  // Above PBKDF2's ceiling no policy helps.
  DecryptionPolicy unbounded;
  unbounded.max_pbes2_count = UINT32_MAX;
  const std::string salt = R"(,"p2s":")" + b64url(std::string_view("12345678")) + "\"";
  expect_refused(decrypted(password, with_header(over, header(salt + R"(,"p2c":1000001)")), unbounded), Status::JweInvalid,
                 "p2c");

  // The default: 10,000 iterations and a 16-byte salt input, written into the header.
  DecryptedJwe out;
  ASSERT_EQ(decrypt_jwe(DecryptionKeys{&password, nullptr}, DecryptionPolicy{},
                        encrypted(password, header(""), kPlaintext), out),
            Status::Ok);
  EXPECT_EQ(out.header.p2c, 10'000u);
  EXPECT_EQ(out.header.p2s.size(), 16u);

  std::string token, detail;
  for (std::string_view p2s : {std::string_view("1234567"), std::string_view("")}) {
    const std::string short_salt = R"(,"p2s":")" + b64url(p2s) + R"(","p2c":2000)";
    expect_refused(decrypted(password, with_header(over, header(short_salt))), Status::JweInvalid, "p2s");
    EXPECT_EQ(encrypt_jwe(password, header(short_salt), kPlaintext, TokenLimits{}, token, detail), Status::JweInvalid);
  }
  EXPECT_EQ(decrypted(password, encrypted(password, header(salt + R"(,"p2c":2000)"), kPlaintext)).status, Status::Ok);
  for (std::string_view p2c : {"0", "-1", "1.5", "\"8192\"", "4294967296", "null"}) {
    expect_refused(decrypted(password, with_header(over, header(salt + ",\"p2c\":" + std::string(p2c)))),
                   Status::JweInvalid, "p2c");
  }
  EXPECT_EQ(encrypt_jwe(password, header(R"(,"p2c":999)"), kPlaintext, TokenLimits{}, token, detail),
            Status::InvalidArgument);
}

// The IV and tag of the content and of AES-GCM key wrapping have exactly their algorithm's lengths:
// a tag that is a true GCM tag's prefix (which a lenient GCM would accept) and an IV of another
// length are refused with the one code. (jose_jwe_test.cpp adds node:crypto-made tokens that are
// valid GCM with 128-bit IVs.)
TEST(Jwe, GcmIvAndTagHaveExactLengths) {
  for (KeyManagement alg : {KeyManagement::Dir, KeyManagement::A128GCMKW}) {
    const Key key = encryption_key(alg, ContentEncryption::A128Gcm);
    const std::string token = encrypted(key, jwe_header(alg, ContentEncryption::A128Gcm), kPlaintext);
    const std::vector<std::string> parts = jwe_parts(token);
    const std::vector<uint8_t> iv = from_base64url(parts[2]), tag = from_base64url(parts[4]);
    for (size_t size : {12, 15}) {  // truncated tags
      std::vector<std::string> changed = parts;
      changed[4] = b64url(ByteView(tag.data(), size));
      expect_refused(decrypted(key, joined(changed)), Status::JweDecryptionFailed, "");
    }
    for (size_t size : {11, 16, 0}) {
      std::vector<uint8_t> other_iv = iv;
      other_iv.resize(size, 0);
      std::vector<std::string> changed = parts;
      changed[2] = b64url(other_iv);
      expect_refused(decrypted(key, joined(changed)), Status::JweDecryptionFailed, "");
    }
  }
  // The key-wrapping tag in the header, truncated: the header is then another AAD, so the token is
  // made again whole around it, and still fails only for the tag's length.
  const Key kek = encryption_key(KeyManagement::A128GCMKW, ContentEncryption::A128Gcm);
  DecryptedJwe made;
  const std::string token = encrypted(kek, jwe_header(KeyManagement::A128GCMKW, ContentEncryption::A128Gcm), kPlaintext);
  ASSERT_EQ(decrypt_jwe(DecryptionKeys{&kek, nullptr}, DecryptionPolicy{}, token, made), Status::Ok);
  uint8_t cek[16];
  ASSERT_EQ(recover_cek(kek, made.header, made.encrypted_key, cek), Status::Ok);
  const std::string truncated = R"({"alg":"A128GCMKW","enc":"A128GCM","iv":")" + b64url(made.header.iv) + R"(","tag":")" +
                                b64url(ByteView(made.header.tag.data(), 12)) + "\"}";
  const std::string aad = b64url(truncated);
  std::vector<uint8_t> ciphertext, tag;
  ASSERT_EQ(encrypt_content(ContentEncryption::A128Gcm, ByteView(cek, 16), made.iv, aad, kPlaintext, ciphertext, tag),
            Status::Ok);
  const std::string rebuilt = joined({aad, b64url(made.encrypted_key), b64url(made.iv), b64url(ciphertext), b64url(tag)});
  expect_refused(decrypted(kek, rebuilt), Status::JweDecryptionFailed, "");
}

// CBC-HMAC: a tag of another length (a true tag's first half, as a lenient comparison would take)
// fails like a wrong one; a wrong tag fails the same way whether or not the padding would have
// held, as the tag is checked (in constant time) before anything is decrypted.
TEST(Jwe, CbcHmacTagIsWholeAndCheckedBeforeDecryption) {
  const Key key = encryption_key(KeyManagement::Dir, ContentEncryption::A256CbcHs512);
  const std::string token = encrypted(key, jwe_header(KeyManagement::Dir, ContentEncryption::A256CbcHs512), kPlaintext);
  std::vector<std::string> parts = jwe_parts(token);
  const std::vector<uint8_t> tag = from_base64url(parts[4]);
  parts[4] = b64url(ByteView(tag.data(), 16));
  expect_refused(decrypted(key, joined(parts)), Status::JweDecryptionFailed, "");
  parts = jwe_parts(token);
  parts[4] = with_bit_flipped(parts[4]);
  const Decrypted wrong_tag = decrypted(key, joined(parts));
  parts[3] = with_bit_flipped(parts[3], 8 * (from_base64url(parts[3]).size() - 1));  // the padding's last block
  const Decrypted wrong_tag_and_padding = decrypted(key, joined(parts));
  expect_refused(wrong_tag, Status::JweDecryptionFailed, "");
  expect_refused(wrong_tag_and_padding, Status::JweDecryptionFailed, "");
}

// One code for everything wrong that only the key could tell: a wrong key; a header, encrypted
// key, IV, ciphertext or tag with one bit changed; another "enc" in the header (a CEK of another
// size). No detail says which, no plaintext comes out.
TEST(Jwe, EveryWrongKeySizeOrChangedPartFailsWithOneCode) {
  for (const Target &target : kTargets) {
    SCOPED_TRACE(target_name(target));
    const Key key = encryption_key(target.alg, target.enc, target.curve);
    Key public_key;
    const std::string token = encrypted(encrypting_key(key, public_key), jwe_header(target.alg, target.enc), kPlaintext);
    ASSERT_EQ(decrypted(key, token).status, Status::Ok);
    expect_refused(decrypted(another_encryption_key(target.alg, target.enc, target.curve), token),
                   Status::JweDecryptionFailed, "");
    const std::vector<std::string> parts = jwe_parts(token);
    for (size_t part = 1; part < 5; ++part) {
      if (parts[part].empty()) continue;  // "dir" and ECDH-ES have no encrypted key
      for (size_t bit : {size_t{0}, size_t{7}, 8 * from_base64url(parts[part]).size() - 1}) {
        std::vector<std::string> changed = parts;
        changed[part] = with_bit_flipped(parts[part], bit);
        expect_refused(decrypted(key, joined(changed)), Status::JweDecryptionFailed, "");
      }
    }
    // An encrypted key where there is none to unwrap.
    if (parts[1].empty()) {
      std::vector<std::string> changed = parts;
      changed[1] = b64url(std::vector<uint8_t>(24, 1));
      expect_refused(decrypted(key, joined(changed)), Status::JweDecryptionFailed, "");
    }
    // The header with a member added, and with another "enc" (another CEK size).
    DecryptedJwe out;
    ASSERT_EQ(decrypt_jwe(DecryptionKeys{&key, nullptr}, DecryptionPolicy{}, token, out), Status::Ok);
    std::string header = out.header_json;
    header.insert(1, R"("x":1,)");
    expect_refused(decrypted(key, with_header(token, header)), Status::JweDecryptionFailed, "");
    const std::string enc = R"("enc":")" + std::string(content_encryption_name(target.enc)) + "\"";
    const std::string other_enc = target.enc == ContentEncryption::A128Gcm ? R"("enc":"A256GCM")" : R"("enc":"A128GCM")";
    header = out.header_json;
    header.replace(header.find(enc), enc.size(), other_enc);
    expect_refused(decrypted(key, with_header(token, header)), Status::JweDecryptionFailed, "");
  }
}

// RFC 7516 §11.5: where the CEK is unwrapped or decrypted, a failure gives a random CEK of the
// right size instead of an error, so that it shows only at the content tag, after the same work.
TEST(Jwe, AFailedUnwrapGivesARandomCek) {
  for (const Target &target : kTargets) {
    const KeyManagementMode mode = key_management_mode(target.alg);
    if (mode == KeyManagementMode::Direct || mode == KeyManagementMode::EcdhEs) continue;
    SCOPED_TRACE(target_name(target));
    const Key key = encryption_key(target.alg, target.enc, target.curve);
    Key public_key;
    DecryptedJwe out;
    const std::string token = encrypted(encrypting_key(key, public_key), jwe_header(target.alg, target.enc), kPlaintext);
    ASSERT_EQ(decrypt_jwe(DecryptionKeys{&key, nullptr}, DecryptionPolicy{}, token, out), Status::Ok);
    const size_t size = content_encryption_info(target.enc).key_size;
    std::vector<uint8_t> right(size), first(size), second(size);
    ASSERT_EQ(recover_cek(key, out.header, out.encrypted_key, right.data()), Status::Ok);
    std::vector<uint8_t> tampered = out.encrypted_key;
    tampered[tampered.size() / 2] ^= 0x40;
    for (std::vector<uint8_t> *cek : {&first, &second}) {
      EXPECT_EQ(recover_cek(key, out.header, tampered, cek->data()), Status::Ok);
      EXPECT_NE(*cek, right);
    }
    EXPECT_NE(first, second);  // drawn afresh each time
    // An encrypted key of another length, or none, the same.
    for (size_t length : {size_t{0}, tampered.size() + 8, tampered.size() - 8}) {
      std::vector<uint8_t> other(length, 0x77);
      EXPECT_EQ(recover_cek(key, out.header, other, first.data()), Status::Ok);
      EXPECT_NE(first, right);
    }
  }
}

// Compression is refused, in a token and in a producer's header: its output length depends on the
// secret plaintext (RFC 8725 §3.6), and decompression multiplies what an attacker sends.
TEST(Jwe, ZipIsRefused) {
  const Key key = encryption_key(KeyManagement::Dir, ContentEncryption::A128Gcm);
  const std::string token = encrypted(key, jwe_header(KeyManagement::Dir, ContentEncryption::A128Gcm), kPlaintext);
  const std::string zipped = jwe_header(KeyManagement::Dir, ContentEncryption::A128Gcm, R"(,"zip":"DEF")");
  expect_refused(decrypted(key, with_header(token, zipped)), Status::AlgNotSupported, "zip");
  std::string out, detail;
  EXPECT_EQ(encrypt_jwe(key, zipped, kPlaintext, TokenLimits{}, out, detail), Status::AlgNotSupported);
  EXPECT_EQ(detail, "zip");
}

// The ciphertext is bounded before it is decoded (by the plaintext it could hold), the token before
// it is split; a producer makes nothing its recipient's limits refuse.
TEST(Jwe, SizesAreBounded) {
  const Key key = encryption_key(KeyManagement::A128KW, ContentEncryption::A128CbcHs256);
  const std::string large(1000, 'x');
  const std::string token = encrypted(key, jwe_header(KeyManagement::A128KW, ContentEncryption::A128CbcHs256), large);
  DecryptionPolicy small;
  small.limits.max_payload_size = 999;
  expect_refused(decrypted(key, token, small), Status::PayloadTooLarge, "ciphertext");
  small.limits.max_payload_size = 1000;
  EXPECT_EQ(decrypted(key, token, small).status, Status::Ok);
  small.limits.max_token_length = token.size() - 1;
  expect_refused(decrypted(key, token, small), Status::TokenTooLarge, "");
  std::string out, detail;
  TokenLimits limits;
  limits.max_payload_size = 999;
  EXPECT_EQ(encrypt_jwe(key, jwe_header(KeyManagement::A128KW, ContentEncryption::A128CbcHs256), large, limits, out, detail),
            Status::PayloadTooLarge);
  limits = TokenLimits{};
  limits.max_token_length = token.size() - 1;
  EXPECT_EQ(encrypt_jwe(key, jwe_header(KeyManagement::A128KW, ContentEncryption::A128CbcHs256), large, limits, out, detail),
            Status::TokenTooLarge);
  // A ciphertext part too long for the limit is refused before it is decoded (this one would not
  // even decode).
  std::vector<std::string> parts = jwe_parts(token);
  parts[3] = std::string(2000, 'A') + "!";
  small.limits = TokenLimits{};
  small.limits.max_payload_size = 999;
  expect_refused(decrypted(key, joined(parts), small), Status::PayloadTooLarge, "ciphertext");
  // An encrypted key, IV or tag longer than any algorithm makes is read no further.
  parts = jwe_parts(token);
  parts[1] = b64url(std::vector<uint8_t>(513, 1));
  expect_refused(decrypted(key, joined(parts)), Status::JweDecryptionFailed, "");
}

// "dir" takes a content key and the key-wrapping algorithms a key-encryption key: neither ever
// takes the other, nor a key of another kind (an RSA, EC or password key, an HMAC secret of the
// same bytes imported for signatures).
TEST(Jwe, DirAndKeyWrappingNeverTakeAKeyOfTheOtherKind) {
  const std::vector<uint8_t> bytes(16, 0x42);
  const Key content = encryption_key_of(AesKey(SecretBytes(bytes)), "A128GCM");
  const Key kek = encryption_key_of(AesKey(SecretBytes(bytes)), "A128KW");
  const Key gcm_kek = encryption_key_of(AesKey(SecretBytes(bytes)), "A128GCMKW");
  const std::string dir_token = encrypted(content, jwe_header(KeyManagement::Dir, ContentEncryption::A128Gcm), kPlaintext);
  const std::string kw_token = encrypted(kek, jwe_header(KeyManagement::A128KW, ContentEncryption::A128Gcm), kPlaintext);
  // Without an allowlist of the caller's, the key's own algorithm is the only one allowed.
  expect_refused(decrypted(kek, dir_token), Status::AlgNotAllowed, "alg");
  expect_refused(decrypted(gcm_kek, dir_token), Status::AlgNotAllowed, "alg");
  expect_refused(decrypted(content, kw_token), Status::AlgNotAllowed, "alg");
  expect_refused(decrypted(gcm_kek, kw_token), Status::AlgNotAllowed, "alg");
  // With one that allows both, the key itself refuses.
  DecryptionPolicy both;
  both.has_algorithms = true;
  both.algorithms = KeyManagementSet::of(KeyManagement::Dir) | KeyManagementSet::of(KeyManagement::A128KW);
  expect_refused(decrypted(kek, dir_token, both), Status::KeyUsageRefused, "alg");
  expect_refused(decrypted(content, kw_token, both), Status::KeyUsageRefused, "alg");
  std::string out, detail;
  EXPECT_EQ(encrypt_jwe(content, jwe_header(KeyManagement::A128KW, ContentEncryption::A128Gcm), kPlaintext, TokenLimits{},
                        out, detail),
            Status::KeyUsageRefused);
  EXPECT_EQ(encrypt_jwe(kek, jwe_header(KeyManagement::Dir, ContentEncryption::A128Gcm), kPlaintext, TokenLimits{}, out,
                        detail),
            Status::KeyUsageRefused);
  Key hmac;
  ASSERT_EQ(import_key(KeyImportFormat::Secret, std::vector<uint8_t>(32, 0x42), {}, hmac, detail), Status::Ok);
  const Key others[] = {encryption_key(KeyManagement::RsaOaep, ContentEncryption::A128Gcm),
                        encryption_key(KeyManagement::EcdhEs, ContentEncryption::A128Gcm),
                        encryption_key(KeyManagement::Pbes2Hs256A128KW, ContentEncryption::A128Gcm), std::move(hmac)};
  for (const Key &other : others) {
    expect_refused(decrypted(other, dir_token), Status::AlgNotAllowed, "alg");
    expect_refused(decrypted(other, kw_token), Status::AlgNotAllowed, "alg");
  }
}

// A key for signatures never decrypts, even of a family that could (RSA); RSA1_5 is no algorithm.
TEST(Jwe, SigningKeysNeverDecryptAndRsa15IsRefused) {
  Key signing;
  std::string detail;
  ASSERT_EQ(import_key(KeyImportFormat::Pem, kRsa2048.pkcs8_pem, {}, signing, detail), Status::Ok);
  const Key key = encryption_key(KeyManagement::RsaOaep256, ContentEncryption::A128Gcm);
  const std::string token = encrypted(key, jwe_header(KeyManagement::RsaOaep256, ContentEncryption::A128Gcm), kPlaintext);
  expect_refused(decrypted(signing, token), Status::AlgNotAllowed, "alg");  // it has no JWE algorithm
  DecryptionPolicy allowing;
  allowing.has_algorithms = true;
  allowing.algorithms = KeyManagementSet::of(KeyManagement::RsaOaep256);
  expect_refused(decrypted(signing, token, allowing), Status::KeyUsageRefused, "alg");
  expect_refused(decrypted(key, with_header(token, R"({"alg":"RSA1_5","enc":"A128GCM"})")), Status::AlgNotSupported,
                 "alg");
  std::string out;
  EXPECT_EQ(encrypt_jwe(signing, jwe_header(KeyManagement::RsaOaep256, ContentEncryption::A128Gcm), kPlaintext,
                        TokenLimits{}, out, detail),
            Status::KeyUsageRefused);
}

// Exactly five parts and a header; a JWS is not a JWE.
TEST(Jwe, ExactlyFiveParts) {
  const Key key = encryption_key(KeyManagement::Dir, ContentEncryption::A128Gcm);
  const std::string token = encrypted(key, jwe_header(KeyManagement::Dir, ContentEncryption::A128Gcm), kPlaintext);
  const std::vector<std::string> parts = jwe_parts(token);
  const std::string cases[] = {
      "", ".", "....", "......", joined({parts[0], parts[2], parts[3]}), joined({parts[0], parts[1], parts[2], parts[3]}),
      token + ".", token + "." + parts[4], "." + token.substr(parts[0].size() + 1), joined({"", "", "", "", ""}),
  };
  for (const std::string &bad : cases) expect_refused(decrypted(key, bad), Status::JweInvalid, "");
}

// The policy's allowlists, and without them the key's own algorithms.
TEST(Jwe, AlgorithmsOutsideThePolicyAreNotAllowed) {
  const Key key = encryption_key(KeyManagement::A128KW, ContentEncryption::A128Gcm);
  const std::string token = encrypted(key, jwe_header(KeyManagement::A128KW, ContentEncryption::A128Gcm), kPlaintext);
  DecryptionPolicy policy;
  policy.has_algorithms = true;
  policy.algorithms = KeyManagementSet::of(KeyManagement::A256KW);
  expect_refused(decrypted(key, token, policy), Status::AlgNotAllowed, "alg");
  policy.algorithms.add(KeyManagement::A128KW);
  policy.has_encryptions = true;
  policy.encryptions = ContentEncryptionSet::of(ContentEncryption::A256Gcm);
  expect_refused(decrypted(key, token, policy), Status::AlgNotAllowed, "enc");
  policy.encryptions.add(ContentEncryption::A128Gcm);
  EXPECT_EQ(decrypted(key, token, policy).status, Status::Ok);
}

// A set imported for encryption decrypts with its one key that fits the header.
TEST(Jwe, AKeySetDecryptsWithTheKeyThatFits) {
  const Key kek = encryption_key_of(AesKey(SecretBytes(from_base64url(kKeyWrapKey))), "A128KW");
  const std::string token =
      encrypted(kek, jwe_header(KeyManagement::A128KW, ContentEncryption::A128Gcm, R"(,"kid":"81b20965-8332-43d9-a468-82160ad91ac8")"),
                kPlaintext);
  KeySet set;
  std::string detail;
  ASSERT_EQ(KeySet::import(kS53Plaintext, KeyUse::Encryption, set, detail), Status::Ok);  // RFC 7520 §5.3's key set
  DecryptedJwe out;
  ASSERT_EQ(decrypt_jwe(DecryptionKeys{nullptr, &set}, DecryptionPolicy{}, token, out), Status::Ok);
  EXPECT_EQ(out.plaintext, kPlaintext);
  EXPECT_EQ(out.key_index, 1u);
  EXPECT_EQ(decrypt_jwe(DecryptionKeys{nullptr, &set}, DecryptionPolicy{},
                        with_header(token, jwe_header(KeyManagement::A128KW, ContentEncryption::A128Gcm, R"(,"kid":"nope")")), out),
            Status::JwksNoMatchingKey);
}

// The CEK is exactly enc's size: an AES-256 key never decrypts an "A128GCM" content, even where
// AES-GCM itself would take it (a CEK that content was in fact encrypted under).
TEST(Jwe, ContentTakesOnlyACekOfItsEncsSize) {
  const std::vector<uint8_t> cek(32, 0x11), iv(12, 0x22);
  std::vector<uint8_t> ciphertext, tag;
  ASSERT_EQ(encrypt_content(ContentEncryption::A256Gcm, cek, iv, std::string_view("aad"), kPlaintext, ciphertext, tag),
            Status::Ok);
  std::string plaintext;
  EXPECT_EQ(decrypt_content(ContentEncryption::A256Gcm, cek, iv, std::string_view("aad"), ciphertext, tag, plaintext),
            Status::Ok);
  EXPECT_EQ(decrypt_content(ContentEncryption::A128Gcm, cek, iv, std::string_view("aad"), ciphertext, tag, plaintext),
            Status::JweDecryptionFailed);
  EXPECT_TRUE(plaintext.empty());
  std::vector<uint8_t> out_ciphertext;
  EXPECT_EQ(encrypt_content(ContentEncryption::A128Gcm, cek, iv, std::string_view("aad"), kPlaintext, out_ciphertext, tag),
            Status::InvalidArgument);
}
