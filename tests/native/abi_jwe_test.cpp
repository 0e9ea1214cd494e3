// The JWE entry points of the C ABI: keys bound to one use, round trips, the policy handle, and
// the one decryption failure code.
#include "edgejwt.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "status.h"

namespace {

using edgejwt::Status;

edgejwt_status code(Status status) { return static_cast<edgejwt_status>(status); }
std::string text(const uint8_t *data, size_t size) { return std::string(reinterpret_cast<const char *>(data), size); }
const uint8_t *bytes(const std::string &text) { return reinterpret_cast<const uint8_t *>(text.data()); }

class AbiJwe : public ::testing::Test {
 protected:
  void SetUp() override {
    context_ = edgejwt_context_new();
    out_ = edgejwt_result_new();
  }
  void TearDown() override {
    edgejwt_result_free(out_);
    edgejwt_context_free(context_);
  }

  edgejwt_handle generate(const std::string &alg, const std::string &crv = "") {
    EXPECT_EQ(edgejwt_key_generate_for_encryption(context_, out_, alg.data(), alg.size(), crv.data(), crv.size(), 0),
              EDGEJWT_OK)
        << alg << " " << crv;
    return out_->handle;
  }
  edgejwt_handle public_of(edgejwt_handle key) {
    EXPECT_EQ(edgejwt_key_public(context_, out_, key), EDGEJWT_OK);
    return out_->handle;
  }
  edgejwt_status encrypt(edgejwt_handle key, const std::string &header, const std::string &plaintext,
                         std::string &token) {
    const edgejwt_status status = edgejwt_compact_encrypt(context_, out_, key, header.data(), header.size(),
                                                          bytes(plaintext), plaintext.size());
    token = output();
    return status;
  }
  edgejwt_status decrypt(edgejwt_handle key, edgejwt_handle policy, const std::string &token) {
    return edgejwt_compact_decrypt(context_, out_, key, policy, token.data(), token.size());
  }
  edgejwt_handle policy(const std::string &json) {
    EXPECT_EQ(edgejwt_decryption_policy_create(context_, out_, json.data(), json.size()), EDGEJWT_OK) << json;
    return out_->handle;
  }
  std::string output() const { return text(out_->output, out_->output_len); }
  std::string payload() const { return text(out_->payload, out_->payload_len); }
  std::string header() const { return text(out_->header, out_->header_len); }
  std::string detail() const { return text(out_->detail, out_->detail_len); }

  edgejwt_context *context_ = nullptr;
  edgejwt_result *out_ = nullptr;
};

TEST_F(AbiJwe, EveryAlgorithmRoundTripsThroughTheAbi) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"A128KW", ""},         {"A256GCMKW", ""},         {"ECDH-ES", "P-256"},        {"ECDH-ES+A256KW", "P-521"},
      {"ECDH-ES", "X25519"},  {"RSA-OAEP-256", ""},      {"PBES2-HS256+A128KW", ""},
  };
  for (const auto &[alg, crv] : cases) {
    const edgejwt_handle private_key = generate(alg, crv);
    const bool asymmetric = alg.rfind("ECDH", 0) == 0 || alg.rfind("RSA", 0) == 0;
    const edgejwt_handle encrypting = asymmetric ? public_of(private_key) : private_key;
    std::string token;
    ASSERT_EQ(encrypt(encrypting, R"({"alg":")" + alg + R"(","enc":"A256GCM"})", "secret bytes", token), EDGEJWT_OK)
        << alg << " " << detail();
    ASSERT_EQ(decrypt(private_key, 0, token), EDGEJWT_OK) << alg << " " << detail();
    EXPECT_EQ(payload(), "secret bytes");
    EXPECT_NE(header().find(R"("alg":")" + alg), std::string::npos);
  }
  const edgejwt_handle dir = generate("A128CBC-HS256");
  std::string token;
  ASSERT_EQ(encrypt(dir, R"({"alg":"dir","enc":"A128CBC-HS256"})", "x", token), EDGEJWT_OK) << detail();
  ASSERT_EQ(decrypt(dir, 0, token), EDGEJWT_OK);
  EXPECT_EQ(payload(), "x");
}

TEST_F(AbiJwe, KeysServeTheUseTheyWereImportedFor) {
  const std::string secret(32, 'k');
  ASSERT_EQ(edgejwt_key_import_for(context_, out_, EDGEJWT_KEY_SECRET, EDGEJWT_USE_SIGNATURE, bytes(secret),
                                   secret.size(), nullptr, 0),
            EDGEJWT_OK);
  const edgejwt_handle signing = out_->handle;
  ASSERT_EQ(edgejwt_key_import_for(context_, out_, EDGEJWT_KEY_SECRET, EDGEJWT_USE_ENCRYPTION, bytes(secret),
                                   secret.size(), "A256KW", 6),
            EDGEJWT_OK)
      << detail();
  const edgejwt_handle encrypting = out_->handle;
  std::string token;
  EXPECT_EQ(encrypt(signing, R"({"alg":"A256KW","enc":"A256GCM"})", "x", token), code(Status::AlgNotAllowed));
  ASSERT_EQ(encrypt(encrypting, R"({"alg":"A256KW","enc":"A256GCM"})", "x", token), EDGEJWT_OK);
  EXPECT_EQ(decrypt(signing, 0, token), code(Status::AlgNotAllowed));
  const std::string header = R"({"alg":"HS256"})";
  const std::string claims = "{}";
  EXPECT_EQ(edgejwt_sign(context_, out_, encrypting, header.data(), header.size(), claims.data(), claims.size()),
            code(Status::AlgNotAllowed));
  EXPECT_EQ(edgejwt_key_import_for(context_, out_, EDGEJWT_KEY_SECRET, 2, bytes(secret), secret.size(), nullptr, 0),
            code(Status::InvalidArgument));
  EXPECT_EQ(detail(), "use");
}

