#include "request_json.h"

#include <cmath>

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace edgejwt::cli {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void write_string(JsonWriter &writer, std::string_view text) {
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void write_member(JsonWriter &writer, const char *name, std::string_view text) {
  writer.Key(name);
  write_string(writer, text);
}

void write_list(JsonWriter &writer, const char *name, const std::vector<std::string> &items) {
  if (items.empty()) return;
  writer.Key(name);
  writer.StartArray();
  for (const std::string &item : items) write_string(writer, item);
  writer.EndArray();
}

// Whole seconds as integers (what NumericDates usually are), others as decimals.
void write_seconds(JsonWriter &writer, double seconds) {
  constexpr double kLargestExactInteger = 9007199254740992.0;  // 2^53
  if (seconds == std::floor(seconds) && seconds < kLargestExactInteger) {
    writer.Int64(static_cast<int64_t>(seconds));
  } else {
    writer.Double(seconds);
  }
}

void write_seconds_member(JsonWriter &writer, const char *name, const std::optional<double> &seconds) {
  if (!seconds) return;
  writer.Key(name);
  write_seconds(writer, *seconds);
}

// A SAX handler that copies the claims to a writer, leaving out the top-level members the command
// sets itself and writing them before the object closes.
class ClaimsStamper : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, ClaimsStamper> {
 public:
  ClaimsStamper(JsonWriter &writer, double issued_at, const std::optional<double> &expires_in)
      : writer_(writer), issued_at_(issued_at), expires_in_(expires_in) {}

  bool Default() { return false; }  // numbers arrive as RawNumber: no other event is expected
  bool Null() { return scalar([&] { return writer_.Null(); }); }
  bool Bool(bool value) { return scalar([&] { return writer_.Bool(value); }); }
  bool RawNumber(const char *text, rapidjson::SizeType length, bool) {
    // Writer::RawNumber would quote it (RapidJSON 1.1.0): RawValue copies it as written.
    return scalar([&] { return writer_.RawValue(text, length, rapidjson::kNumberType); });
  }
  bool String(const char *text, rapidjson::SizeType length, bool) {
    return scalar([&] { return writer_.String(text, length); });
  }
  bool StartObject() { return open([&] { return writer_.StartObject(); }); }
  bool StartArray() { return depth_ > 0 && open([&] { return writer_.StartArray(); }); }
  bool Key(const char *name, rapidjson::SizeType length, bool) {
    if (skipping_) return true;
    if (depth_ == 1 && is_stamped(std::string_view(name, length))) {
      skipping_ = true;  // its value, however deep, is left out
      return true;
    }
    return writer_.Key(name, length);
  }
  bool EndObject(rapidjson::SizeType) {
    return close([&] {
      if (depth_ == 0) write_stamps();
      return writer_.EndObject();
    });
  }
  bool EndArray(rapidjson::SizeType) { return close([&] { return writer_.EndArray(); }); }

 private:
  bool is_stamped(std::string_view name) const { return name == "iat" || (expires_in_ && name == "exp"); }

  void write_stamps() {
    writer_.Key("iat");
    write_seconds(writer_, issued_at_);
    if (expires_in_) {
      writer_.Key("exp");
      write_seconds(writer_, issued_at_ + *expires_in_);
    }
  }

  template <typename Write>
  bool scalar(Write write) {
    if (depth_ == 0) return false;  // the claims must be an object
    if (skipping_) {
      skipping_ = depth_ > 1;  // a left-out scalar member ends here
      return true;
    }
    return write();
  }

  template <typename Write>
  bool open(Write write) {
    ++depth_;
    return skipping_ || write();
  }

  template <typename Write>
  bool close(Write write) {
    --depth_;
    if (skipping_) {
      skipping_ = depth_ > 1;  // a left-out object or array member ends when its depth is left
      return true;
    }
    return write();
  }

  JsonWriter &writer_;
  double issued_at_;
  const std::optional<double> &expires_in_;
  unsigned depth_ = 0;
  bool skipping_ = false;
};

}  // namespace

std::string policy_json(const Arguments &arguments) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  write_list(writer, "algorithms", arguments.algorithms);
  write_list(writer, "issuer", arguments.issuers);
  write_list(writer, "audience", arguments.audiences);
  if (arguments.subject) write_member(writer, "subject", *arguments.subject);
  if (arguments.typ) write_member(writer, "typ", *arguments.typ);
  write_seconds_member(writer, "maxTokenAge", arguments.max_age);
  write_seconds_member(writer, "clockTolerance", arguments.leeway);
  write_list(writer, "requiredClaims", arguments.required_claims);
  write_list(writer, "crit", arguments.crit);
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string header_json(const Arguments &arguments) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  write_member(writer, "alg", arguments.algorithms.front());
  write_member(writer, "typ", arguments.typ ? *arguments.typ : "JWT");
  if (arguments.kid) write_member(writer, "kid", *arguments.kid);
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

bool stamp_claims(std::string_view claims, double issued_at, const Arguments &arguments, std::string &out) {
  // RapidJSON's streams end at a NUL byte: claims holding one go to the core as they are.
  if (claims.find('\0') != std::string_view::npos) return false;
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  ClaimsStamper stamper(writer, issued_at, arguments.expires_in);
  rapidjson::MemoryStream stream(claims.data(), claims.size());
  rapidjson::Reader reader;
  constexpr unsigned kFlags =
      rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag | rapidjson::kParseNumbersAsStringsFlag;
  if (reader.Parse<kFlags>(stream, stamper).IsError()) return false;
  out.assign(buffer.GetString(), buffer.GetSize());
  return true;
}

}  // namespace edgejwt::cli
