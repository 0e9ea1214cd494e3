#include "edgejwt.h"

#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "status.h"
#include "test_support.h"

using namespace edgejwt::test;

namespace {

edgejwt_status code(edgejwt::Status status) { return static_cast<edgejwt_status>(status); }
std::string text(const uint8_t *data, size_t size) { return std::string(reinterpret_cast<const char *>(data), size); }
const uint8_t *bytes(const std::string &text) { return reinterpret_cast<const uint8_t *>(text.data()); }

class Abi : public ::testing::Test {
 protected:
  void SetUp() override {
    context_ = edgejwt_context_new();
    out_ = edgejwt_result_new();
  }
  void TearDown() override {
    edgejwt_result_free(out_);
    edgejwt_context_free(context_);
  }

  const edgejwt_result &result() const { return *out_; }
  edgejwt_handle import_secret(size_t size) {
    const std::vector<uint8_t> secret(size, 1);
    EXPECT_EQ(edgejwt_key_import(context_, out_, EDGEJWT_KEY_SECRET, secret.data(), secret.size(), nullptr, 0),
              EDGEJWT_OK);
    return result().handle;
  }
  std::string sign(edgejwt_handle key, const std::string &header, const std::string &payload) {
    EXPECT_EQ(edgejwt_sign(context_, out_, key, 0, header.data(), header.size(), payload.data(), payload.size()),
              EDGEJWT_OK);
    return text(result().output, result().output_len);
  }
  edgejwt_status verify(edgejwt_handle key, edgejwt_handle policy, const std::string &token) {
    return edgejwt_verify(context_, out_, key, policy, token.data(), token.size(), 1e9);
  }
  edgejwt_status create_policy(const std::string &json) {
    return edgejwt_policy_create(context_, out_, json.data(), json.size());
  }
  edgejwt_status begin(edgejwt_handle key, edgejwt_handle policy, const std::string &token) {
    return edgejwt_verify_begin(context_, out_, key, policy, token.data(), token.size());
  }
  std::string detail() const { return text(result().detail, result().detail_len); }

