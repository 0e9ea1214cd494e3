#include "bounded_read.h"

#include <cstdio>

namespace edgejwt::cli {
namespace {

enum class ReadStatus { Ok, Failed, TooLarge };

// Reads until end of file, but never more than `limit` + 1 bytes: one byte past the limit is
// enough to know the input is too large.
ReadStatus read_bounded(std::FILE *file, size_t limit, std::string &out) {
  out.resize(limit + 1);
  size_t size = 0;
  while (size < out.size()) {
    const size_t count = std::fread(&out[size], 1, out.size() - size, file);
    if (count == 0) break;
    size += count;
  }
  out.resize(size);  // shrinking keeps the buffer: wipe() still reaches every byte read
  if (std::ferror(file)) return ReadStatus::Failed;
  return size > limit ? ReadStatus::TooLarge : ReadStatus::Ok;
}

}  // namespace

bool read_file(const std::string &path, std::string &out, std::string &error) {
  std::FILE *file = std::fopen(path.c_str(), "rb");
  if (!file) {
    error = "cannot open " + path + " (is its directory preopened?)";
    return false;
  }
  std::setvbuf(file, nullptr, _IONBF, 0);
  const ReadStatus status = read_bounded(file, kMaxFileSize, out);
  std::fclose(file);
  if (status == ReadStatus::Ok) return true;
  error = status == ReadStatus::TooLarge ? path + " is larger than 512 KiB" : "cannot read " + path;
  return false;
}

bool read_stdin(std::string &out, std::string &error) {
  const ReadStatus status = read_bounded(stdin, kMaxStdinSize, out);
  if (status == ReadStatus::Ok) return true;
  error = status == ReadStatus::TooLarge ? "stdin holds more than 64 KiB" : "cannot read stdin";
  return false;
}

void strip_trailing_whitespace(std::string &text) {
  const size_t end = text.find_last_not_of(" \t\r\n");
  text.erase(end == std::string::npos ? 0 : end + 1);
}

void wipe(std::string &bytes) {
  volatile char *cursor = bytes.data();
  for (size_t i = 0; i < bytes.size(); ++i) cursor[i] = 0;
}

}  // namespace edgejwt::cli
