// Results the caller owns (issue 13, item 1): every call writes into the result it is given and
// nowhere else, so no call can change what another returned; a begun verification owns its token,
// so no call between begin and finish changes what finish reports. Every ABI call the JS API makes
// is run after every other one (each succeeding and failing), on one context.
#include "edgejwt.h"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "status.h"

namespace {

std::string text(const uint8_t *data, size_t size) {
  return data ? std::string(reinterpret_cast<const char *>(data), size) : std::string();
}
const uint8_t *bytes(const std::string &text) { return reinterpret_cast<const uint8_t *>(text.data()); }

// What a call left in a result: its fields and copies of the bytes each pointer points at.
struct Snapshot {
  edgejwt_result fields;
  std::string header, payload, output, detail, signing_input, signature;

  explicit Snapshot(const edgejwt_result &result)
      : fields(result),
        header(text(result.header, result.header_len)),
        payload(text(result.payload, result.payload_len)),
        output(text(result.output, result.output_len)),
        detail(text(result.detail, result.detail_len)),
        signing_input(text(result.signing_input, result.signing_input_len)),
        signature(text(result.signature, result.signature_len)) {}

  // The same bytes and numbers, wherever they are.
  bool same_contents(const Snapshot &other) const {
    return header == other.header && payload == other.payload && output == other.output &&
           detail == other.detail && signing_input == other.signing_input && signature == other.signature &&
           fields.handle == other.fields.handle && fields.key_index == other.fields.key_index &&
           fields.valid_from == other.fields.valid_from && fields.valid_until == other.fields.valid_until;
  }
  // And at the same addresses.
  bool operator==(const Snapshot &other) const {
    return same_contents(other) && fields.header == other.fields.header && fields.payload == other.fields.payload &&
           fields.output == other.fields.output && fields.detail == other.fields.detail &&
           fields.signing_input == other.fields.signing_input && fields.signature == other.fields.signature;
  }
};

struct ResultDeleter {
  void operator()(edgejwt_result *result) const { edgejwt_result_free(result); }
};
using Result = std::unique_ptr<edgejwt_result, ResultDeleter>;
Result new_result() { return Result(edgejwt_result_new()); }

using Call = std::function<edgejwt_status(edgejwt_result *)>;
struct NamedCall {
  std::string name;
  Call run;
};

constexpr double kNow = 1.8e9;

class ResultOwnership : public ::testing::Test {
 protected:
  void SetUp() override {
    context_ = edgejwt_context_new();
    const std::vector<uint8_t> secret(32, 7);
    hmac_ = made(edgejwt_key_import(context_, scratch(), EDGEJWT_KEY_SECRET, secret.data(), secret.size(), "", 0));
    es_private_ = made(edgejwt_key_generate(context_, scratch(), "ES256", 5, 0));
    es_public_ = made(edgejwt_key_public(context_, scratch(), es_private_));
    ASSERT_EQ(edgejwt_key_export(context_, scratch(), es_public_, EDGEJWT_EXPORT_JWK_PUBLIC), EDGEJWT_OK);
    jwk_ = output();
    jwks_ = R"({"keys":[)" + jwk_.substr(0, jwk_.size() - 1) + R"(,"kid":"k1"}]})";
    set_ = made(edgejwt_key_import_jwks(context_, scratch(), jwks_.data(), jwks_.size()));
    policy_ = made(edgejwt_policy_create(context_, scratch(), kPolicy.data(), kPolicy.size()));
    hs_token_ = signed_by(hmac_, R"({"alg":"HS256","typ":"JWT"})", R"({"sub":"a","exp":1900000000})");
    es_token_ = signed_by(es_private_, R"({"alg":"ES256","kid":"k1"})", R"({"sub":"b","nbf":1700000000})");
    expired_ = signed_by(hmac_, R"({"alg":"HS256"})", R"({"exp":1000})");
  }
  void TearDown() override { edgejwt_context_free(context_); }