  edgejwt_context *context_ = nullptr;
  edgejwt_result *out_ = nullptr;
};

// The JWE entry points: keys bound to one use, round trips, the policy handle, one failure code.
class AbiJwe : public Abi {
 protected:
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
  EXPECT_EQ(encrypt(signing, R"({"alg":"A256KW","enc":"A256GCM"})", "x", token), code(edgejwt::Status::AlgNotAllowed));
  ASSERT_EQ(encrypt(encrypting, R"({"alg":"A256KW","enc":"A256GCM"})", "x", token), EDGEJWT_OK);
  EXPECT_EQ(decrypt(signing, 0, token), code(edgejwt::Status::AlgNotAllowed));
  const std::string header = R"({"alg":"HS256"})";
  const std::string claims = "{}";
  EXPECT_EQ(edgejwt_sign(context_, out_, encrypting, 0, header.data(), header.size(), claims.data(), claims.size()),
            code(edgejwt::Status::AlgNotAllowed));
  EXPECT_EQ(edgejwt_key_import_for(context_, out_, EDGEJWT_KEY_SECRET, 2, bytes(secret), secret.size(), nullptr, 0),
            code(edgejwt::Status::InvalidArgument));
  EXPECT_EQ(detail(), "use");
}

TEST_F(AbiJwe, EverythingOnlyTheKeyCouldTellIsOneCodeWithoutDetail) {
  const edgejwt_handle key = generate("A256KW");
  const edgejwt_handle other = generate("A256KW");
  std::string token;
  ASSERT_EQ(encrypt(key, R"({"alg":"A256KW","enc":"A256CBC-HS512"})", "plaintext", token), EDGEJWT_OK);
  EXPECT_EQ(decrypt(other, 0, token), code(edgejwt::Status::JweDecryptionFailed));
  EXPECT_EQ(detail(), "");
  EXPECT_EQ(payload(), "");
  // Each of the encrypted key, IV, ciphertext and tag changed in its first character.
  size_t part_start = token.find('.') + 1;
  for (int part = 1; part < 5; ++part) {
    std::string tampered = token;
    tampered[part_start] = tampered[part_start] == 'A' ? 'B' : 'A';
    EXPECT_EQ(decrypt(key, 0, tampered), code(edgejwt::Status::JweDecryptionFailed)) << part;
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
  EXPECT_EQ(decrypt(password, policy(R"({"maxPBES2Count":1000})"), token), code(edgejwt::Status::JweInvalid));
  EXPECT_EQ(detail(), "p2c");
  EXPECT_EQ(decrypt(password, policy(R"({"keyManagementAlgorithms":["A256KW"]})"), token), code(edgejwt::Status::AlgNotAllowed));
  EXPECT_EQ(decrypt(password, policy(R"({"contentEncryptionAlgorithms":["A256GCM"]})"), token),
            code(edgejwt::Status::AlgNotAllowed));
  const edgejwt_handle allowing = policy(R"({"maxPBES2Count":2000,"contentEncryptionAlgorithms":["A128GCM"]})");
  EXPECT_EQ(decrypt(password, allowing, token), EDGEJWT_OK);
  ASSERT_EQ(edgejwt_decryption_policy_release(context_, out_, allowing), EDGEJWT_OK);
  EXPECT_EQ(decrypt(password, allowing, token), code(edgejwt::Status::InvalidHandle));
  const std::string unknown = R"({"keyManagementAlgorithms":["RSA1_5"]})";
  EXPECT_EQ(edgejwt_decryption_policy_create(context_, out_, unknown.data(), unknown.size()),
            code(edgejwt::Status::AlgNotSupported));
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
            code(edgejwt::Status::JwtExpired));

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
  EXPECT_EQ(edgejwt_decrypt(context_, out_, key, 0, nested.data(), nested.size(), 1e9), code(edgejwt::Status::JweInvalid));
  // Its outer layer alone: the inner JWS, which edgejwt_verify then verifies as the one call did.
  ASSERT_EQ(edgejwt_decrypt_nested_jws(context_, out_, key, 0, nested.data(), nested.size()), EDGEJWT_OK) << detail();
  const std::string inner = payload();
  EXPECT_NE(header().find(R"("cty":"JWT")"), std::string::npos);
  ASSERT_EQ(edgejwt_verify(context_, out_, signing, 0, inner.data(), inner.size(), 1e9), EDGEJWT_OK) << detail();
  EXPECT_EQ(payload(), claims);
  EXPECT_EQ(edgejwt_decrypt_nested_jws(context_, out_, key, 0, token.data(), token.size()), code(edgejwt::Status::JweInvalid));
  EXPECT_EQ(detail(), "cty");
  EXPECT_EQ(payload(), "");
  // An expired inner token: its claims come with the error, as edgejwt_verify gives them.
  EXPECT_EQ(edgejwt_decrypt_and_verify(context_, out_, key, signing, 0, nested.data(), nested.size(), 2000000001.0),
            code(edgejwt::Status::JwtExpired));
  EXPECT_EQ(payload(), claims);

  ASSERT_EQ(edgejwt_decode_jwe_header(context_, out_, 0, nested.data(), nested.size()), EDGEJWT_OK);
  EXPECT_NE(header().find(R"("enc":"A128GCM")"), std::string::npos);
  EXPECT_EQ(payload(), "");
}

}  // namespace

