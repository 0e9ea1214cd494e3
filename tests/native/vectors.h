// Finding ../shared/vectors (or $EDGEJWT_VECTORS) and reading its JSON files.
#pragma once
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <rapidjson/document.h>

namespace edgejwt::test {

inline std::string vectors_dir() {
  const char *configured = std::getenv("EDGEJWT_VECTORS");
  return configured && *configured ? configured : EDGEJWT_DEFAULT_VECTORS;
}

// False when the file is absent (the caller skips); the document otherwise.
inline bool load_vectors(const std::string &relative_path, rapidjson::Document &document) {
  std::ifstream file(vectors_dir() + "/" + relative_path);
  if (!file) return false;
  std::stringstream text;
  text << file.rdbuf();
  document.Parse(text.str().c_str());
  return !document.HasParseError();
}

}  // namespace edgejwt::test

// Skips the test, saying where the vectors were looked for, when they are absent.
#define EDGEJWT_LOAD_VECTORS_OR_SKIP(path, document)                                          \
  if (!edgejwt::test::load_vectors(path, document))                                           \
  GTEST_SKIP() << "test vectors not found: " << edgejwt::test::vectors_dir() << "/" << path \
               << " (set EDGEJWT_VECTORS to the shared vectors folder)"
