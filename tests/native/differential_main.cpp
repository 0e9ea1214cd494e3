// The differential suite as a program, for the Wasm builds: the cases differential_test.cpp runs
// natively, run here on the objects a Wasm build ships (its flags, Wasm SIMD, its compiler), our
// arithmetic against BearSSL compiled alike. One JSON line per kind; exit status 1 on a mismatch.
//
//   edgejwt-differential [cases per kind] [seed] [rsa|p256|ecdsa...]     default: 1000, all three
//
// The WASI build makes build/wasi/edgejwt-differential.wasm (run under node:wasi), the Emscripten
// build build/emscripten/edgejwt-differential.cjs (run by node); tests/js/differential.test.js and
// scripts/differential.sh run both.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "differential.h"

using namespace edgejwt::differential;

namespace {

// The mismatch's text as a JSON string's contents (it holds only hex digits and words).
std::string json_text(const std::string &text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace

int main(int argc, char **argv) {
  const size_t cases = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000;
  const uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20261206;
  int status = 0;
  for (const char *kind : {"rsa", "p256", "ecdsa"}) {
    bool wanted = argc <= 3;
    for (int i = 3; i < argc; ++i) wanted = wanted || std::strcmp(argv[i], kind) == 0;
    if (!wanted) continue;
    const Outcome outcome = std::strcmp(kind, "rsa") == 0    ? run_rsa(seed, cases)
                            : std::strcmp(kind, "p256") == 0 ? run_p256_multiply_add(seed, cases)
                                                             : run_ecdsa_p256(seed, cases);
    std::printf("{\"kind\":\"%s\",\"cases\":%zu,\"mismatches\":%zu,\"first\":\"%s\"}\n", kind, outcome.cases,
                outcome.mismatches, json_text(outcome.first_mismatch).c_str());
    std::fflush(stdout);
    if (outcome.mismatches != 0) status = 1;
  }
  return status;
}
