#include "json.h"

#include <algorithm>
#include <cstring>

#include <rapidjson/reader.h>

#include "utf8.h"

namespace edgejwt {
namespace {

// Not kParseValidateEncodingFlag: the whole text is checked first, faster (utf8.cpp).
// Not kParseFullPrecisionFlag: RapidJSON 1.1.0's full-precision conversion turns a number whose
// digits are all zeros into an arbitrary value when its exponent is beyond ±22 (DiyFp::Normalize
// of 0 calls __builtin_clzll(0)): {"exp":0e99} never expired. The default conversion is exact for
// up to 15 significant digits with an exponent within ±22 (any NumericDate), a few units in the
// last place off beyond that.
constexpr unsigned kParseFlags = rapidjson::kParseInsituFlag |     // strings stay in the text's copy
                                 rapidjson::kParseIterativeFlag;  // no recursion on hostile nesting

// The UTF-8 of U+D800..U+DFFF in a parsed string. The text has none (checked whole), so these bytes
// can only come from an escape: RapidJSON turns a lone "\uDC00" into them.
bool has_encoded_surrogate(const char *text, size_t length) {
  for (size_t i = 0; i + 1 < length; ++i) {
    if (static_cast<unsigned char>(text[i]) == 0xED && (static_cast<unsigned char>(text[i + 1]) & 0xE0) == 0xA0) {
      return true;
    }
  }
  return false;
}

using Dom = rapidjson::GenericDocument<rapidjson::UTF8<>, JsonAllocator, JsonAllocator>;

// Forwards SAX events to the document while enforcing depth, entry count and string validity,
// so a hostile document is refused before it is built.
class LimitingHandler {
 public:
  // `has_escapes`: whether the text has a backslash, without which no string needs the surrogate check.
  LimitingHandler(Dom &document, const JsonLimits &limits, std::vector<unsigned> &entries, bool has_escapes)
      : document_(document), limits_(limits), entries_(entries), has_escapes_(has_escapes) {}

  Status failure() const { return failure_; }

  bool Null() { return count_entry() && document_.Null(); }
  bool Bool(bool b) { return count_entry() && document_.Bool(b); }
  bool Int(int i) { return count_entry() && document_.Int(i); }
  bool Uint(unsigned u) { return count_entry() && document_.Uint(u); }
  bool Int64(int64_t i) { return count_entry() && document_.Int64(i); }
  bool Uint64(uint64_t u) { return count_entry() && document_.Uint64(u); }
  bool Double(double d) { return count_entry() && document_.Double(d); }
  bool RawNumber(const char *, rapidjson::SizeType, bool) { return false; }  // not requested
  bool String(const char *s, rapidjson::SizeType length, bool copy) {
    return count_entry() && valid_string(s, length) && document_.String(s, length, copy);
  }
  bool Key(const char *s, rapidjson::SizeType length, bool copy) {
    // A key and its value are one entry: the value is counted, the key only checked.
    return valid_string(s, length) && document_.Key(s, length, copy);
  }
  bool StartObject() { return count_entry() && open() && document_.StartObject(); }
  bool EndObject(rapidjson::SizeType count) { return close() && document_.EndObject(count); }
  bool StartArray() { return count_entry() && open() && document_.StartArray(); }
  bool EndArray(rapidjson::SizeType count) { return close() && document_.EndArray(count); }

 private:
  bool fail(Status status) {
    failure_ = status;
    return false;
  }
  bool count_entry() {
    if (depth_ == 0) return true;  // the root value
    if (++entries_[depth_ - 1] > limits_.max_entries) return fail(Status::JsonTooManyMembers);
    return true;
  }
  bool open() {
    if (depth_ >= limits_.max_depth) return fail(Status::JsonTooDeep);
    if (entries_.size() <= depth_) entries_.resize(depth_ + 1);
    entries_[depth_++] = 0;
    return true;
  }
  bool close() {
    --depth_;
    return true;
  }
  bool valid_string(const char *s, size_t length) {
    return !has_escapes_ || !has_encoded_surrogate(s, length) || fail(Status::JsonInvalid);
  }

