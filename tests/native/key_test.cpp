// Key: material validated once at import, bound to one family and one use (signatures or
// encryption), and asked before every use; a failure names the value at fault.
#include "keys/key.h"

#include <gtest/gtest.h>

#include "keys/pkix.h"
#include "pkix_fixtures.h"
#include "test_support.h"
#include "x25519_keys.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

struct Created {
  Status status;
  std::string detail;
  Key key;
};

Created create(KeyMaterial material, std::string_view alg = {}) {
  Created created;
  KeyUsage usage;
  usage.alg = alg;
  created.status = Key::create(std::move(material), std::move(usage), created.key, created.detail);
  return created;
}

Created create_for_encryption(KeyMaterial material, KeyUsage usage) {
  Created created;
  created.status = Key::create(KeyUse::Encryption, std::move(material), std::move(usage), created.key, created.detail);
  return created;
}

Created create_for_encryption(KeyMaterial material, std::string_view alg = {}) {
  KeyUsage usage;
  usage.alg = alg;
  return create_for_encryption(std::move(material), std::move(usage));
}

HmacSecret oct(std::vector<uint8_t> bytes) { return HmacSecret{SecretBytes(bytes)}; }
HmacSecret oct(size_t size) { return oct(std::vector<uint8_t>(size, 0x3c)); }

X25519PrivateKey x25519_private(std::string_view scalar_hex) {
  X25519PrivateKey key;
  key.scalar = SecretBytes(from_hex(scalar_hex));
  return key;
}

std::vector<std::string> jwe_names(KeyManagementSet set) {
  std::vector<std::string> out;
  for (unsigned i = 0; i < kKeyManagementCount; ++i) {
    if (set.contains(static_cast<KeyManagement>(i))) out.emplace_back(key_management_name(static_cast<KeyManagement>(i)));
  }
  return out;
}

KeyMaterial from_pem(std::string_view pem) {
  KeyMaterial material;
  EXPECT_EQ(parse_pem(pem, material), Status::Ok);
  return material;
}

RsaPublicKey rsa_public() { return std::get<RsaPublicKey>(from_pem(kRsa2048.spki_pem)); }

std::vector<std::string> names(AlgorithmSet set) {
  std::vector<std::string> out;
  for (unsigned i = 0; i < kAlgorithmCount; ++i) {
    if (set.contains(static_cast<Algorithm>(i))) out.emplace_back(algorithm_name(static_cast<Algorithm>(i)));
  }
  return out;
}

}  // namespace

TEST(Key, EachMaterialIsBoundToItsFamily) {
  EXPECT_EQ(create(HmacSecret{SecretBytes(std::vector<uint8_t>(32, 1))}).key.family(), KeyFamily::Hmac);
  EXPECT_EQ(create(rsa_public()).key.family(), KeyFamily::Rsa);
  EXPECT_EQ(create(from_pem(kRsa2048.pkcs8_pem)).key.family(), KeyFamily::Rsa);
  const KeyFamily ec_families[] = {KeyFamily::EcP256, KeyFamily::EcP384, KeyFamily::EcP521};
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(create(from_pem(kEcKeys[i].spki_pem)).key.family(), ec_families[i]);
    EXPECT_EQ(create(from_pem(kEcKeys[i].sec1_pem)).key.family(), ec_families[i]);
  }
  EXPECT_EQ(create(from_pem(kEd25519.spki_pem)).key.family(), KeyFamily::Ed25519);
  EXPECT_EQ(create(from_pem(kEd25519.pkcs8_pem)).key.family(), KeyFamily::Ed25519);
}

