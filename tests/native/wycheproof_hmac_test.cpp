// Wycheproof HMAC-SHA2 vectors against the primitive HS256/384/512 use. Only full-length tags
// apply to JWS; truncated-tag groups are counted as not applicable, not silently passed.
#include <gtest/gtest.h>

#include "crypto/hmac.h"
#include "test_support.h"
#include "vectors.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

struct HmacFile {
  const char *path;
  Hash hash;
};

class WycheproofHmac : public ::testing::TestWithParam<HmacFile> {};

TEST_P(WycheproofHmac, FullLengthTags) {
  rapidjson::Document document;
  EDGEJWT_LOAD_VECTORS_OR_SKIP(GetParam().path, document);
  const Hash hash = GetParam().hash;
  size_t checked = 0;
  for (const auto &group : document["testGroups"].GetArray()) {
    if (group["tagSize"].GetUint() != hash_size(hash) * 8) continue;  // truncated tags: not JWS
    for (const auto &test : group["tests"].GetArray()) {
      const auto key = from_hex(test["key"].GetString());
      const auto message = from_hex(test["msg"].GetString());
      const auto tag = from_hex(test["tag"].GetString());
      const std::string result = test["result"].GetString();
      uint8_t computed[kMaxHashSize];
      HmacPads(key).mac(hash, message, computed);
      const bool matches = tag.size() == hash_size(hash) && constant_time_equal(computed, tag.data(), tag.size());
      EXPECT_EQ(matches, result == "valid") << "tcId " << test["tcId"].GetInt() << ": " << test["comment"].GetString();
      ++checked;
    }
  }
  EXPECT_GT(checked, 50u);
}

INSTANTIATE_TEST_SUITE_P(Files, WycheproofHmac,
                         ::testing::Values(HmacFile{"wycheproof/hmac_sha256_test.json", Hash::Sha256},
                                           HmacFile{"wycheproof/hmac_sha384_test.json", Hash::Sha384},
                                           HmacFile{"wycheproof/hmac_sha512_test.json", Hash::Sha512}),
                         [](const auto &info) { return std::string(info.param.path).substr(11, 11); });

}  // namespace
