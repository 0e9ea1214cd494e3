// What a caller asks of a token beyond a valid signature: allowed algorithms, expected claims,
// clock tolerance, header extensions and size limits. Built once from JSON (the C ABI's options
// format, with jose's option names) and reused for every verify.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "../jwa/algorithm.h"
#include "../jws/header.h"
#include "../jws/limits.h"
#include "../status.h"

namespace edgejwt {

struct VerifyPolicy {
  AlgorithmSet algorithms;      // the caller's allowlist
  bool has_algorithms = false;  // false: the key's usable algorithms are the allowlist
  std::vector<std::string> issuers;    // "iss" must be one of these (when has_issuers)
  std::vector<std::string> audiences;  // "aud" must hold one of these (when has_audiences)
  bool has_issuers = false;  // an empty list accepts no issuer, as in jose: it fails every token
  bool has_audiences = false;
  std::string subject;                 // "sub" must equal it (when has_subject)
  bool has_subject = false;
  std::string typ;  // the header's "typ", compared case-insensitively as RFC 7515 §4.1.9 says
  bool has_typ = false;
  double max_token_age = 0;  // seconds since "iat" (when has_max_token_age)
  bool has_max_token_age = false;
  double clock_tolerance = 0;  // seconds of leeway for every time comparison
  std::vector<std::string> required_claims;
  std::vector<std::string> crit;  // header extensions the caller understands
  size_t max_kid_length = 256;
  TokenLimits limits;

  HeaderRules header_rules() const { return HeaderRules{&crit, max_kid_length}; }
};

// Members: "algorithms" (a non-empty array of names), "issuer" and "audience" (a non-empty string
// or an array of them, which may be empty), "subject" and "typ" (strings), "maxTokenAge" and
// "clockTolerance" (seconds), "requiredClaims" and "crit" (arrays of names, possibly empty), "maxTokenLength", "maxHeaderSize",
// "maxPayloadSize", "maxJsonDepth", "maxJsonEntries", "maxKidLength" (positive integers below 2^32;
// maxJsonDepth at most kMaxJsonDepthBound).
// InvalidArgument for anything else, with `detail` naming the member; AlgNotSupported for an
// unknown algorithm name (so "none" can never be allowed).
Status parse_verify_policy(std::string_view json, VerifyPolicy &policy, std::string &detail);

}  // namespace edgejwt
