// Wycheproof RSA signature vectors against the primitives RS256/384/512 (PKCS#1 v1.5) and
// PS256/384/512 (PSS) use. Only groups that match a JWS algorithm apply: SHA-256/384/512, and for
// PSS MGF1 over the same hash with a salt as long as it; keys under 2048 bits do not apply either.
// The others are counted as not applicable, never silently passed.
//
// "acceptable" results: every one in these files is flagged MissingNull (a DigestInfo without its
// NULL parameters). RFC 8017 §9.2 encodes the NULL, every JWS signer writes it, and our verifier
// compares the whole re-encoded block, so these are rejected. Any other flag fails the test until
// someone decides on it.
#include <gtest/gtest.h>

#include <string>

#include "crypto/rsa.h"
#include "test_support.h"
#include "vectors.h"

using namespace edgejwt;
using namespace edgejwt::test;

namespace {

enum class Scheme { Pkcs1, Pss };

struct RsaFile {
  const char *path;
  Scheme scheme;
  size_t min_checked;  // the file's applicable tests, so that an empty loop cannot pass
};

bool hash_named(const std::string &name, Hash &hash) {
  for (Hash candidate : {Hash::Sha256, Hash::Sha384, Hash::Sha512}) {
    if (name == "SHA-" + std::to_string(hash_size(candidate) * 8)) {
      hash = candidate;
      return true;
    }
  }
  return false;
}

// The hash of a group whose parameters a JWS algorithm uses, or false.
bool applicable_hash(const rapidjson::Value &group, Scheme scheme, Hash &hash) {
  if (!hash_named(group["sha"].GetString(), hash)) return false;
  if (scheme == Scheme::Pkcs1) return true;
  const std::string mgf = group["mgf"].GetString(), mgf_hash = group["mgfSha"].GetString();
  return mgf == "MGF1" && mgf_hash == group["sha"].GetString() && group["sLen"].GetUint() == hash_size(hash);
}

bool is_missing_null(const rapidjson::Value &test) {
  const auto &flags = test["flags"];
  return flags.Size() == 1 && std::string(flags[0].GetString()) == "MissingNull";
}

class WycheproofRsa : public ::testing::TestWithParam<RsaFile> {};

TEST_P(WycheproofRsa, JwsParameterGroups) {
  rapidjson::Document document;
  EDGEJWT_LOAD_VECTORS_OR_SKIP(GetParam().path, document);
  const Scheme scheme = GetParam().scheme;
  size_t checked = 0, not_applicable = 0;
  for (const auto &group : document["testGroups"].GetArray()) {
    const RsaPublicKey key{from_hex(group["publicKey"]["modulus"].GetString()),
                           from_hex(group["publicKey"]["publicExponent"].GetString())};
    Hash hash = Hash::Sha256;
    const Status key_status = rsa_check_public_key(key);
    if (!applicable_hash(group, scheme, hash) || key_status == Status::KeyTooShort) {
      not_applicable += group["tests"].Size();
      continue;
    }
    ASSERT_EQ(key_status, Status::Ok) << "group with keySize " << group["keySize"].GetUint();
    for (const auto &test : group["tests"].GetArray()) {
      const auto message = from_hex(test["msg"].GetString());
      const auto signature = from_hex(test["sig"].GetString());
      const std::string result = test["result"].GetString();
      const Status status = scheme == Scheme::Pkcs1 ? rsa_pkcs1_verify(hash, key, message, signature)
                                                    : rsa_pss_verify(hash, key, message, signature);
      const std::string where = "tcId " + std::to_string(test["tcId"].GetInt()) + ": " + test["comment"].GetString();
      if (result == "valid") {
        EXPECT_EQ(status, Status::Ok) << where;
      } else if (result == "invalid" || (result == "acceptable" && is_missing_null(test))) {
        EXPECT_NE(status, Status::Ok) << where;
      } else {
        ADD_FAILURE() << where << ": an acceptable case with flags nobody has decided on";
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, GetParam().min_checked);
  EXPECT_EQ(checked + not_applicable, document["numberOfTests"].GetUint());
}

INSTANTIATE_TEST_SUITE_P(
    Files, WycheproofRsa,
    ::testing::Values(RsaFile{"wycheproof/rsa_signature_2048_sha256_test.json", Scheme::Pkcs1, 259},
                      RsaFile{"wycheproof/rsa_signature_2048_sha384_test.json", Scheme::Pkcs1, 258},
                      RsaFile{"wycheproof/rsa_signature_2048_sha512_test.json", Scheme::Pkcs1, 259},
                      RsaFile{"wycheproof/rsa_signature_3072_sha256_test.json", Scheme::Pkcs1, 259},
                      RsaFile{"wycheproof/rsa_signature_3072_sha384_test.json", Scheme::Pkcs1, 259},
                      RsaFile{"wycheproof/rsa_signature_3072_sha512_test.json", Scheme::Pkcs1, 260},
                      RsaFile{"wycheproof/rsa_signature_4096_sha256_test.json", Scheme::Pkcs1, 258},
                      RsaFile{"wycheproof/rsa_signature_4096_sha384_test.json", Scheme::Pkcs1, 259},
                      RsaFile{"wycheproof/rsa_signature_4096_sha512_test.json", Scheme::Pkcs1, 259},
                      RsaFile{"wycheproof/rsa_pss_2048_sha256_mgf1_32_test.json", Scheme::Pss, 108},
                      RsaFile{"wycheproof/rsa_pss_2048_sha384_mgf1_48_test.json", Scheme::Pss, 141},
                      RsaFile{"wycheproof/rsa_pss_4096_sha512_mgf1_64_test.json", Scheme::Pss, 179},
                      // 3 of its 150 groups are PS256, PS384 and PS512; the others use SHA-1,
                      // SHA-224, a different MGF1 hash or another salt length.
                      RsaFile{"wycheproof/rsa_pss_misc_test.json", Scheme::Pss, 3}),
    [](const auto &info) {
      std::string name = info.param.path;
      name = name.substr(name.find('/') + 1);
      name = name.substr(0, name.size() - std::string("_test.json").size());
      return name;
    });

}  // namespace
