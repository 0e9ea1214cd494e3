// Writing JSON text: RapidJSON's writer, taking string_views, for the few documents the library
// produces (JWKs, thumbprint input, descriptions).
#pragma once
#include <cstdint>
#include <string_view>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace edgejwt {

class JsonWriter {
 public:
  JsonWriter() : writer_(buffer_) {}
  JsonWriter(const JsonWriter &) = delete;
  JsonWriter &operator=(const JsonWriter &) = delete;

  void start_object() { writer_.StartObject(); }
  void end_object() { writer_.EndObject(); }
  // A member whose value is an array; end it with end_array().
  void start_array(std::string_view name) {
    key(name);
    writer_.StartArray();
  }
  void end_array() { writer_.EndArray(); }
  void key(std::string_view name) { writer_.Key(name.data(), size_of(name)); }
  void string(std::string_view value) { writer_.String(value.data(), size_of(value)); }
  void member(std::string_view name, std::string_view value) {
    key(name);
    string(value);
  }
  void member(std::string_view name, uint64_t value) {
    key(name);
    writer_.Uint64(value);
  }

  // The text written so far.
  std::string_view text() const { return {buffer_.GetString(), buffer_.GetSize()}; }

 private:
  static rapidjson::SizeType size_of(std::string_view text) { return static_cast<rapidjson::SizeType>(text.size()); }

  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

}  // namespace edgejwt