  edgejwt_result *scratch() { return scratch_.get(); }
  std::string output() const { return text(scratch_->output, scratch_->output_len); }
  edgejwt_handle made(edgejwt_status status) {
    EXPECT_EQ(status, EDGEJWT_OK);
    return scratch_->handle;
  }
  std::string signed_by(edgejwt_handle key, const std::string &header, const std::string &payload) {
    EXPECT_EQ(edgejwt_sign(context_, scratch(), key, 0, header.data(), header.size(), payload.data(), payload.size()),
              EDGEJWT_OK);
    return output();
  }
  edgejwt_status begin(edgejwt_result *result, edgejwt_handle key, const std::string &token) {
    return edgejwt_verify_begin(context_, result, key, policy_, token.data(), token.size());
  }

  // Every call the API makes, each as a success and, where it can fail, as a failure.
  std::vector<NamedCall> calls() {
    edgejwt_context *const c = context_;
    const std::vector<uint8_t> short_secret(31, 1);
    return {
        {"key_import", [=](edgejwt_result *r) {
           return edgejwt_key_import(c, r, EDGEJWT_KEY_JWK, bytes(jwk_), jwk_.size(), "ES256", 5);
         }},
        {"key_import refused", [=](edgejwt_result *r) {
           return edgejwt_key_import(c, r, EDGEJWT_KEY_SECRET, short_secret.data(), short_secret.size(), "", 0);
         }},
        {"key_import_jwks", [=](edgejwt_result *r) { return edgejwt_key_import_jwks(c, r, jwks_.data(), jwks_.size()); }},
        {"key_import_jwks refused", [=](edgejwt_result *r) { return edgejwt_key_import_jwks(c, r, "{}", 2); }},
        {"key_generate", [=](edgejwt_result *r) { return edgejwt_key_generate(c, r, "HS256", 5, 0); }},
        {"key_public", [=](edgejwt_result *r) { return edgejwt_key_public(c, r, es_private_); }},
        {"key_public refused", [=](edgejwt_result *r) { return edgejwt_key_public(c, r, set_); }},
        {"key_export", [=](edgejwt_result *r) { return edgejwt_key_export(c, r, es_private_, EDGEJWT_EXPORT_PKCS8_PEM); }},
        {"key_thumbprint", [=](edgejwt_result *r) { return edgejwt_key_thumbprint(c, r, es_public_, 256); }},
        {"key_describe", [=](edgejwt_result *r) { return edgejwt_key_describe(c, r, set_); }},
        {"algorithms", [=](edgejwt_result *r) { return edgejwt_algorithms(c, r); }},
        {"key_release", [=](edgejwt_result *r) {
           edgejwt_result *const s = scratch_.get();
           edgejwt_key_import(c, s, EDGEJWT_KEY_JWK, bytes(jwk_), jwk_.size(), "", 0);
           return edgejwt_key_release(c, r, s->handle);
         }},
        {"key_release refused", [=](edgejwt_result *r) { return edgejwt_key_release(c, r, 0); }},
        {"policy_create", [=](edgejwt_result *r) { return edgejwt_policy_create(c, r, kPolicy.data(), kPolicy.size()); }},
        {"policy_create refused", [=](edgejwt_result *r) { return edgejwt_policy_create(c, r, "{\"x\":1}", 7); }},
        {"policy_release", [=](edgejwt_result *r) {
           edgejwt_result *const s = scratch_.get();
           edgejwt_policy_create(c, s, kPolicy.data(), kPolicy.size());
           return edgejwt_policy_release(c, r, s->handle);
         }},
        {"sign", [=](edgejwt_result *r) { return edgejwt_sign(c, r, hmac_, 0, R"({"alg":"HS256"})", 15, "{}", 2); }},
        {"sign refused", [=](edgejwt_result *r) { return edgejwt_sign(c, r, hmac_, 0, R"({"alg":"ES256"})", 15, "{}", 2); }},
        {"compact_sign", [=](edgejwt_result *r) {
           return edgejwt_compact_sign(c, r, es_private_, 0, R"({"alg":"ES256"})", 15, bytes(jwk_), 3);
         }},
        {"verify", [=](edgejwt_result *r) {
           return edgejwt_verify(c, r, hmac_, policy_, hs_token_.data(), hs_token_.size(), kNow);
         }},
        {"verify with a set", [=](edgejwt_result *r) {
           return edgejwt_verify(c, r, set_, policy_, es_token_.data(), es_token_.size(), kNow);
         }},
        {"verify refused", [=](edgejwt_result *r) {
           return edgejwt_verify(c, r, hmac_, policy_, expired_.data(), expired_.size(), kNow);
         }},
        {"compact_verify", [=](edgejwt_result *r) {
           return edgejwt_compact_verify(c, r, es_public_, 0, es_token_.data(), es_token_.size());
         }},
        {"verify_begin", [=](edgejwt_result *r) { return edgejwt_verify_begin(c, r, set_, policy_, es_token_.data(), es_token_.size()); }},
        {"key_select", [=](edgejwt_result *r) { return edgejwt_key_select(c, r, set_, R"({"alg":"ES256","kid":"k1"})", 26); }},
        {"key_select refused", [=](edgejwt_result *r) { return edgejwt_key_select(c, r, set_, R"({"alg":"ES256","kid":"k2"})", 26); }},
        {"verify_begin refused", [=](edgejwt_result *r) {
           return edgejwt_verify_begin(c, r, hmac_, policy_, es_token_.data(), es_token_.size());
         }},
        {"verify_finish", [=](edgejwt_result *r) {
           edgejwt_result *const s = scratch_.get();
           edgejwt_verify_begin(c, s, hmac_, policy_, hs_token_.data(), hs_token_.size());
           return edgejwt_verify_finish(c, r, s->handle, EDGEJWT_PAYLOAD_JWT, 1, kNow);
         }},
        {"verify_finish refused", [=](edgejwt_result *r) {
           edgejwt_result *const s = scratch_.get();
           edgejwt_verify_begin(c, s, hmac_, policy_, expired_.data(), expired_.size());
           return edgejwt_verify_finish(c, r, s->handle, EDGEJWT_PAYLOAD_JWT, 1, kNow);
         }},
        {"verification_release", [=](edgejwt_result *r) {
           edgejwt_result *const s = scratch_.get();
           edgejwt_verify_begin(c, s, hmac_, policy_, hs_token_.data(), hs_token_.size());
           return edgejwt_verification_release(c, r, s->handle);
         }},
        {"check_signature", [=](edgejwt_result *r) {
           return edgejwt_check_signature(c, r, hmac_, "HS256", 5, bytes(hs_token_), 10, bytes(hs_token_), 32);
         }},
        {"decode", [=](edgejwt_result *r) { return edgejwt_decode(c, r, 0, es_token_.data(), es_token_.size()); }},
        {"decode refused", [=](edgejwt_result *r) { return edgejwt_decode(c, r, 0, "e30.W10.", 8); }},
        {"decode_header", [=](edgejwt_result *r) { return edgejwt_decode_header(c, r, 0, hs_token_.data(), 36); }},
        {"decode_payload", [=](edgejwt_result *r) {
           return edgejwt_decode_payload(c, r, 0, es_token_.data(), es_token_.size());
         }},
    };
  }

