// Strict JSON for JOSE (RFC 7515 §4, RFC 8725 §3.2 and RFC 8259): exactly one value, valid UTF-8
// (no encoded surrogates), no NaN/Infinity, numbers that fit a double, no duplicate member names,
// and bounded nesting depth and entry count so hostile input cannot exhaust the stack or the heap.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "../status.h"

namespace edgejwt {

struct JsonLimits {
  unsigned max_depth = 16;       // objects/arrays nested inside each other, the root being depth 1
  unsigned max_entries = 1000;   // members of one object, or elements of one array
};

// The most a policy may raise max_depth to (the C ABI's EDGEJWT_MAX_JSON_DEPTH). Parsing and the
// duplicate check need no stack for depth, but what consumes the claims (a host walking them, the
// verified-token cache freezing them) may; no real claims set comes near it.
constexpr unsigned kMaxJsonDepthBound = 64;

using JsonAllocator = rapidjson::MemoryPoolAllocator<>;
using JsonValue = rapidjson::GenericValue<rapidjson::UTF8<>, JsonAllocator>;

// A parsed document, made to be parsed into again and again (one per token part on the hot path)
// without allocating in steady state: the text is copied into a buffer kept from parse to parse
// and parsed in place (the document's strings view that copy), and the values and RapidJSON's
// working stacks come from a pool that starts in an inline buffer and is emptied, not freed,
// before each parse. A document larger than the inline buffer takes heap chunks for that parse.
class JsonDocument {
 public:
  JsonDocument() : pool_(inline_buffer_, sizeof inline_buffer_), document_(&pool_, kStackCapacity, &pool_) {}
  JsonDocument(const JsonDocument &) = delete;
  JsonDocument &operator=(const JsonDocument &) = delete;

  const JsonValue &root() const { return document_; }

 private:
  friend Status parse_strict_json(std::string_view text, const JsonLimits &limits, JsonDocument &document);
  static constexpr size_t kStackCapacity = 512;

  alignas(8) char inline_buffer_[4096];
  JsonAllocator pool_;
  rapidjson::GenericDocument<rapidjson::UTF8<>, JsonAllocator, JsonAllocator> document_;
  std::string text_;                             // the parsed copy of the text
  std::vector<unsigned> entries_;                // per open depth, entries seen (entry limit)
  std::vector<const JsonValue::Member *> names_; // one object's names, sorted (duplicate check)
  std::vector<const JsonValue *> pending_;       // containers still to check for duplicate names
};

// Parses `text` into `document`, replacing what it held; on failure the document is unspecified.
Status parse_strict_json(std::string_view text, const JsonLimits &limits, JsonDocument &document);

// As parse_strict_json, and the root must be an object.
Status parse_json_object(std::string_view text, const JsonLimits &limits, JsonDocument &document);

// The member named `name`, or nullptr.
const JsonValue *find_member(const JsonValue &object, std::string_view name);

inline std::string_view string_view_of(const JsonValue &string) {
  return {string.GetString(), string.GetStringLength()};
}

}  // namespace edgejwt
