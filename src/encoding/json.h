// Strict JSON for JOSE (RFC 7515 §4, RFC 8725 §3.2 and RFC 8259): exactly one value, valid UTF-8
// (no encoded surrogates), no NaN/Infinity, numbers that fit a double, no duplicate member names,
// and bounded nesting depth and entry count so hostile input cannot exhaust the stack or the heap.
#pragma once
#include <string_view>

#include <rapidjson/document.h>

#include "../status.h"

namespace edgejwt {

struct JsonLimits {
  unsigned max_depth = 16;       // objects/arrays nested inside each other, the root being depth 1
  unsigned max_entries = 1000;   // members of one object, or elements of one array
};

using JsonDocument = rapidjson::Document;
using JsonValue = rapidjson::Value;

// A document parsed again and again (one per token part on the hot path). RapidJSON's memory pool
// frees nothing until it is cleared, so a reused plain Document would grow with every parse; this
// one clears its pool before each parse, and the pool starts in an inline buffer, so a
// steady-state parse of a typical header or claims set allocates nothing.
class ReusableJsonDocument {
 public:
  ReusableJsonDocument() : pool_(inline_buffer_, sizeof inline_buffer_), document_(&pool_) {}
  ReusableJsonDocument(const ReusableJsonDocument &) = delete;
  ReusableJsonDocument &operator=(const ReusableJsonDocument &) = delete;

  // The document, emptied, with everything the previous parse built released.
  JsonDocument &reset() {
    document_.SetNull();
    pool_.Clear();
    return document_;
  }
  const JsonDocument &document() const { return document_; }

 private:
  char inline_buffer_[4096];
  rapidjson::MemoryPoolAllocator<> pool_;
  JsonDocument document_;
};

// Parses `text` into `document`; on failure `document` is left unspecified.
Status parse_strict_json(std::string_view text, const JsonLimits &limits, JsonDocument &document);

// As parse_strict_json, and the root must be an object.
Status parse_json_object(std::string_view text, const JsonLimits &limits, JsonDocument &document);

// The member named `name`, or nullptr.
const JsonValue *find_member(const JsonValue &object, std::string_view name);

inline std::string_view string_view_of(const JsonValue &string) {
  return {string.GetString(), string.GetStringLength()};
}

}  // namespace edgejwt
