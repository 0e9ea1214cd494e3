#include "pem.h"

#include <algorithm>
#include <array>

#include "alphabet.h"

namespace edgejwt {
namespace {

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kEnd = "-----END ";
constexpr std::string_view kDashes = "-----";
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr size_t kLineLength = 64;
constexpr std::array<uint8_t, 256> kDecode = decode_table(kAlphabet);

// Standard base64 fed line by line: padding only at the very end, completing the last quantum,
// and the bits it leaves unused zero, so each byte string has exactly one accepted encoding.
class Base64Decoder {
 public:
  explicit Base64Decoder(std::vector<uint8_t> &out) : out_(out) {}

  Status feed(std::string_view line) {
    for (const char c : line) {
      if (ended_) return Status::PemInvalid;  // anything after the padded quantum
      if (c == '=') {
        if (quantum_size_ < 2) return Status::PemInvalid;
        ++padding_;
      } else {
        const uint8_t value = kDecode[static_cast<uint8_t>(c)];
        if (value == kInvalidDigit || padding_ != 0) return Status::PemInvalid;
        accumulated_ = accumulated_ << 6 | value;
      }
      if (++quantum_size_ == 4 && flush() != Status::Ok) return Status::PemInvalid;
    }
    return Status::Ok;
  }

  Status finish() const { return quantum_size_ == 0 && !out_.empty() ? Status::Ok : Status::PemInvalid; }

 private:
  Status flush() {
    // 4 - padding characters carry 24 - 6 * padding bits for 3 - padding bytes.
    const unsigned unused_bits = 2 * padding_;
    if ((accumulated_ & ((1u << unused_bits) - 1)) != 0) return Status::PemInvalid;
    const uint32_t bits = accumulated_ >> unused_bits;
    const unsigned bytes = 3 - padding_;
    for (unsigned i = 0; i < bytes; ++i) out_.push_back(static_cast<uint8_t>(bits >> (8 * (bytes - 1 - i))));
    ended_ = padding_ != 0;
    accumulated_ = 0;
    quantum_size_ = 0;
    return Status::Ok;
  }

  std::vector<uint8_t> &out_;
  uint32_t accumulated_ = 0;
  unsigned quantum_size_ = 0;
  unsigned padding_ = 0;
  bool ended_ = false;
};

// The next line of `rest` without its line break and trailing whitespace; advances past it.
std::string_view take_line(std::string_view &rest) {
  const size_t end = rest.find('\n');
  std::string_view line = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line;
}

// Where `marker` starts a line of `text`, or npos.
size_t find_line_start(std::string_view text, std::string_view marker) {
  for (size_t at = text.find(marker); at != std::string_view::npos; at = text.find(marker, at + 1)) {
    if (at == 0 || text[at - 1] == '\n') return at;
  }
  return std::string_view::npos;
}

// RFC 7468 §3: printable characters, with single spaces or hyphens only between them.
bool is_valid_label(std::string_view label) {
  if (label.empty()) return false;
  bool after_separator = true;  // also at the start, where a separator may not be
  for (const char c : label) {
    const bool separator = c == ' ' || c == '-';
    if (separator ? after_separator : (c < 0x21 || c > 0x7E)) return false;
    after_separator = separator;
  }
  return !after_separator;
}

// The label of a "<marker><label>-----" line, or false when the line is not of that shape.
bool read_marker_line(std::string_view line, std::string_view marker, std::string_view &label) {
  if (line.size() < marker.size() + kDashes.size() || line.substr(0, marker.size()) != marker ||
      line.substr(line.size() - kDashes.size()) != kDashes) {
    return false;
  }
  label = line.substr(marker.size(), line.size() - marker.size() - kDashes.size());
  return is_valid_label(label);
}

void append_base64(const uint8_t *bytes, size_t size, std::string &out) {
  size_t i = 0;
  for (; i + 3 <= size; i += 3) {
    const uint32_t v = uint32_t{bytes[i]} << 16 | uint32_t{bytes[i + 1]} << 8 | bytes[i + 2];
    out += kAlphabet[v >> 18];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
    out += kAlphabet[v & 63];
  }
  if (size - i == 1) {
    const uint32_t v = bytes[i];
    out += kAlphabet[v >> 2];
    out += kAlphabet[(v & 3) << 4];
    out += "==";
  } else if (size - i == 2) {
    const uint32_t v = uint32_t{bytes[i]} << 8 | bytes[i + 1];
    out += kAlphabet[v >> 10];
    out += kAlphabet[v >> 4 & 63];
    out += kAlphabet[(v & 15) << 2];
    out += '=';
  }
}

}  // namespace

Status pem_decode(std::string_view text, std::string_view &label, std::vector<uint8_t> &der) {
  if (text.size() > kMaxPemTextSize) return Status::PemInvalid;
  const size_t begin = find_line_start(text, kBegin);
  if (begin == std::string_view::npos) return Status::PemInvalid;
  std::string_view rest = text.substr(begin);
  if (!read_marker_line(take_line(rest), kBegin, label)) return Status::PemInvalid;

  der.clear();
  der.reserve(rest.size() / 4 * 3);  // the body is shorter than the rest: no reallocation
  Base64Decoder decoder(der);
  for (bool first = true;; first = false) {
    if (rest.empty()) return Status::PemInvalid;  // no END line
    const std::string_view line = take_line(rest);
    std::string_view end_label;
    if (read_marker_line(line, kEnd, end_label)) {
      if (end_label != label) return Status::PemInvalid;
      break;
    }
    if (first && line.find(':') != std::string_view::npos) return Status::KeyUnsupported;
    if (Status status = decoder.feed(line); status != Status::Ok) return status;
  }
  if (Status status = decoder.finish(); status != Status::Ok) return status;
  return find_line_start(rest, kBegin) == std::string_view::npos ? Status::Ok : Status::PemInvalid;
}

Status base64_decode(std::string_view text, std::vector<uint8_t> &out) {
  out.clear();
  Base64Decoder decoder(out);
  if (Status status = decoder.feed(text); status != Status::Ok) return status;
  return decoder.finish();
}

void pem_encode(std::string_view label, ByteView der, std::string &out) {
  const size_t base64_size = (der.size + 2) / 3 * 4;
  const size_t line_count = (base64_size + kLineLength - 1) / kLineLength;
  out.clear();
  // Sized once, so a private key's text is never left behind in a reallocated buffer.
  out.reserve(2 * (kEnd.size() + label.size() + kDashes.size() + 1) + 2 + base64_size + line_count);
  out.append(kBegin).append(label).append(kDashes) += '\n';
  constexpr size_t kBytesPerLine = kLineLength / 4 * 3;
  for (size_t start = 0; start < der.size; start += kBytesPerLine) {
    append_base64(der.data + start, std::min(kBytesPerLine, der.size - start), out);
    out += '\n';
  }
  out.append(kEnd).append(label).append(kDashes) += '\n';
}

}  // namespace edgejwt
