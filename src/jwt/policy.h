// What a caller asks of a token beyond a valid signature: allowed algorithms, clock tolerance and
// size limits. Built once from JSON (the C ABI's options format) and reused for every verify.
#pragma once
#include <string>
#include <string_view>

#include "../jws/algorithm.h"
#include "../jws/limits.h"
#include "../status.h"

namespace edgejwt {

struct VerifyPolicy {
  AlgorithmSet algorithms;  // the caller's allowlist
  bool has_algorithms = false;  // false: the key's usable algorithms are the allowlist
  double clock_tolerance = 0;   // seconds of leeway for "exp" and "nbf"
  TokenLimits limits;
};

// Members: "algorithms" (array of names), "clockTolerance" (seconds), "maxTokenLength",
// "maxHeaderSize", "maxPayloadSize", "maxJsonDepth", "maxJsonEntries" (positive integers).
// InvalidArgument for anything else, with `detail` naming the member; AlgNotSupported for an
// unknown algorithm name (so "none" can never be allowed).
Status parse_verify_policy(std::string_view json, VerifyPolicy &policy, std::string &detail);

}  // namespace edgejwt
