// The Concat KDF of NIST SP 800-56A §5.8.1 with SHA-256, as ECDH-ES derives its key (RFC 7518
// §4.6.2): ours, on BearSSL's SHA-256. The key is the first key_size bytes of
// SHA-256(1 || Z || OtherInfo) || SHA-256(2 || Z || OtherInfo) || …, the round counter as 32 bits
// big-endian, OtherInfo = AlgorithmID || PartyUInfo || PartyVInfo || SuppPubInfo: the first three
// each as a 32-bit big-endian length and its bytes, SuppPubInfo the key's length in bits as 32
// bits big-endian, SuppPrivInfo empty.
#pragma once
#include <cstddef>
#include <cstdint>

#include "../bytes.h"
#include "../status.h"

namespace edgejwt {

// The largest key JWE derives: A256CBC-HS512's 64 bytes (ECDH-ES in direct mode).
constexpr size_t kConcatKdfMaxKeySize = 64;
// Each of Z, AlgorithmID, PartyUInfo and PartyVInfo: the header's and keys' own bounds keep them
// far below this; the 32-bit length prefixes need it.
constexpr size_t kConcatKdfMaxInputSize = 0xFFFFFFFF;

// `key` receives key_size bytes (1 to 64). The algorithm ID is the JWE "enc" value in direct
// mode and the "alg" value otherwise; the party infos are the decoded "apu" and "apv" (empty when
// absent). InvalidArgument for a key size or an input outside the bounds.
Status concat_kdf(ByteView shared_secret, ByteView algorithm_id, ByteView party_u_info, ByteView party_v_info,
                  size_t key_size, uint8_t *key);

}  // namespace edgejwt
