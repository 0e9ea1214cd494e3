// Finding ../shared/vectors (or $EDGEJWT_VECTORS) and reading its JSON files.
#pragma once
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "status.h"
#include "test_support.h"

namespace edgejwt::test {

inline std::string vectors_dir() {
  const char *configured = std::getenv("EDGEJWT_VECTORS");
  return configured && *configured ? configured : EDGEJWT_DEFAULT_VECTORS;
}

// Whether the vectors folder is there at all: without it the suites skip, saying where they looked.
inline bool vectors_present() {
  std::error_code error;
  return std::filesystem::is_directory(vectors_dir(), error);
}

// The document; an empty string when it loaded, or why not (a file missing from a folder that is
// there, or one that is not JSON: the test fails, as a vector file gone wrong must never pass).
inline std::string load_vectors(const std::string &relative_path, rapidjson::Document &document) {
  const std::string path = vectors_dir() + "/" + relative_path;
  std::ifstream file(path);
  if (!file) return "vector file " + path + " cannot be read";
  std::stringstream text;
  text << file.rdbuf();
  document.Parse(text.str().c_str());
  if (document.HasParseError()) return "vector file " + path + " is not JSON";
  return "";
}

// Checks every test of a Wycheproof signature group with `verify(message, signature)`: "valid"
// must give Ok, a signature of the wrong size SignatureLength, anything else SignatureInvalid.
// The pinned files have no "acceptable" case; a newer file that adds some must be decided on
// explicitly (by its flags) rather than pass silently. Returns how many tests ran.
template <typename Verify>
size_t check_signature_group(const rapidjson::Value &group, size_t signature_size, Verify verify) {
  size_t checked = 0;
  for (const auto &test : group["tests"].GetArray()) {
    const auto message = from_hex(test["msg"].GetString());
    const auto signature = from_hex(test["sig"].GetString());
    const std::string result = test["result"].GetString();
    EXPECT_NE(result, "acceptable") << "tcId " << test["tcId"].GetInt();
    const Status expected = result == "valid"                    ? Status::Ok
                            : signature.size() != signature_size ? Status::SignatureLength
                                                                 : Status::SignatureInvalid;
    EXPECT_EQ(verify(ByteView(message), ByteView(signature)), expected)
        << "tcId " << test["tcId"].GetInt() << ": " << test["comment"].GetString();
    ++checked;
  }
  return checked;
}

}  // namespace edgejwt::test

// Loads `path` into `document`: skips the test when the vectors folder is absent (saying where it
// was looked for), fails it when the file is missing or malformed.
#define EDGEJWT_LOAD_VECTORS_OR_SKIP(path, document)                                               \
  if (!edgejwt::test::vectors_present())                                                           \
    GTEST_SKIP() << "test vectors not found: " << edgejwt::test::vectors_dir()                     \
                 << " is absent (set EDGEJWT_VECTORS to the shared vectors folder)";               \
  if (const std::string problem = edgejwt::test::load_vectors(path, document); !problem.empty()) \
  GTEST_FAIL() << problem
