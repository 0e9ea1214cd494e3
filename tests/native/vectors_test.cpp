// The vector suites' loader (vectors.h): a vector file missing from the folder, or one that is not
// JSON, is a failure naming it; before, both became a skip, so a broken file looked like a pass.
#include "vectors.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace {

class VectorFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("edgejwt-vectors-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "good.json") << R"({"testGroups":[]})";
    std::ofstream(dir_ / "truncated.json") << R"({"testGroups":[{"tests":[)";
    const char *previous = std::getenv("EDGEJWT_VECTORS");
    previous_ = previous ? previous : "";
    ::setenv("EDGEJWT_VECTORS", dir_.c_str(), 1);
  }
  void TearDown() override {
    if (previous_.empty()) ::unsetenv("EDGEJWT_VECTORS");
    else ::setenv("EDGEJWT_VECTORS", previous_.c_str(), 1);
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::string previous_;
};

TEST_F(VectorFiles, AMalformedOrMissingFileIsAProblemNamingIt) {
  rapidjson::Document document;
  EXPECT_TRUE(edgejwt::test::vectors_present());
  EXPECT_EQ(edgejwt::test::load_vectors("good.json", document), "");
  EXPECT_TRUE(document["testGroups"].IsArray());
  EXPECT_NE(edgejwt::test::load_vectors("truncated.json", document).find("truncated.json is not JSON"), std::string::npos);
  EXPECT_NE(edgejwt::test::load_vectors("renamed.json", document).find("renamed.json cannot be read"), std::string::npos);
  ::setenv("EDGEJWT_VECTORS", (dir_ / "absent").c_str(), 1);
  EXPECT_FALSE(edgejwt::test::vectors_present());
}

}  // namespace
