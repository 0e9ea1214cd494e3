// The command line of the WASI command: `edgejwt.wasm verify|decode|sign [options]`, read into one
// plain struct. Only its form is checked here; what the values mean is the core's to judge.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace edgejwt::cli {

enum class Command { Verify, Decode, Sign, Help };

enum class KeySource { None, Jwks, Jwk, Pem, SecretFile };

struct Arguments {
  Command command = Command::Help;
  KeySource key_source = KeySource::None;
  std::string key_path;
  std::vector<std::string> algorithms;  // --alg: the allowlist (verify) or the one algorithm (sign)
  std::vector<std::string> issuers;
  std::vector<std::string> audiences;
  std::vector<std::string> required_claims;
  std::vector<std::string> crit;
  std::optional<std::string> subject;
  std::optional<std::string> typ;
  std::optional<std::string> kid;
  std::optional<double> max_age;  // seconds
  std::optional<double> leeway;
  std::optional<double> now;
  std::optional<double> expires_in;
};

// False for any misuse, with `error` saying what (one line, no trailing newline).
bool parse_arguments(int argc, const char *const *argv, Arguments &arguments, std::string &error);

// The usage text printed for --help and after a usage error.
const char *usage_text();

}  // namespace edgejwt::cli