  static constexpr std::string_view kPolicy = R"({"algorithms":["HS256","ES256"],"clockTolerance":5})";
  edgejwt_context *context_ = nullptr;
  Result scratch_ = new_result();
  edgejwt_handle hmac_ = 0, es_private_ = 0, es_public_ = 0, set_ = 0, policy_ = 0;
  std::string jwk_, jwks_, hs_token_, es_token_, expired_;
};

TEST_F(ResultOwnership, NoCallChangesAResultAnotherCallReturned) {
  const std::vector<NamedCall> every = calls();
  for (const NamedCall &first : every) {
    for (const NamedCall &second : every) {
      Result returned = new_result(), other = new_result();
      first.run(returned.get());
      const Snapshot before(*returned);
      second.run(other.get());
      EXPECT_TRUE(Snapshot(*returned) == before) << first.name << ", then " << second.name;
    }
  }
}

TEST_F(ResultOwnership, NoCallBetweenBeginAndFinishChangesWhatFinishReports) {
  Result begun = new_result(), finished = new_result();
  ASSERT_EQ(begin(begun.get(), set_, es_token_), EDGEJWT_OK);
  ASSERT_EQ(edgejwt_verify_finish(context_, finished.get(), begun->handle, EDGEJWT_PAYLOAD_JWT, 1, kNow), EDGEJWT_OK);
  const Snapshot alone(*finished);
  EXPECT_EQ(alone.payload, R"({"sub":"b","nbf":1700000000})");
  EXPECT_EQ(alone.fields.key_index, 0u);

  for (const NamedCall &between : calls()) {
    ASSERT_EQ(begin(begun.get(), set_, es_token_), EDGEJWT_OK);
    const Snapshot at_begin(*begun);
    Result other = new_result();
    between.run(other.get());
    EXPECT_TRUE(Snapshot(*begun) == at_begin) << between.name;  // the signing input and signature too
    ASSERT_EQ(edgejwt_verify_finish(context_, finished.get(), at_begin.fields.handle, EDGEJWT_PAYLOAD_JWT, 1, kNow),
              EDGEJWT_OK)
        << between.name;
    EXPECT_TRUE(Snapshot(*finished).same_contents(alone)) << between.name;
  }
}

TEST_F(ResultOwnership, PendingVerificationsFinishInAnyOrder) {
  std::vector<Result> begun;
  for (int i = 0; i < 8; ++i) {
    begun.push_back(new_result());
    ASSERT_EQ(begin(begun.back().get(), i % 2 ? set_ : hmac_, i % 2 ? es_token_ : hs_token_), EDGEJWT_OK);
  }
  Result finished = new_result();
  for (int i = 7; i >= 0; --i) {
    ASSERT_EQ(edgejwt_verify_finish(context_, finished.get(), begun[i]->handle, EDGEJWT_PAYLOAD_JWT, 1, kNow),
              EDGEJWT_OK);
    EXPECT_EQ(text(finished->payload, finished->payload_len),
              i % 2 ? R"({"sub":"b","nbf":1700000000})" : R"({"sub":"a","exp":1900000000})");
  }
}

}  // namespace

