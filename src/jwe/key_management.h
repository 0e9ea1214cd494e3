// Key management (RFC 7516 §5.1 steps 1-8 and §5.2 steps 9-13, RFC 7518 §4): one place that
// dispatches an "alg" to its construction, for a token being produced (determine the CEK, the
// encrypted key and the header members the algorithm adds) and for a token being decrypted
// (recover the CEK). The key has consented to the algorithm before either runs
// (Key::check_key_management).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../bytes.h"
#include "../keys/key.h"
#include "../secret_bytes.h"
#include "../status.h"
#include "header.h"

namespace edgejwt {

// ECDH-ES's agreement made by a host for the producer (the async encryptions, where node:crypto or
// WebCrypto measured faster than Wasm): the public half of the ephemeral key the host drew, as a
// JWK, and Z, its agreement of the private half with the recipient's key. Empty: the core draws the
// ephemeral key and agrees itself. The core checks what it can (produce_key) and writes the "epk"
// from the key it read, never the host's text.
struct HostAgreement {
  std::string_view epk_jwk;
  ByteView z;
  bool empty() const { return epk_jwk.empty() && z.empty(); }
};

struct ProducedKey {
  SecretBytes cek;                     // of enc's key size
  std::vector<uint8_t> encrypted_key;  // empty for "dir" and ECDH-ES
  // Members the algorithm adds to the protected header, as JSON text that starts with a comma:
  // "epk" (ECDH-ES), "iv" and "tag" (AES-GCM key wrapping), "p2s" and "p2c" (PBES2, those the
  // producer's header left to the library).
  std::string header_members;
};

// The CEK for a token of header.alg and header.enc to `key`: drawn at random, or `chosen_cek` (of
// enc's key size) when one is given, as jose's setContentEncryptionKey allows for known-answer
// tests only; for "dir" and ECDH-ES the key or the agreement fixes the CEK and a chosen one is
// InvalidArgument, as is a key of another size than the algorithm takes (fits) and a producer's
// "p2c" under 1,000. The header was read as its producer's (JweHeaderReader::Producer).
// `host`, for the ECDH-ES algorithms only (InvalidArgument for others, as for an empty half), stands
// for the core's ephemeral key and agreement: its "epk" must be a public key read as a token's is
// (on its curve, strict JWK) of the recipient's own curve, and Z of that curve's size (non-zero for
// X25519); anything else is InvalidArgument. Z cannot be checked against the "epk" without the
// ephemeral private key, which the host keeps: the host is trusted for that one multiplication.
Status produce_key(const Key &key, const JweHeader &header, ByteView chosen_cek, const HostAgreement &host,
                   ProducedKey &out);

// The CEK of a token (enc's key size bytes into `cek`), from the key and the token's encrypted key.
// Whatever an attacker can change makes the unwrapping or decryption of the CEK fail (a wrong key,
// a changed or foreign encrypted key, a wrapped key of another size than enc's CEK, an AES-GCM key
// wrapping IV or tag of another length, a key whose size does not fit the algorithm): then a random
// CEK is used instead, chosen in constant time after the same work, so the token fails only at its
// content tag, with the same code and after the same steps as with any other wrong byte (RFC 7516
// §11.5, against Bleichenbacher- and Manger-style oracles). JweDecryptionFailed at once only where
// there is nothing to unwrap: an encrypted key for "dir" or ECDH-ES (which have none), or a "dir"
// key that does not fit enc. RandomUnavailable without randomness.
// `from_host`, when not empty, is what a host computed for the algorithm's costly step with this
// key, standing in for the core's own and for nothing else (is_host_computed; InvalidArgument for
// the other algorithms): for ECDH-ES, Z from the header's "epk" (ecdh_es_derive_from); for
// RSA-OAEP, the CEK the host recovered from the encrypted key; for PBES2, the KEK it derived from
// the password, "p2s" and "p2c". A CEK or KEK of another size than the algorithm's is a failed
// unwrapping (the random CEK above), so a host's answer is never trusted further than the core's.
Status recover_cek(const Key &key, const JweHeader &header, ByteView encrypted_key, uint8_t *cek,
                   ByteView from_host = {});

}  // namespace edgejwt