  Dom &document_;
  const JsonLimits &limits_;
  std::vector<unsigned> &entries_;
  const bool has_escapes_;
  Status failure_ = Status::Ok;
  unsigned depth_ = 0;
};

bool names_less(const JsonValue::Member *a, const JsonValue::Member *b) {
  const auto &x = a->name, &y = b->name;
  const size_t common = std::min(x.GetStringLength(), y.GetStringLength());
  const int order = std::memcmp(x.GetString(), y.GetString(), common);
  return order != 0 ? order < 0 : x.GetStringLength() < y.GetStringLength();
}

bool same_name(const JsonValue &a, const JsonValue &b) {
  return a.GetStringLength() == b.GetStringLength() &&
         std::memcmp(a.GetString(), b.GetString(), a.GetStringLength()) == 0;
}

// Up to this many members, comparing every pair beats sorting (most names differ in length).
constexpr rapidjson::SizeType kPairwiseLimit = 16;

bool has_duplicate_member(const JsonValue &object, std::vector<const JsonValue::Member *> &names) {
  const auto begin = object.MemberBegin(), end = object.MemberEnd();
  if (object.MemberCount() <= kPairwiseLimit) {
    for (auto a = begin; a != end; ++a) {
      for (auto b = a + 1; b != end; ++b) {
        if (same_name(a->name, b->name)) return true;
      }
    }
    return false;
  }
  names.clear();
  for (auto it = begin; it != end; ++it) names.push_back(&*it);
  std::sort(names.begin(), names.end(), names_less);
  return std::adjacent_find(names.begin(), names.end(), [](const auto *a, const auto *b) {
           return same_name(a->name, b->name);
         }) != names.end();
}

// RapidJSON keeps duplicate members; JOSE must reject them (RFC 7515 §5.2 step 4). Iterative, with
// the containers still to visit in `pending`: no recursion over the document's (hostile) depth.
bool has_duplicate_names(const JsonValue &root, std::vector<const JsonValue::Member *> &names,
                         std::vector<const JsonValue *> &pending) {
  pending.clear();
  pending.push_back(&root);
  while (!pending.empty()) {
    const JsonValue &value = *pending.back();
    pending.pop_back();
    if (value.IsArray()) {
      for (const auto &element : value.GetArray()) {
        if (element.IsObject() || element.IsArray()) pending.push_back(&element);
      }
    } else if (value.IsObject()) {
      if (has_duplicate_member(value, names)) return true;
      for (auto it = value.MemberBegin(); it != value.MemberEnd(); ++it) {
        if (it->value.IsObject() || it->value.IsArray()) pending.push_back(&it->value);
      }
    }
  }
  return false;
}

}  // namespace

Status parse_strict_json(std::string_view text, const JsonLimits &limits, JsonDocument &document) {
  Dom &dom = document.document_;
  dom.SetNull();
  document.pool_.Clear();
  if (!is_well_formed_utf8(text)) return Status::JsonInvalid;
  document.text_.assign(text);  // parsed in place: std::string ends with a NUL, where parsing stops
  Status status = Status::Ok;
  auto generate = [&](Dom &sink) {
    LimitingHandler handler(sink, limits, document.entries_, text.find('\\') != std::string_view::npos);
    rapidjson::InsituStringStream stream(document.text_.data());
    rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>, JsonAllocator> reader(&document.pool_);
    const bool parsed = !reader.Parse<kParseFlags>(stream, handler).IsError();
    // A NUL byte in the text would end it early: all of the text must have been read.
    if (parsed && stream.Tell() == text.size()) return true;
    status = handler.failure() != Status::Ok ? handler.failure() : Status::JsonInvalid;
    return false;
  };
  dom.Populate(generate);
  if (status != Status::Ok) return status;
  return has_duplicate_names(dom, document.names_, document.pending_) ? Status::JsonDuplicateKey : Status::Ok;
}

Status parse_json_object(std::string_view text, const JsonLimits &limits, JsonDocument &document) {
  const Status status = parse_strict_json(text, limits, document);
  if (status != Status::Ok) return status;
  return document.root().IsObject() ? Status::Ok : Status::JsonNotObject;
}

const JsonValue *find_member(const JsonValue &object, std::string_view name) {
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    if (string_view_of(it->name) == name) return &it->value;
  }
  return nullptr;
}

}  // namespace edgejwt
