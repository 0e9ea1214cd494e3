#include "base64url.h"

#include "alphabet.h"

namespace edgejwt {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::array<uint8_t, 256> kDecode = decode_table(kAlphabet);

// Decodes into `out` (already sized); the container type is the caller's choice.
template <typename Output>
Status decode_into(std::string_view text, Output &out) {
  const size_t n = text.size();
  if (n % 4 == 1) return Status::Base64UrlInvalid;
  out.resize(base64url_decoded_size(n));
  size_t o = 0;
  uint32_t accumulated = 0;
  size_t i = 0;
  const auto *digits = reinterpret_cast<const uint8_t *>(text.data());
  for (; i + 4 <= n; i += 4) {
    const uint32_t a = kDecode[digits[i]], b = kDecode[digits[i + 1]], c = kDecode[digits[i + 2]],
                   d = kDecode[digits[i + 3]];
    if ((a | b | c | d) > 63) return Status::Base64UrlInvalid;  // some digit was kInvalidDigit
    accumulated = a << 18 | b << 12 | c << 6 | d;
    out[o++] = static_cast<typename Output::value_type>(accumulated >> 16);
    out[o++] = static_cast<typename Output::value_type>(accumulated >> 8);
    out[o++] = static_cast<typename Output::value_type>(accumulated);
  }
  const size_t rest = n - i;  // 0, 2 or 3 characters
  if (rest == 0) return Status::Ok;
  accumulated = 0;
  for (size_t k = 0; k < rest; ++k) {
    const uint8_t v = kDecode[static_cast<uint8_t>(text[i + k])];
    if (v == kInvalidDigit) return Status::Base64UrlInvalid;
    accumulated = accumulated << 6 | v;
  }
  // 2 characters carry 12 bits for 1 byte (4 unused), 3 carry 18 bits for 2 bytes (2 unused).
  const unsigned unused_bits = rest == 2 ? 4 : 2;
  if ((accumulated & ((1u << unused_bits) - 1)) != 0) return Status::Base64UrlInvalid;
  accumulated >>= unused_bits;
  if (rest == 3) out[o++] = static_cast<typename Output::value_type>(accumulated >> 8);
  out[o++] = static_cast<typename Output::value_type>(accumulated);
  return Status::Ok;
}

}  // namespace

size_t base64url_encoded_size(size_t byte_count) {
  return byte_count / 3 * 4 + (byte_count % 3 == 0 ? 0 : byte_count % 3 + 1);
}

size_t base64url_decoded_size(size_t text_length) {
  return text_length / 4 * 3 + (text_length % 4 == 0 ? 0 : text_length % 4 - 1);
}

void base64url_encode(ByteView bytes, std::string &out) {
  const size_t start = out.size();
  out.resize(start + base64url_encoded_size(bytes.size));
  char *o = &out[start];
  size_t i = 0;
  for (; i + 3 <= bytes.size; i += 3) {
    const uint32_t v = uint32_t{bytes.data[i]} << 16 | uint32_t{bytes.data[i + 1]} << 8 | bytes.data[i + 2];
    *o++ = kAlphabet[v >> 18];
    *o++ = kAlphabet[v >> 12 & 63];
    *o++ = kAlphabet[v >> 6 & 63];
    *o++ = kAlphabet[v & 63];
  }
  const size_t rest = bytes.size - i;
  if (rest == 1) {
    const uint32_t v = bytes.data[i];
    *o++ = kAlphabet[v >> 2];
    *o++ = kAlphabet[(v & 3) << 4];
  } else if (rest == 2) {
    const uint32_t v = uint32_t{bytes.data[i]} << 8 | bytes.data[i + 1];
    *o++ = kAlphabet[v >> 10];
    *o++ = kAlphabet[v >> 4 & 63];
    *o++ = kAlphabet[(v & 15) << 2];
  }
}

Status base64url_decode(std::string_view text, std::vector<uint8_t> &out) {
  return decode_into(text, out);
}

Status base64url_decode(std::string_view text, std::string &out) { return decode_into(text, out); }

}  // namespace edgejwt
