#include "arguments.h"

#include <cstdlib>
#include <string_view>

namespace edgejwt::cli {
namespace {

// Which commands take an option: a bit per command.
constexpr unsigned kVerify = 1;
constexpr unsigned kSign = 2;

struct KeySourceOption {
  std::string_view name;
  KeySource source;
  unsigned commands;
};
struct ListOption {  // may be repeated
  std::string_view name;
  std::vector<std::string> Arguments::*field;
  unsigned commands;
};
struct TextOption {  // at most once
  std::string_view name;
  std::optional<std::string> Arguments::*field;
  unsigned commands;
};
struct SecondsOption {  // at most once
  std::string_view name;
  std::optional<double> Arguments::*field;
  unsigned commands;
};

constexpr KeySourceOption kKeySources[] = {
    {"--jwks", KeySource::Jwks, kVerify},
    {"--jwk", KeySource::Jwk, kVerify | kSign},
    {"--pem", KeySource::Pem, kVerify | kSign},
    {"--secret-file", KeySource::SecretFile, kVerify | kSign},
};
constexpr ListOption kLists[] = {
    {"--alg", &Arguments::algorithms, kVerify | kSign},
    {"--iss", &Arguments::issuers, kVerify},
    {"--aud", &Arguments::audiences, kVerify},
    {"--require", &Arguments::required_claims, kVerify},
    {"--crit", &Arguments::crit, kVerify},
};
constexpr TextOption kTexts[] = {
    {"--sub", &Arguments::subject, kVerify},
    {"--typ", &Arguments::typ, kVerify | kSign},
    {"--kid", &Arguments::kid, kSign},
};
constexpr SecondsOption kSeconds[] = {
    {"--max-age", &Arguments::max_age, kVerify},
    {"--leeway", &Arguments::leeway, kVerify},
    {"--now", &Arguments::now, kVerify | kSign},
    {"--expires-in", &Arguments::expires_in, kSign},
};

template <typename Option, size_t N>
const Option *find(const Option (&options)[N], std::string_view name) {
  for (const Option &option : options) {
    if (option.name == name) return &option;
  }
  return nullptr;
}

// The commands that take `name`; 0 for an unknown option.
unsigned commands_taking(std::string_view name) {
  if (const auto *option = find(kKeySources, name)) return option->commands;
  if (const auto *option = find(kLists, name)) return option->commands;
  if (const auto *option = find(kTexts, name)) return option->commands;
  if (const auto *option = find(kSeconds, name)) return option->commands;
  return 0;
}

bool fail(std::string &error, std::string message) {
  error = std::move(message);
  return false;
}

// Whole or decimal seconds ("300", "1.5"): digits only, so no sign, exponent, "inf" or "nan".
bool parse_seconds(std::string_view text, double &seconds) {
  constexpr size_t kMaxLength = 20;
  const size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  const auto all_digits = [](std::string_view part) {
    return part.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (whole.empty() || text.size() > kMaxLength || !all_digits(whole) || !all_digits(fraction)) return false;
  if (dot != std::string_view::npos && fraction.empty()) return false;
  seconds = std::strtod(std::string(text).c_str(), nullptr);
  return true;
}

// Stores one option's value; the option is known and taken by the command.
bool apply(std::string_view name, std::string_view value, Arguments &arguments, std::string &error) {
  if (const KeySourceOption *option = find(kKeySources, name)) {
    if (arguments.key_source != KeySource::None) return fail(error, "give exactly one key source");
    arguments.key_source = option->source;
    arguments.key_path.assign(value);
    return true;
  }
  if (const ListOption *option = find(kLists, name)) {
    (arguments.*option->field).emplace_back(value);
    return true;
  }
  if (const TextOption *option = find(kTexts, name)) {
    std::optional<std::string> &field = arguments.*option->field;
    if (field) return fail(error, std::string(name) + " may be given once");
    field.emplace(value);
    return true;
  }
  std::optional<double> &field = arguments.*find(kSeconds, name)->field;
  if (field) return fail(error, std::string(name) + " may be given once");
  double seconds = 0;
  if (!parse_seconds(value, seconds)) return fail(error, std::string(name) + " takes seconds, e.g. 300 or 1.5");
  field = seconds;
  return true;
}

bool parse_command(std::string_view name, Command &command, unsigned &bit) {
  if (name == "verify") {
    command = Command::Verify;
    bit = kVerify;
  } else if (name == "sign") {
    command = Command::Sign;
    bit = kSign;
  } else if (name == "decode") {
    command = Command::Decode;
    bit = 0;  // takes no option
  } else if (name == "help" || name == "--help" || name == "-h") {
    command = Command::Help;
    bit = 0;
  } else {
    return false;
  }
  return true;
}

}  // namespace

bool parse_arguments(int argc, const char *const *argv, Arguments &arguments, std::string &error) {
  arguments = Arguments{};
  if (argc < 2) return fail(error, "no command given");
  unsigned command_bit = 0;
  if (!parse_command(argv[1], arguments.command, command_bit)) {
    return fail(error, "unknown command '" + std::string(argv[1]) + "'");
  }
  for (int i = 2; i < argc; ++i) {
    std::string_view name = argv[i];
    std::string_view value;
    const size_t equals = name.find('=');
    const bool inline_value = name.substr(0, 2) == "--" && equals != std::string_view::npos;
    if (inline_value) {  // --name=value
      value = name.substr(equals + 1);
      name = name.substr(0, equals);
    }
    const unsigned commands = commands_taking(name);
    if (commands == 0) return fail(error, "unknown option '" + std::string(name) + "'");
    if ((commands & command_bit) == 0) {
      return fail(error, std::string(name) + " is not an option of " + std::string(argv[1]));
    }
    if (!inline_value) {
      if (i + 1 == argc) return fail(error, std::string(name) + " needs a value");
      value = argv[++i];
    }
    if (!apply(name, value, arguments, error)) return false;
  }

  const bool needs_key = arguments.command == Command::Verify || arguments.command == Command::Sign;
  if (needs_key && arguments.key_source == KeySource::None) {
    return fail(error, arguments.command == Command::Verify
                           ? "verify needs a key: --jwks, --jwk, --pem or --secret-file"
                           : "sign needs a key: --jwk, --pem or --secret-file");
  }
  if (arguments.command == Command::Sign && arguments.algorithms.size() != 1) {
    return fail(error, "sign needs exactly one --alg");
  }
  return true;
}

const char *usage_text() {
  return "usage: edgejwt.wasm verify KEY [options] < token\n"
         "       edgejwt.wasm decode < token\n"
         "       edgejwt.wasm sign --alg ALG KEY [--kid KID] [--typ TYP] [--expires-in SECONDS] [--now SECONDS]"
         " < claims.json\n"
         "KEY, exactly one of:\n"
         "  --jwks FILE          a JWK Set; the token's kid and alg pick the key (verify only)\n"
         "  --jwk FILE           one JWK\n"
         "  --pem FILE           PEM: public key, private key (PKCS#8, PKCS#1, SEC1) or certificate\n"
         "  --secret-file FILE   HMAC secret: the file's raw bytes (at least 32)\n"
         "verify options (those marked * may be repeated):\n"
         "  --alg ALG *          allowed algorithm (default: the key's own)\n"
         "  --iss ISSUER *       expected \"iss\"\n"
         "  --aud AUDIENCE *     expected \"aud\" (the token must carry one of them)\n"
         "  --sub SUBJECT        expected \"sub\"\n"
         "  --typ TYPE           expected header \"typ\" (\"JWT\" matches \"application/jwt\")\n"
         "  --max-age SECONDS    \"iat\" at most this old\n"
         "  --leeway SECONDS     clock tolerance for \"exp\", \"nbf\" and \"iat\"\n"
         "  --require CLAIM *    a claim that must be present\n"
         "  --crit NAME *        a \"crit\" header extension the caller understands\n"
         "  --now SECONDS        the time to check against (default: the WASI clock)\n"
         "verify prints the payload JSON; decode prints {\"header\":...,\"payload\":...,\"verified\":false};\n"
         "sign reads claims JSON, sets \"iat\" (and \"exp\" with --expires-in) and prints the token.\n"
         "Files are read through WASI: preopen their directory. Files up to 512 KiB, stdin up to 64 KiB.\n"
         "Exit status: 0 success; 1 token or key refused (stderr: edgejwt: ERR_CODE: message (detail));\n"
         "2 usage error (unknown command or option, missing key, unreadable or oversized input).\n";
}

}  // namespace edgejwt::cli