// The key a set would verify a token with, asked with the header alone (jose's resolver): verify's
// own choice, by alg and kid; a single key is its own answer.
TEST_F(ResultOwnership, KeySelectAnswersAsVerifyChooses) {
  const std::string by_kid = R"({"alg":"ES256","kid":"k1"})";
  ASSERT_EQ(edgejwt_key_select(context_, scratch(), set_, by_kid.data(), by_kid.size()), EDGEJWT_OK);
  EXPECT_EQ(scratch()->key_index, 0u);
  ASSERT_EQ(edgejwt_verify(context_, scratch(), set_, policy_, es_token_.data(), es_token_.size(), kNow), EDGEJWT_OK);
  EXPECT_EQ(scratch()->key_index, 0u);
  const std::string other_kid = R"({"alg":"ES256","kid":"k2"})";
  EXPECT_EQ(edgejwt_key_select(context_, scratch(), set_, other_kid.data(), other_kid.size()),
            static_cast<edgejwt_status>(edgejwt::Status::JwksNoMatchingKey));
  const std::string other_family = R"({"alg":"RS256"})";
  EXPECT_EQ(edgejwt_key_select(context_, scratch(), set_, other_family.data(), other_family.size()),
            static_cast<edgejwt_status>(edgejwt::Status::JwksNoMatchingKey));
  const std::string unknown_alg = R"({"alg":"none"})";
  EXPECT_EQ(edgejwt_key_select(context_, scratch(), set_, unknown_alg.data(), unknown_alg.size()),
            static_cast<edgejwt_status>(edgejwt::Status::AlgNotSupported));
  const std::string not_json = "{alg";
  EXPECT_EQ(edgejwt_key_select(context_, scratch(), set_, not_json.data(), not_json.size()),
            static_cast<edgejwt_status>(edgejwt::Status::JsonInvalid));
  EXPECT_EQ(edgejwt_key_select(context_, scratch(), es_public_, by_kid.data(), by_kid.size()), EDGEJWT_OK);
  EXPECT_EQ(scratch()->key_index, 0u);
}
