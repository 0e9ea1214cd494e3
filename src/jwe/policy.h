// What a caller asks of a JWE beyond decrypting: allowed key management and content encryption
// algorithms (jose's keyManagementAlgorithms and contentEncryptionAlgorithms), PBES2's iteration
// bound (maxPBES2Count), header extensions and size limits. Made once and reused for every token.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "../jose/limits.h"
#include "../jwa/encryption.h"
#include "header.h"
#include "pbes2.h"

namespace edgejwt {

struct DecryptionPolicy {
  KeyManagementSet algorithms;      // the caller's allowlist of "alg"
  bool has_algorithms = false;      // false: the key's usable algorithms (every algorithm for a set)
  ContentEncryptionSet encryptions;  // the caller's allowlist of "enc"
  bool has_encryptions = false;     // false: every "enc"
  // The largest "p2c" a token may make the recipient iterate (kPbkdf2MaxIterations whatever more).
  uint32_t max_pbes2_count = kDefaultMaxPbes2Count;
  std::vector<std::string> crit;  // header extensions the caller understands
  size_t max_kid_length = 256;
  TokenLimits limits;  // max_payload_size bounds the plaintext, and so the ciphertext

  JweHeaderRules header_rules() const { return JweHeaderRules{JweHeaderReader::Recipient, &crit, max_kid_length}; }
};

}  // namespace edgejwt
