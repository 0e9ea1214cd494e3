// Decrypting a compact JWE (RFC 7516 §5.2), one named step after another; see decrypt.cpp.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../encoding/json.h"
#include "../keys/key.h"
#include "../keys/key_set.h"
#include "../status.h"
#include "compact.h"
#include "header.h"
#include "policy.h"

namespace edgejwt {

// One key, or a set (imported for encryption) to choose the key from by the token's header; for
// ECDH-ES, RSA-OAEP and PBES2, `from_host` may hold what a host computed for the chosen key after
// begin_decrypt_jwe (Z, the CEK, the KEK: recover_cek), standing in for the core's own step and for
// nothing else.
struct DecryptionKeys {
  DecryptionKeys(const Key *one, const KeySet *many, ByteView host_secret = {})
      : key(one), set(many), from_host(host_secret) {}
  const Key *key;
  const KeySet *set;
  ByteView from_host;
};

// The decrypted parts of one token, owned by the caller and reused from token to token so that the
// buffers' capacity carries over.
struct DecryptedJwe {
  std::string header_json;  // the protected header exactly as decoded
  JsonDocument header_document;
  JweHeader header;         // views into header_document
  std::string plaintext;    // released only after the content's tag holds
  size_t key_index = 0;     // which key of a key set decrypted the token
  std::string detail;       // on failure: which part or member, when naming it gives nothing away
  std::vector<uint8_t> encrypted_key, iv, ciphertext, tag;  // the decoded parts
};

// Ok when `token` is a compact JWE for the key (or the one key of the set that fits its header)
// with allowed algorithms; `out.plaintext` then holds what was encrypted. In order:
//   1. split: TokenTooLarge, JweInvalid (five parts, a header);
//   2. header: HeaderTooLarge, the JSON statuses ("header"), read_jwe_header's statuses;
//   3. policy: AlgNotAllowed ("alg" or "enc") outside the allowlists (without one, "alg" must be
//      among the key's usable algorithms), JweInvalid ("p2c") above max_pbes2_count;
//   4. key: the key's consent (AlgNotAllowed, KeyUsageRefused) and for ECDH-ES an "epk" of its
//      curve (JweInvalid, "epk"), or the set's one key (JwksNoMatchingKey, JwksMultipleMatchingKeys);
//   5. parts: Base64UrlInvalid (the part) when not canonical, PayloadTooLarge ("ciphertext") when
//      the ciphertext could hold more than max_payload_size bytes of plaintext (and, past CBC's
//      padding, when the plaintext it held does);
//   6. CEK and 7. content: every wrong key, wrong "enc" or key size, changed header, encrypted key,
//      IV, ciphertext or tag is the one JweDecryptionFailed, with no detail, after the same steps
//      (recover_cek's random CEK), and nothing of the plaintext is released.
Status decrypt_jwe(const DecryptionKeys &keys, const DecryptionPolicy &policy, std::string_view token,
                   DecryptedJwe &out);

// Steps 1 to 5 of decrypt_jwe, with their statuses, and nothing after: Ok when the token would now
// be decrypted with `out.key_index`'s key, its header (an "epk", "p2s" and "p2c" included) and
// parts checked. For a host that computes the key management's costly step: decrypt_jwe then runs
// again, every step, with the host's secret as `keys.from_host`.
Status begin_decrypt_jwe(const DecryptionKeys &keys, const DecryptionPolicy &policy, std::string_view token,
                         DecryptedJwe &out);

// Steps 1 and 2 short of reading the members: the protected header as decoded, for choosing a key
// before decrypting or for inspection (jose's decodeProtectedHeader). Nothing in it is protected
// until the token decrypts.
Status decode_jwe_header(std::string_view token, const TokenLimits &limits, DecryptedJwe &out);

}  // namespace edgejwt