TEST_F(AbiJwe, EverythingOnlyTheKeyCouldTellIsOneCodeWithoutDetail) {
  const edgejwt_handle key = generate("A256KW");
  const edgejwt_handle other = generate("A256KW");
  std::string token;
  ASSERT_EQ(encrypt(key, R"({"alg":"A256KW","enc":"A256CBC-HS512"})", "plaintext", token), EDGEJWT_OK);
  EXPECT_EQ(decrypt(other, 0, token), code(Status::JweDecryptionFailed));
  EXPECT_EQ(detail(), "");
  EXPECT_EQ(payload(), "");
  // Each of the encrypted key, IV, ciphertext and tag changed in its first character.
  size_t part_start = token.find('.') + 1;
  for (int part = 1; part < 5; ++part) {
    std::string tampered = token;
    tampered[part_start] = tampered[part_start] == 'A' ? 'B' : 'A';
    EXPECT_EQ(decrypt(key, 0, tampered), code(Status::JweDecryptionFailed)) << part;
    EXPECT_EQ(detail(), "") << part;
    EXPECT_EQ(payload(), "") << part;
    part_start = token.find('.', part_start) + 1;
  }
}

TEST_F(AbiJwe, ThePolicyHandleBoundsAlgorithmsAndPbes2Iterations) {
  const edgejwt_handle password = generate("PBES2-HS256+A128KW");
  std::string token;
  ASSERT_EQ(encrypt(password, R"({"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2c":2000})", "x", token), EDGEJWT_OK)
      << detail();
  EXPECT_EQ(decrypt(password, policy(R"({"maxPBES2Count":1000})"), token), code(Status::JweInvalid));
  EXPECT_EQ(detail(), "p2c");
  EXPECT_EQ(decrypt(password, policy(R"({"keyManagementAlgorithms":["A256KW"]})"), token), code(Status::AlgNotAllowed));
  EXPECT_EQ(decrypt(password, policy(R"({"contentEncryptionAlgorithms":["A256GCM"]})"), token),
            code(Status::AlgNotAllowed));
  const edgejwt_handle allowing = policy(R"({"maxPBES2Count":2000,"contentEncryptionAlgorithms":["A128GCM"]})");
  EXPECT_EQ(decrypt(password, allowing, token), EDGEJWT_OK);
  ASSERT_EQ(edgejwt_decryption_policy_release(context_, out_, allowing), EDGEJWT_OK);
  EXPECT_EQ(decrypt(password, allowing, token), code(Status::InvalidHandle));
  const std::string unknown = R"({"keyManagementAlgorithms":["RSA1_5"]})";
  EXPECT_EQ(edgejwt_decryption_policy_create(context_, out_, unknown.data(), unknown.size()),
            code(Status::AlgNotSupported));
}

TEST_F(AbiJwe, EncryptedAndNestedJwtsCheckTheirClaims) {
  const edgejwt_handle key = generate("ECDH-ES+A128KW", "P-384");
  const edgejwt_handle recipient = public_of(key);
  const std::string jwe_header = R"({"alg":"ECDH-ES+A128KW","enc":"A128GCM"})";
  const std::string claims = R"({"sub":"alice","exp":2000000000})";
  ASSERT_EQ(edgejwt_encrypt(context_, out_, recipient, jwe_header.data(), jwe_header.size(), claims.data(), claims.size()),
            EDGEJWT_OK)
      << detail();
  const std::string token = output();
  ASSERT_EQ(edgejwt_decrypt(context_, out_, key, 0, token.data(), token.size(), 1e9), EDGEJWT_OK) << detail();
  EXPECT_EQ(payload(), claims);
  EXPECT_EQ(out_->valid_until, 2000000000.0);
  EXPECT_EQ(edgejwt_decrypt(context_, out_, key, 0, token.data(), token.size(), 2000000001.0),
            code(Status::JwtExpired));

  const std::string secret(32, 's');
  ASSERT_EQ(edgejwt_key_import(context_, out_, EDGEJWT_KEY_SECRET, bytes(secret), secret.size(), nullptr, 0),
            EDGEJWT_OK);
  const edgejwt_handle signing = out_->handle;
  const std::string jws_header = R"({"alg":"HS256"})";
  ASSERT_EQ(edgejwt_sign_and_encrypt(context_, out_, signing, jws_header.data(), jws_header.size(), claims.data(),
                                     claims.size(), recipient, jwe_header.data(), jwe_header.size()),
            EDGEJWT_OK)
      << detail();
  const std::string nested = output();
  ASSERT_EQ(edgejwt_decrypt_and_verify(context_, out_, key, signing, 0, nested.data(), nested.size(), 1e9), EDGEJWT_OK)
      << detail();
  EXPECT_EQ(payload(), claims);
  EXPECT_NE(header().find(R"("cty":"JWT")"), std::string::npos);
  EXPECT_NE(output().find(R"("alg":"HS256")"), std::string::npos);
  // A nested token is not an encrypted JWT: its claims are the inner token's.
  EXPECT_EQ(edgejwt_decrypt(context_, out_, key, 0, nested.data(), nested.size(), 1e9), code(Status::JweInvalid));

  ASSERT_EQ(edgejwt_decode_jwe_header(context_, out_, 0, nested.data(), nested.size()), EDGEJWT_OK);
  EXPECT_NE(header().find(R"("enc":"A128GCM")"), std::string::npos);
  EXPECT_EQ(payload(), "");
}

}  // namespace
