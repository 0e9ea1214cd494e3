// Every byte the command reads comes through here, with a bound: key files through WASI's
// filesystem (the host preopens their directory), the token or claims from stdin.
#pragma once
#include <cstddef>
#include <string>

namespace edgejwt::cli {

constexpr size_t kMaxFileSize = 512 * 1024;
constexpr size_t kMaxStdinSize = 64 * 1024;  // the core's default maxTokenLength

// Replaces `out` with the whole file; false with `error` set when it cannot be read or is larger
// than kMaxFileSize. Unbuffered, so a secret is never copied into a stdio buffer.
bool read_file(const std::string &path, std::string &out, std::string &error);

// Replaces `out` with all of stdin; false with `error` set past kMaxStdinSize or on a read error.
bool read_stdin(std::string &out, std::string &error);

void strip_trailing_whitespace(std::string &text);

// Overwrites the bytes (a secret's) before the string is released.
void wipe(std::string &bytes);

}  // namespace edgejwt::cli
