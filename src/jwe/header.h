// The protected header of a JWE (RFC 7516 §4.1, RFC 7518 §4.6-4.8), read and checked once, strictly
// and typed: "alg" and "enc" from the tables, each algorithm's own parameters present exactly when
// it takes them, "zip" refused, "crit" as for JWS.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../encoding/json.h"
#include "../jwa/encryption.h"
#include "../keys/key.h"
#include "../status.h"

namespace edgejwt {

struct JweHeader {
  KeyManagement alg = KeyManagement::Dir;
  ContentEncryption enc = ContentEncryption::A128Gcm;
  std::string_view kid;  // empty when absent; views into the parsed header document
  std::string_view typ;
  std::string_view cty;
  bool has_kid = false;
  bool has_typ = false;
  bool has_cty = false;
  Key epk;                       // ECDH-ES: the ephemeral public key, validated as any key is
  std::vector<uint8_t> apu;      // ECDH-ES: PartyUInfo and PartyVInfo, decoded (empty when absent)
  std::vector<uint8_t> apv;
  std::vector<uint8_t> p2s;      // PBES2: the salt input, decoded
  uint32_t p2c = 0;              // PBES2: the iteration count (0 when absent)
  bool has_p2s = false;
  std::vector<uint8_t> iv;       // AES-GCM key wrapping: the CEK's IV and tag, decoded
  std::vector<uint8_t> tag;
};

// Who reads the header: the recipient of a token, or its producer checking its own header before
// encrypting (which adds "epk", "iv" and "tag" itself and may choose "p2s" and "p2c").
enum class JweHeaderReader : uint8_t { Recipient, Producer };

struct JweHeaderRules {
  JweHeaderReader reader = JweHeaderReader::Recipient;
  // Extension names "crit" may list (RFC 7516 §4.1.13); null: every well-formed "crit".
  const std::vector<std::string> *understood = nullptr;
  size_t max_kid_length = 256;
};

// PBES2's "p2s" must carry at least this much salt (RFC 7518 §4.8.1.1: "A Salt Input value
// containing 8 or more octets MUST be used").
constexpr size_t kMinPbes2SaltSize = 8;

// JweInvalid (`detail` the member) when "alg" or "enc" is missing or not a string, "kid", "typ" or
// "cty" is not a string or "kid" is too long, a member belongs to another algorithm ("epk", "apu",
// "apv" outside ECDH-ES, "p2s", "p2c" outside PBES2, "iv", "tag" outside AES-GCM key wrapping), a
// member the algorithm needs is missing (for a producer: "epk", "iv" and "tag" are its own to add,
// and given are refused), "epk" is not a public EC (P-256/384/521) or X25519 JWK that passes the
// key checks (a point off its curve, of small order, or the point at infinity), a base64url member
// is not canonical, "p2s" is shorter than 8 bytes or "p2c" is not a whole number from 1 to 2^32-1;
// AlgNotSupported for an unknown "alg" (RSA1_5 included) or "enc", and for "zip" (compression is
// refused: its output length depends on the secret plaintext); CritInvalid or CritNotUnderstood
// as for JWS. "iv" and "tag" are not checked for length here: a wrong one fails as decryption does.
Status read_jwe_header(const JsonValue &header, const JweHeaderRules &rules, JweHeader &out, std::string &detail);

}  // namespace edgejwt