TEST(Key, UsableAlgorithmsAreTheFamilysNarrowedByAlgAndSecretLength) {
  EXPECT_EQ(names(create(HmacSecret{SecretBytes(std::vector<uint8_t>(32, 1))}).key.usable_algorithms()),
            (std::vector<std::string>{"HS256"}));
  EXPECT_EQ(names(create(HmacSecret{SecretBytes(std::vector<uint8_t>(48, 1))}).key.usable_algorithms()),
            (std::vector<std::string>{"HS256", "HS384"}));
  EXPECT_EQ(names(create(rsa_public()).key.usable_algorithms()),
            (std::vector<std::string>{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"}));
  EXPECT_EQ(names(create(rsa_public(), "PS384").key.usable_algorithms()), (std::vector<std::string>{"PS384"}));
  EXPECT_EQ(names(create(from_pem(kEcKeys[1].spki_pem)).key.usable_algorithms()), (std::vector<std::string>{"ES384"}));
  EXPECT_EQ(names(create(from_pem(kEd25519.spki_pem)).key.usable_algorithms()),
            (std::vector<std::string>{"EdDSA", "Ed25519"}));
}

TEST(Key, FailuresNameTheValueAtFault) {
  const auto expect = [](Created created, Status status, const char *detail) {
    EXPECT_EQ(created.status, status) << detail;
    EXPECT_EQ(created.detail, detail);
  };
  expect(create(HmacSecret{SecretBytes(std::vector<uint8_t>(31, 1))}), Status::KeyTooShort, "k");
  expect(create(HmacSecret{SecretBytes(std::vector<uint8_t>(32, 1))}, "HS512"), Status::KeyTooShort, "k");
  expect(create(HmacSecret{SecretBytes(std::vector<uint8_t>(Key::kMaxHmacSecretSize + 1, 1))}), Status::KeyInvalid, "k");
  expect(create(HmacSecret{SecretBytes(ByteView(kRsa2048.spki_pem))}), Status::KeyUsageRefused, "k");

  RsaPublicKey short_modulus = rsa_public();
  short_modulus.n.pop_back();
  expect(create(short_modulus), Status::KeyTooShort, "n");
  RsaPublicKey long_modulus = rsa_public();
  long_modulus.n.insert(long_modulus.n.end(), 257, 0xff);  // 4104 bits
  expect(create(long_modulus), Status::KeyUnsupported, "n");
  RsaPublicKey even_modulus = rsa_public();
  even_modulus.n.back() &= 0xfe;
  expect(create(even_modulus), Status::KeyInvalid, "n");
  RsaPublicKey exponent_one = rsa_public();
  exponent_one.e = {1};
  expect(create(exponent_one), Status::KeyInvalid, "e");
  auto wrong_d = std::get<RsaPrivateKey>(from_pem(kRsa2048.pkcs8_pem));
  wrong_d.public_key.e = {1, 0, 3};  // 65539: consistent with nothing else
  expect(create(std::move(wrong_d)), Status::KeyInvalid, "d");

  auto off_curve = std::get<EcPublicKey>(from_pem(kEcKeys[0].spki_pem));
  off_curve.point.back() ^= 1;
  expect(create(off_curve), Status::KeyInvalid, "x,y");
  auto other_point = std::get<EcPrivateKey>(from_pem(kEcKeys[0].sec1_pem));
  other_point.public_key.point = std::get<EcPublicKey>(create(from_pem(kEcKeys[0].spki_pem)).key.material()).point;
  other_point.public_key.point[5] ^= 1;
  expect(create(std::move(other_point)), Status::KeyInvalid, "d");

  auto small_order = std::get<Ed25519PublicKey>(from_pem(kEd25519.spki_pem));
  small_order.bytes.fill(0);
  small_order.bytes[0] = 1;  // the identity point
  expect(create(small_order), Status::KeyInvalid, "x");

  expect(create(rsa_public(), "ES256"), Status::JwkInvalid, "alg");
  expect(create(rsa_public(), "RSA-OAEP"), Status::KeyUnsupported, "alg");
}

TEST(Key, PrivateKeysDeriveAMissingPublicHalf) {
  auto without_point = std::get<EcPrivateKey>(from_pem(kEcKeys[2].sec1_pem));
  without_point.public_key.point.clear();
  const Created created = create(std::move(without_point));
  ASSERT_EQ(created.status, Status::Ok) << created.detail;
  EXPECT_EQ(to_hex(created.key.as<EcPrivateKey>()->public_key.point.data(), 1 + 2 * 66), kEcKeys[2].point);

  auto without_public = std::get<Ed25519PrivateKey>(from_pem(kEd25519.pkcs8_pem));
  without_public.public_key.bytes.fill(0);
  const Created ed = create(std::move(without_public));
  ASSERT_EQ(ed.status, Status::Ok);
  EXPECT_EQ(to_hex(ed.key.as<Ed25519PrivateKey>()->public_key.bytes.data(), 32), kEd25519.public_key);
}

TEST(Key, CheckOperationAsksFamilyLengthUsageAndPrivacy) {
  const Key rsa = create(rsa_public()).key;
  EXPECT_EQ(rsa.check_operation(KeyOperation::Verify, Algorithm::PS256), Status::Ok);
  EXPECT_EQ(rsa.check_operation(KeyOperation::Verify, Algorithm::HS256), Status::AlgNotAllowed);
  EXPECT_EQ(rsa.check_operation(KeyOperation::Sign, Algorithm::RS256), Status::KeyUsageRefused);  // public
  EXPECT_EQ(create(from_pem(kRsa2048.pkcs8_pem)).key.check_operation(KeyOperation::Sign, Algorithm::RS256), Status::Ok);

  const Key hs = create(HmacSecret{SecretBytes(std::vector<uint8_t>(32, 1))}).key;
  EXPECT_EQ(hs.check_operation(KeyOperation::Sign, Algorithm::HS256), Status::Ok);
  EXPECT_EQ(hs.check_operation(KeyOperation::Verify, Algorithm::HS384), Status::KeyTooShort);

  const auto with_usage = [](KeyUsage usage) {
    Key key;
    std::string detail;
    EXPECT_EQ(Key::create(rsa_public(), std::move(usage), key, detail), Status::Ok);
    return key;
  };
  KeyUsage bound;
  bound.alg = "RS256";
  EXPECT_EQ(with_usage(bound).check_operation(KeyOperation::Verify, Algorithm::RS384), Status::KeyUsageRefused);
  KeyUsage encryption;
  encryption.use = "enc";
  EXPECT_EQ(with_usage(encryption).check_operation(KeyOperation::Verify, Algorithm::RS256), Status::KeyUsageRefused);
  KeyUsage sign_only;
  sign_only.key_ops = {"sign"};
  sign_only.has_key_ops = true;
  EXPECT_EQ(with_usage(sign_only).check_operation(KeyOperation::Verify, Algorithm::RS256), Status::KeyUsageRefused);
  KeyUsage no_ops;
  no_ops.has_key_ops = true;  // an empty key_ops allows nothing
  EXPECT_EQ(with_usage(no_ops).check_operation(KeyOperation::Verify, Algorithm::RS256), Status::KeyUsageRefused);
}

TEST(Key, PublicHalfKeepsFamilyAndUsage) {
  KeyUsage usage;
  usage.kid = "k1";
  Key private_key, public_key;
  std::string detail;
  ASSERT_EQ(Key::create(from_pem(kEcKeys[0].pkcs8_pem), usage, private_key, detail), Status::Ok);
  ASSERT_EQ(private_key.public_key(public_key), Status::Ok);
  EXPECT_EQ(public_key.family(), KeyFamily::EcP256);
  EXPECT_EQ(public_key.usage().kid, "k1");
  EXPECT_FALSE(public_key.can_sign());
  EXPECT_EQ(to_hex(public_key.as<EcPublicKey>()->point.data(), 65), kEcKeys[0].point);
  Key none;
  EXPECT_EQ(create(HmacSecret{SecretBytes(std::vector<uint8_t>(32, 1))}).key.public_key(none), Status::KeyUsageRefused);
}

// --- Keys for encryption -----------------------------------------------------------------------

// A key imported for encryption serves JWE algorithms only, one imported for signatures JWS
// algorithms only: the same RSA material either way, never both.
TEST(Key, AKeyServesOnlyTheUseItWasImportedFor) {
  const Created encryption = create_for_encryption(from_pem(kRsa2048.pkcs8_pem));
  ASSERT_EQ(encryption.status, Status::Ok) << encryption.detail;
  EXPECT_EQ(encryption.key.use(), KeyUse::Encryption);
  EXPECT_TRUE(encryption.key.usable_algorithms().empty());
  EXPECT_EQ(jwe_names(encryption.key.usable_key_management()),
            (std::vector<std::string>{"RSA-OAEP", "RSA-OAEP-256", "RSA-OAEP-384", "RSA-OAEP-512"}));
  EXPECT_EQ(encryption.key.check_key_management(JweOperation::Decrypt, KeyManagement::RsaOaep256), Status::Ok);
  EXPECT_FALSE(encryption.key.can_sign());
  for (KeyOperation operation : {KeyOperation::Sign, KeyOperation::Verify}) {
    EXPECT_EQ(encryption.key.check_operation(operation, Algorithm::RS256), Status::KeyUsageRefused);
  }

  const Created signature = create(from_pem(kRsa2048.pkcs8_pem));
  EXPECT_EQ(signature.key.use(), KeyUse::Signature);
  EXPECT_TRUE(signature.key.usable_key_management().empty());
  for (JweOperation operation : {JweOperation::Encrypt, JweOperation::Decrypt}) {
    EXPECT_EQ(signature.key.check_key_management(operation, KeyManagement::RsaOaep), Status::KeyUsageRefused);
  }
  // Of another family, the algorithm is not allowed at all.
  EXPECT_EQ(encryption.key.check_key_management(JweOperation::Decrypt, KeyManagement::A128KW), Status::AlgNotAllowed);
  EXPECT_EQ(create(oct(32)).key.check_key_management(JweOperation::Decrypt, KeyManagement::Dir),
            Status::AlgNotAllowed);
}

TEST(Key, FamiliesOfTheOtherUseAreUnsupported) {
  const Created ed25519 = create_for_encryption(from_pem(kEd25519.pkcs8_pem));
  EXPECT_EQ(ed25519.status, Status::KeyUnsupported);
  EXPECT_EQ(ed25519.detail, "crv");
  const Created x25519 = create(x25519_private(kBobPrivate));
  EXPECT_EQ(x25519.status, Status::KeyUnsupported);
  EXPECT_EQ(x25519.detail, "crv");
  const Created aes = create(AesKey(SecretBytes(std::vector<uint8_t>(16, 1))));
  EXPECT_EQ(aes.status, Status::KeyUnsupported);
  EXPECT_EQ(aes.detail, "kty");
}

// For encryption an "oct" secret becomes what its "alg" names, and without one it is refused: the
// same bytes must never serve as a content key, a key-encryption key and a password at once.
TEST(Key, OctSecretsForEncryptionAreWhatTheirAlgNames) {
  const Created bare = create_for_encryption(oct(16));
  EXPECT_EQ(bare.status, Status::KeyUsageRefused);
  EXPECT_EQ(bare.detail, "alg");

  const Created kek = create_for_encryption(oct(16), "A128KW");
  ASSERT_EQ(kek.status, Status::Ok);
  EXPECT_EQ(kek.key.family(), KeyFamily::Aes);
  EXPECT_TRUE(kek.key.is_secret());
  EXPECT_EQ(jwe_names(kek.key.usable_key_management()), std::vector<std::string>{"A128KW"});

  const Created password = create_for_encryption(oct(16), "PBES2-HS256+A128KW");
  ASSERT_EQ(password.status, Status::Ok);
  EXPECT_EQ(password.key.family(), KeyFamily::Password);
  EXPECT_NE(password.key.as<Password>(), nullptr);

  // An "enc" as its "alg" (RFC 7520 §5.6's key): a "dir" key for that "enc" alone.
  const Created content = create_for_encryption(oct(32), "A128CBC-HS256");
  ASSERT_EQ(content.status, Status::Ok);
  EXPECT_EQ(jwe_names(content.key.usable_key_management()), std::vector<std::string>{"dir"});
  EXPECT_EQ(content.key.check_key_management(JweOperation::Decrypt, KeyManagement::Dir), Status::Ok);
  EXPECT_TRUE(content.key.fits(KeyManagement::Dir, ContentEncryption::A128CbcHs256));
  EXPECT_FALSE(content.key.fits(KeyManagement::Dir, ContentEncryption::A256Gcm));  // the same size
  const Created dir = create_for_encryption(oct(32), "dir");
  ASSERT_EQ(dir.status, Status::Ok);
  EXPECT_TRUE(dir.key.fits(KeyManagement::Dir, ContentEncryption::A256Gcm));
  EXPECT_TRUE(dir.key.fits(KeyManagement::Dir, ContentEncryption::A128CbcHs256));
  EXPECT_FALSE(dir.key.fits(KeyManagement::Dir, ContentEncryption::A128Gcm));
}

TEST(Key, AesKeysHaveTheSizeTheirAlgTakes) {
  const struct {
    size_t size;
    const char *alg;
  } wrong[] = {{32, "A128KW"}, {16, "A256GCMKW"}, {16, "A256GCM"}, {48, "A256CBC-HS512"}, {20, "dir"}, {8, "A128KW"}};
  for (const auto &w : wrong) {
    const Created created = create_for_encryption(oct(w.size), w.alg);
    EXPECT_EQ(created.status, Status::KeyInvalid) << w.alg << " " << w.size;
    EXPECT_EQ(created.detail, "k") << w.alg << " " << w.size;
  }
  EXPECT_EQ(create_for_encryption(oct(64), "A256CBC-HS512").status, Status::Ok);
  EXPECT_EQ(create_for_encryption(oct(24), "A192GCMKW").status, Status::Ok);
}

// A PBES2 password is at least 16 bytes; a key's encoding is no password, no AES key (RFC 8725
// §3.1's confusion, for JWE: whoever has the public key would hold the "secret").
TEST(Key, PasswordsAndAesKeysAreNeitherShortNorKeyEncodings) {
  const Created short_password = create_for_encryption(oct(Key::kMinPasswordSize - 1), "PBES2-HS256+A128KW");
  EXPECT_EQ(short_password.status, Status::KeyTooShort);
  EXPECT_EQ(short_password.detail, "k");
  EXPECT_EQ(create_for_encryption(oct(Key::kMinPasswordSize), "PBES2-HS256+A128KW").status, Status::Ok);
  const std::string_view pem = kRsa2048.spki_pem;
  const Created pem_password = create_for_encryption(oct(std::vector<uint8_t>(pem.begin(), pem.end())), "PBES2-HS512+A256KW");
  EXPECT_EQ(pem_password.status, Status::KeyUsageRefused);
  EXPECT_EQ(pem_password.detail, "k");
  const std::string_view jwk = R"({"kty":"oct","k":"AAAA"})";  // 24 bytes: an A192KW key's size
  const Created jwk_kek = create_for_encryption(oct(std::vector<uint8_t>(jwk.begin(), jwk.end())), "A192KW");
  EXPECT_EQ(jwk_kek.status, Status::KeyUsageRefused);
  EXPECT_EQ(jwk_kek.detail, "k");
}

TEST(Key, EncryptionAlgsOfAnotherFamilyOrUseAreRefused) {
  const struct {
    const char *alg;
    Status status;
  } cases[] = {{"ECDH-ES", Status::JwkInvalid},  {"A128GCM", Status::JwkInvalid}, {"dir", Status::JwkInvalid},
               {"RS256", Status::KeyUsageRefused}, {"RSA1_5", Status::KeyUnsupported}, {"XYZ", Status::KeyUnsupported}};
  for (const auto &c : cases) {
    const Created created = create_for_encryption(rsa_public(), c.alg);
    EXPECT_EQ(created.status, c.status) << c.alg;
    EXPECT_EQ(created.detail, "alg") << c.alg;
  }
  EXPECT_EQ(create_for_encryption(oct(16), "RSA-OAEP").status, Status::JwkInvalid);
  EXPECT_EQ(create_for_encryption(oct(32), "HS256").status, Status::KeyUsageRefused);
  // For signatures an encryption "alg" stays unsupported, as JWS does not know it.
  EXPECT_EQ(create(rsa_public(), "RSA-OAEP").status, Status::KeyUnsupported);
}

// RFC 7517 §4.2-4.3 for JWE: "use" must be "enc", and "key_ops" must hold the operation's name.
TEST(Key, JweOperationsAskUseKeyOpsAlgAndPrivacy) {
  KeyUsage sig;
  sig.use = "sig";
  EXPECT_EQ(create_for_encryption(from_pem(kRsa2048.pkcs8_pem), sig).key.check_key_management(JweOperation::Decrypt,
                                                                                               KeyManagement::RsaOaep),
            Status::KeyUsageRefused);
  KeyUsage unwrap;
  unwrap.key_ops = {"unwrapKey"};
  unwrap.has_key_ops = true;
  const Key rsa = create_for_encryption(from_pem(kRsa2048.pkcs8_pem), unwrap).key;
  EXPECT_EQ(rsa.check_key_management(JweOperation::Decrypt, KeyManagement::RsaOaep), Status::Ok);
  EXPECT_EQ(rsa.check_key_management(JweOperation::Encrypt, KeyManagement::RsaOaep), Status::KeyUsageRefused);
  KeyUsage derive;
  derive.key_ops = {"deriveBits"};
  derive.has_key_ops = true;
  const Key ec = create_for_encryption(from_pem(kEcKeys[0].pkcs8_pem), derive).key;
  EXPECT_EQ(ec.check_key_management(JweOperation::Decrypt, KeyManagement::EcdhEsA128KW), Status::Ok);
  KeyUsage decrypt_only;
  decrypt_only.alg = "dir";
  decrypt_only.key_ops = {"decrypt"};
  decrypt_only.has_key_ops = true;
  const Key dir = create_for_encryption(oct(16), decrypt_only).key;
  EXPECT_EQ(dir.check_key_management(JweOperation::Decrypt, KeyManagement::Dir), Status::Ok);
  EXPECT_EQ(dir.check_key_management(JweOperation::Encrypt, KeyManagement::Dir), Status::KeyUsageRefused);
  // Bound to one "alg": the others of its family are refused.
  const Key oaep256 = create_for_encryption(from_pem(kRsa2048.pkcs8_pem), "RSA-OAEP-256").key;
  EXPECT_EQ(oaep256.check_key_management(JweOperation::Decrypt, KeyManagement::RsaOaep), Status::KeyUsageRefused);
  // A public key encrypts, never decrypts.
  const Key public_rsa = create_for_encryption(rsa_public()).key;
  EXPECT_EQ(public_rsa.check_key_management(JweOperation::Encrypt, KeyManagement::RsaOaep), Status::Ok);
  EXPECT_EQ(public_rsa.check_key_management(JweOperation::Decrypt, KeyManagement::RsaOaep), Status::KeyUsageRefused);
}

TEST(Key, X25519KeysAreCheckedAndDeriveTheirPublicHalf) {
  const Created bob = create_for_encryption(x25519_private(kBobPrivate));
  ASSERT_EQ(bob.status, Status::Ok);
  EXPECT_EQ(bob.key.family(), KeyFamily::X25519);
  const X25519PrivateKey *material = bob.key.as<X25519PrivateKey>();
  EXPECT_EQ(std::vector<uint8_t>(material->public_key.bytes.begin(), material->public_key.bytes.end()),
            from_hex(kBobPublic));
  EXPECT_EQ(jwe_names(bob.key.usable_key_management()),
            (std::vector<std::string>{"ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW"}));
  Key public_half;
  ASSERT_EQ(bob.key.public_key(public_half), Status::Ok);
  EXPECT_EQ(public_half.use(), KeyUse::Encryption);
  EXPECT_NE(public_half.as<X25519PublicKey>(), nullptr);

  X25519PrivateKey mismatched = x25519_private(kBobPrivate);
  const std::vector<uint8_t> alice = from_hex(kAlicePublic);
  std::copy(alice.begin(), alice.end(), mismatched.public_key.bytes.begin());
  const Created refused = create_for_encryption(std::move(mismatched));
  EXPECT_EQ(refused.status, Status::KeyInvalid);
  EXPECT_EQ(refused.detail, "d");
  X25519PublicKey small_order;
  small_order.bytes[0] = 1;  // u = 1, of order 4
  const Created small = create_for_encryption(small_order);
  EXPECT_EQ(small.status, Status::KeyInvalid);
  EXPECT_EQ(small.detail, "x");
}