TEST_F(Abi, StatusNamesAreStable) {
  EXPECT_STREQ(edgejwt_status_name(0), "OK");
  EXPECT_STREQ(edgejwt_status_name(22), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
  EXPECT_STREQ(edgejwt_status_name(20), "ERR_JOSE_ALG_NOT_ALLOWED");
  EXPECT_STREQ(edgejwt_status_name(-5), "ERR_UNKNOWN");
  EXPECT_GT(std::strlen(edgejwt_status_message(22)), 0u);
}

// The signer declares the extensions it understands in its policy's "crit" (jose's sign option
// crit): a header's "crit" naming any other is refused, and the defaults (policy 0) understand none.
TEST_F(Abi, SignRefusesACritExtensionThePolicyDoesNotUnderstand) {
  const edgejwt_handle key = import_secret(32);
  const std::string header = R"({"alg":"HS256","crit":["http://example/ext"],"http://example/ext":1})";
  const std::string claims = R"({"sub":"u1"})";
  EXPECT_EQ(edgejwt_sign(context_, out_, key, 0, header.data(), header.size(), claims.data(), claims.size()),
            code(edgejwt::Status::CritNotUnderstood));
  EXPECT_EQ(detail(), "http://example/ext");
  EXPECT_EQ(result().output_len, 0u);
  ASSERT_EQ(create_policy(R"({"crit":["http://example/other"]})"), EDGEJWT_OK);
  const edgejwt_handle other = result().handle;
  EXPECT_EQ(edgejwt_compact_sign(context_, out_, key, other, header.data(), header.size(), bytes(claims), claims.size()),
            code(edgejwt::Status::CritNotUnderstood));
  ASSERT_EQ(create_policy(R"({"crit":["http://example/ext"]})"), EDGEJWT_OK);
  const edgejwt_handle understood = result().handle;
  ASSERT_EQ(edgejwt_sign(context_, out_, key, understood, header.data(), header.size(), claims.data(), claims.size()),
            EDGEJWT_OK);
  const std::string token = text(result().output, result().output_len);
  EXPECT_EQ(verify(key, understood, token), EDGEJWT_OK);
  EXPECT_EQ(edgejwt_sign(context_, out_, key, 12345, header.data(), header.size(), claims.data(), claims.size()),
            code(edgejwt::Status::InvalidHandle));
}

TEST_F(Abi, SignVerifyRoundTripReturnsHeaderAndPayload) {
  const edgejwt_handle key = import_secret(32);
  ASSERT_NE(key, 0u);
  const std::string token = sign(key, R"({"alg":"HS256","typ":"JWT"})", R"({"sub":"u1"})");
  ASSERT_EQ(verify(key, 0, token), EDGEJWT_OK);
  EXPECT_EQ(text(result().header, result().header_len), R"({"alg":"HS256","typ":"JWT"})");
  EXPECT_EQ(text(result().payload, result().payload_len), R"({"sub":"u1"})");
  ASSERT_EQ(edgejwt_decode(context_, out_, 0, token.data(), token.size()), EDGEJWT_OK);
  EXPECT_EQ(text(result().payload, result().payload_len), R"({"sub":"u1"})");
}

TEST_F(Abi, ReleasedHandlesStayInvalidWhenSlotsAreReused) {
  const edgejwt_handle first = import_secret(32);
  const std::string token = sign(first, R"({"alg":"HS256"})", "{}");
  ASSERT_EQ(edgejwt_key_release(context_, out_, first), EDGEJWT_OK);
  const edgejwt_handle second = import_secret(32);
  EXPECT_NE(first, second);
  EXPECT_EQ(verify(first, 0, token), code(edgejwt::Status::InvalidHandle));
  EXPECT_EQ(detail(), "key");
  EXPECT_EQ(edgejwt_key_release(context_, out_, first), code(edgejwt::Status::InvalidHandle));
  EXPECT_EQ(verify(0, 0, token), code(edgejwt::Status::InvalidHandle));
  EXPECT_EQ(verify(second, 12345, token), code(edgejwt::Status::InvalidHandle));
  EXPECT_EQ(detail(), "policy");
}

// The options' parsing is policy_test's; here, that a policy handle applies and a refusal's detail
// reaches the host.
TEST_F(Abi, PoliciesMadeFromOptionsApplyByHandle) {
  const edgejwt_handle key = import_secret(64);
  const std::string token = sign(key, R"({"alg":"HS512"})", "{}");
  ASSERT_EQ(create_policy(R"({"algorithms":["HS256"]})"), EDGEJWT_OK);
  EXPECT_EQ(verify(key, result().handle, token), code(edgejwt::Status::AlgNotAllowed));
  ASSERT_EQ(create_policy(R"({"algorithms":["HS256","HS512"],"clockTolerance":5,"maxTokenLength":4096})"), EDGEJWT_OK);
  EXPECT_EQ(verify(key, result().handle, token), EDGEJWT_OK);
  EXPECT_EQ(create_policy(R"({"unknownOption":1})"), code(edgejwt::Status::InvalidArgument));
  EXPECT_EQ(detail(), "unknownOption");
}

// Issue 11, item 10: maxJsonDepth was accepted up to 2^32-1.
TEST_F(Abi, PoliciesBoundMaxJsonDepth) {
  ASSERT_EQ(create_policy("{\"maxJsonDepth\":" + std::to_string(EDGEJWT_MAX_JSON_DEPTH) + "}"), EDGEJWT_OK);
  for (const std::string &over : {"{\"maxJsonDepth\":" + std::to_string(EDGEJWT_MAX_JSON_DEPTH + 1) + "}",
                                 std::string("{\"maxJsonDepth\":4294967295}"), std::string("{\"maxJsonDepth\":0}")}) {
    EXPECT_EQ(create_policy(over), code(edgejwt::Status::InvalidArgument)) << over;
    EXPECT_EQ(detail(), "maxJsonDepth");
  }
}

// An empty issuer or audience is refused alone as in a list (it was accepted alone).
TEST_F(Abi, PoliciesRefuseEmptyIssuersAndAudiences) {
  for (const char *options : {R"({"issuer":""})", R"({"issuer":["","a"]})", R"({"audience":""})", R"({"audience":[""]})"}) {
    EXPECT_EQ(create_policy(options), code(edgejwt::Status::InvalidArgument)) << options;
  }
}

TEST_F(Abi, RefusesShortSecretsAndNullInput) {
  const std::vector<uint8_t> short_secret(31, 1);
  EXPECT_EQ(edgejwt_key_import(context_, out_, EDGEJWT_KEY_SECRET, short_secret.data(), short_secret.size(), nullptr, 0),
            code(edgejwt::Status::KeyTooShort));
  EXPECT_EQ(edgejwt_key_import(context_, out_, EDGEJWT_KEY_SECRET, nullptr, 64, nullptr, 0),
            code(edgejwt::Status::KeyTooShort));
  EXPECT_EQ(edgejwt_decode(context_, out_, 0, nullptr, 10), code(edgejwt::Status::JwsInvalid));
}

// An asynchronous host checks the primitive while other calls use the context: the begun
// verification must finish on its own token, not on whatever the context decoded since; several
// may be pending, and each is finished once.
TEST_F(Abi, VerificationsOwnTheirTokenAndAreFinishedOnce) {
  const edgejwt_handle key = import_secret(32);
  ASSERT_EQ(create_policy(R"({"typ":"at+jwt"})"), EDGEJWT_OK);
  const edgejwt_handle policy = result().handle;
  const std::string header = R"({"alg":"HS256","typ":"at+jwt"})", payload = R"({"sub":"a","exp":2000000000})";
  const std::string token = sign(key, header, payload);
  const std::string other = sign(key, R"({"alg":"HS256","typ":"at+jwt"})", R"({"sub":"b"})");

  ASSERT_EQ(begin(key, policy, token), EDGEJWT_OK);
  const edgejwt_handle first = result().handle;
  const std::string input = text(result().signing_input, result().signing_input_len);
  const std::string signature = text(result().signature, result().signature_len);
  EXPECT_EQ(input, token.substr(0, token.rfind('.')));
  ASSERT_EQ(begin(key, policy, other), EDGEJWT_OK);
  const edgejwt_handle second = result().handle;
  EXPECT_NE(first, second);
  ASSERT_EQ(edgejwt_check_signature(context_, out_, key, "HS256", 5, bytes(input), input.size(), bytes(signature),
                                    signature.size()),
            EDGEJWT_OK);
  ASSERT_EQ(edgejwt_decode(context_, out_, 0, other.data(), other.size()), EDGEJWT_OK);
  ASSERT_EQ(verify(key, 0, other), EDGEJWT_OK);

  ASSERT_EQ(edgejwt_verify_finish(context_, out_, first, EDGEJWT_PAYLOAD_JWT, 1, 1e9), EDGEJWT_OK);
  EXPECT_EQ(text(result().header, result().header_len), header);
  EXPECT_EQ(text(result().payload, result().payload_len), payload);
  EXPECT_EQ(result().valid_until, 2000000000);
  EXPECT_EQ(edgejwt_verify_finish(context_, out_, first, EDGEJWT_PAYLOAD_JWT, 1, 1e9),
            code(edgejwt::Status::InvalidHandle));  // finished once only
  EXPECT_EQ(detail(), "verification");
  EXPECT_EQ(edgejwt_verify_finish(context_, out_, second, EDGEJWT_PAYLOAD_JWT, 0, 1e9),
            code(edgejwt::Status::SignatureInvalid));  // the host's verdict stands, and the failure consumes it too
  EXPECT_EQ(edgejwt_verification_release(context_, out_, second), code(edgejwt::Status::InvalidHandle));
}

TEST_F(Abi, AFailedBeginMakesNoVerificationAndAReleasedOneCannotFinish) {
  const edgejwt_handle key = import_secret(32);
  const std::string token = sign(key, R"({"alg":"HS256"})", "{}");
  EXPECT_EQ(begin(key, 0, token.substr(0, token.rfind('.'))), code(edgejwt::Status::JwsInvalid));
  EXPECT_EQ(result().handle, 0u);
  EXPECT_EQ(result().signing_input_len, 0u);
  ASSERT_EQ(begin(key, 0, token), EDGEJWT_OK);
  const edgejwt_handle verification = result().handle;
  ASSERT_EQ(edgejwt_verification_release(context_, out_, verification), EDGEJWT_OK);
  EXPECT_EQ(edgejwt_verify_finish(context_, out_, verification, EDGEJWT_PAYLOAD_JWT, 1, 1e9),
            code(edgejwt::Status::InvalidHandle));
  EXPECT_EQ(edgejwt_verify_finish(context_, out_, key, EDGEJWT_PAYLOAD_JWT, 1, 1e9),
            code(edgejwt::Status::InvalidHandle));  // a key's handle names no verification
  ASSERT_EQ(begin(key, 0, token), EDGEJWT_OK);
  EXPECT_EQ(edgejwt_verify_finish(context_, out_, result().handle, 7, 1, 1e9), code(edgejwt::Status::InvalidArgument));
  EXPECT_EQ(detail(), "payload_kind");
}

// The algorithm and key-family tables reach the host as JSON (description_test checks its content).
// edgejwt_verify_on_host: one call runs every check before the primitive (a failure there leaves
// no signing input: the host is not asked) and holds the verdict of every check after it, with the
// signing input and signature the host must check. A held claim failure comes with the payload.
TEST_F(Abi, VerifyOnHostHoldsTheVerdictAfterThePrimitive) {
  const edgejwt_handle key = import_secret(32);
  const std::string header = R"({"alg":"HS256"})";
  const std::string valid = sign(key, header, R"({"sub":"a","exp":2000000000})");
  const std::string expired = sign(key, header, R"({"sub":"b","exp":1000})");
  const auto on_host = [&](const std::string &token, int32_t kind = EDGEJWT_PAYLOAD_JWT) {
    return edgejwt_verify_on_host(context_, out_, key, 0, token.data(), token.size(), kind, 1e9);
  };

  ASSERT_EQ(on_host(valid), EDGEJWT_OK);
  const std::string input = text(result().signing_input, result().signing_input_len);
  EXPECT_EQ(input, valid.substr(0, valid.rfind('.')));
  EXPECT_EQ(text(result().header, result().header_len), header);
  EXPECT_EQ(text(result().payload, result().payload_len), R"({"sub":"a","exp":2000000000})");
  EXPECT_EQ(result().valid_until, 2000000000);
  EXPECT_EQ(edgejwt_check_signature(context_, out_, key, "HS256", 5, bytes(input), input.size(),
                                    bytes(text(result().signature, result().signature_len)), result().signature_len),
            EDGEJWT_OK);

  EXPECT_EQ(on_host(expired), code(edgejwt::Status::JwtExpired));  // held: stands only if the host says valid
  EXPECT_EQ(text(result().signing_input, result().signing_input_len), expired.substr(0, expired.rfind('.')));
  EXPECT_EQ(result().signature_len, 32u);
  EXPECT_EQ(text(result().payload, result().payload_len), R"({"sub":"b","exp":1000})");
  EXPECT_EQ(on_host(expired, EDGEJWT_PAYLOAD_BYTES), EDGEJWT_OK);  // a JWS payload has no claims

  const std::string truncated = valid.substr(0, valid.size() - 4);
  EXPECT_NE(on_host(truncated), EDGEJWT_OK);  // before the primitive: nothing for the host to check
  EXPECT_EQ(result().signing_input_len, 0u);
  EXPECT_EQ(on_host(valid, 7), code(edgejwt::Status::InvalidArgument));
  EXPECT_EQ(detail(), "payload_kind");
  EXPECT_EQ(result().signing_input_len, 0u);
  EXPECT_EQ(EDGEJWT_SIGNATURE_INVALID, code(edgejwt::Status::SignatureInvalid));
}

TEST_F(Abi, AlgorithmsDescribeTheCoresTables) {
  ASSERT_EQ(edgejwt_algorithms(context_, out_), EDGEJWT_OK);
  const std::string json = text(result().output, result().output_len);
  EXPECT_EQ(json.rfind(R"({"algorithms":[{"alg":"HS256","family":"HMAC","kty":"oct","scheme":"hmac","hashBits":256,)"
                       R"("signatureLength":32},)",
                       0),
            0u)
      << json;
  EXPECT_NE(json.find(R"({"alg":"ES256","family":"EC P-256","kty":"EC","crv":"P-256","scheme":"ecdsa","hashBits":256,)"
                      R"("signatureLength":64})"),
            std::string::npos);
  EXPECT_NE(json.find(R"("families":[{"name":"HMAC","kty":"oct"},{"name":"RSA","kty":"RSA","minModulusBits":2048,)"),
            std::string::npos);
}

TEST_F(Abi, UnknownFormatsAreInvalidArgumentsNamedFormat) {
  const std::vector<uint8_t> secret(32, 1);
  EXPECT_EQ(edgejwt_key_import(context_, out_, 99, secret.data(), secret.size(), nullptr, 0),
            code(edgejwt::Status::InvalidArgument));
  EXPECT_EQ(detail(), "format");
  const edgejwt_handle key = import_secret(32);
  EXPECT_EQ(edgejwt_key_export(context_, out_, key, 0), code(edgejwt::Status::InvalidArgument));
  EXPECT_EQ(detail(), "format");
  EXPECT_EQ(result().output_len, 0u);
  ASSERT_EQ(edgejwt_key_export(context_, out_, key, EDGEJWT_EXPORT_JWK_PRIVATE), EDGEJWT_OK);
}
