// edgejwt.wasm, the WASI command: verify, decode and sign JWTs from a shell or any WASI host,
// through the same C ABI the reactor exports (bindings/edgejwt.h) and nothing else of the core.
#include <cmath>
#include <cstdio>
#include <ctime>
#include <string>
#include <string_view>

#include "arguments.h"
#include "bounded_read.h"
#include "edgejwt.h"
#include "request_json.h"

namespace edgejwt::cli {
namespace {

constexpr int kExitRefused = 1;  // the core refused the token, the key or the claims
constexpr int kExitUsage = 2;    // the command line or an input file is unusable

// Owns the C ABI context for the run and the result its calls write to (each call's outputs are
// used before the next call).
class Context {
 public:
  Context() : context_(edgejwt_context_new()), result_(edgejwt_result_new()) {}
  ~Context() {
    edgejwt_result_free(result_);
    edgejwt_context_free(context_);
  }
  Context(const Context &) = delete;
  Context &operator=(const Context &) = delete;

  edgejwt_context *get() const { return context_; }
  edgejwt_result *out() const { return result_; }
  const edgejwt_result &result() const { return *result_; }

 private:
  edgejwt_context *context_;
  edgejwt_result *result_;
};

std::string_view view(const uint8_t *data, size_t size) { return {reinterpret_cast<const char *>(data), size}; }

int usage_error(const std::string &message) {
  std::fprintf(stderr, "edgejwt: %s\n%s", message.c_str(), usage_text());
  return kExitUsage;
}

// One line on stderr: edgejwt: ERR_CODE: message (detail).
void print_status(const Context &context, edgejwt_status status) {
  const std::string_view detail = view(context.result().detail, context.result().detail_len);
  std::fprintf(stderr, "edgejwt: %s: %s", edgejwt_status_name(status), edgejwt_status_message(status));
  if (!detail.empty()) std::fprintf(stderr, " (%.*s)", static_cast<int>(detail.size()), detail.data());
  std::fputc('\n', stderr);
}

int refused(const Context &context, edgejwt_status status) {
  print_status(context, status);
  return kExitRefused;
}

// The result on stdout; 0, or 1 when it could not be written (a lost result must not look like success).
int print_line(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fputc('\n', stdout);
  return std::fflush(stdout) == 0 ? 0 : kExitRefused;
}

double current_time(const Arguments &arguments) {
  if (arguments.now) return *arguments.now;
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

edgejwt_status import_key(Context &context, KeySource source, const std::string &data) {
  if (source == KeySource::Jwks) return edgejwt_key_import_jwks(context.get(), context.out(), data.data(), data.size());
  const int32_t format = source == KeySource::Jwk   ? EDGEJWT_KEY_JWK
                         : source == KeySource::Pem ? EDGEJWT_KEY_PEM
                                                    : EDGEJWT_KEY_SECRET;
  const auto *bytes = reinterpret_cast<const uint8_t *>(data.data());
  return edgejwt_key_import(context.get(), context.out(), format, bytes, data.size(), "", 0);
}

// Reads and imports the key; 0 with `key` set, or the exit status.
int load_key(Context &context, const Arguments &arguments, edgejwt_handle &key) {
  std::string data;
  std::string error;
  if (!read_file(arguments.key_path, data, error)) return usage_error(error);
  const edgejwt_status status = import_key(context, arguments.key_source, data);
  wipe(data);  // a secret, or a private key's text
  if (status != EDGEJWT_OK) return refused(context, status);
  key = context.result().handle;
  return 0;
}

// Reads the token from stdin without its trailing newline; 0 or the exit status.
int read_token(std::string &token) {
  std::string error;
  if (!read_stdin(token, error)) return usage_error(error);
  strip_trailing_whitespace(token);
  return 0;
}

int verify(Context &context, const Arguments &arguments) {
  edgejwt_handle key = 0;
  if (int exit = load_key(context, arguments, key); exit != 0) return exit;
  const std::string options = policy_json(arguments);
  edgejwt_status status = edgejwt_policy_create(context.get(), context.out(), options.data(), options.size());
  if (status != EDGEJWT_OK) {  // an option's value the core does not take, e.g. --alg none
    print_status(context, status);
    std::fputs(usage_text(), stderr);
    return kExitUsage;
  }
  const edgejwt_handle policy = context.result().handle;
  std::string token;
  if (int exit = read_token(token); exit != 0) return exit;
  status =
      edgejwt_verify(context.get(), context.out(), key, policy, token.data(), token.size(), current_time(arguments));
  if (status != EDGEJWT_OK) return refused(context, status);
  return print_line(view(context.result().payload, context.result().payload_len));
}

int decode(Context &context) {
  std::string token;
  if (int exit = read_token(token); exit != 0) return exit;
  const edgejwt_status status = edgejwt_decode(context.get(), context.out(), 0, token.data(), token.size());
  if (status != EDGEJWT_OK) return refused(context, status);
  // Both parts are JSON objects the core has just parsed strictly: they are spliced in as they are.
  const edgejwt_result &result = context.result();
  std::string json = "{\"header\":";
  json += view(result.header, result.header_len);
  json += ",\"payload\":";
  json += view(result.payload, result.payload_len);
  json += ",\"verified\":false}";
  return print_line(json);
}

int sign(Context &context, const Arguments &arguments) {
  edgejwt_handle key = 0;
  if (int exit = load_key(context, arguments, key); exit != 0) return exit;
  std::string claims;
  std::string error;
  if (!read_stdin(claims, error)) return usage_error(error);
  std::string stamped;
  if (stamp_claims(claims, std::floor(current_time(arguments)), arguments, stamped)) claims.swap(stamped);
  const std::string header = header_json(arguments);
  const edgejwt_status status =
      edgejwt_sign(context.get(), context.out(), key, 0, header.data(), header.size(), claims.data(), claims.size());
  if (status != EDGEJWT_OK) return refused(context, status);
  return print_line(view(context.result().output, context.result().output_len));
}

int run(int argc, const char *const *argv) {
  Arguments arguments;
  std::string error;
  if (!parse_arguments(argc, argv, arguments, error)) return usage_error(error);
  if (arguments.command == Command::Help) {
    std::fputs(usage_text(), stdout);
    return 0;
  }
  Context context;
  if (arguments.command == Command::Verify) return verify(context, arguments);
  if (arguments.command == Command::Decode) return decode(context);
  return sign(context, arguments);
}

}  // namespace
}  // namespace edgejwt::cli

int main(int argc, char **argv) { return edgejwt::cli::run(argc, argv); }
