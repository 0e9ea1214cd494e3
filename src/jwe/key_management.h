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

// What a host computed for the producer's key management (the async encryptions, where node:crypto
// or WebCrypto measured faster than Wasm), standing in for the core's own step and nothing else:
//   ECDH-ES, ECDH-ES+AxxxKW     epk_jwk, the public half of the ephemeral key the host drew, and
//                               secret = Z, its agreement of the private half with the recipient's;
//   RSA-OAEP, -256, -384, -512  secret = the CEK the host drew from its CSPRNG, and encrypted_key =
//                               that CEK encrypted to the recipient's public key with the alg's hash;
//   PBES2-HSxxx+AxxxKW          secret = the KEK the host derived from the password over the
//                               header's own "p2s" and "p2c" (which the header must then carry).
// All empty: the core computes every step itself. The core checks what it can (produce_key) and
// writes the header from what it read, never from the host's text.
struct HostKeyManagement {
  std::string_view epk_jwk;
  ByteView secret;
  ByteView encrypted_key;
  bool empty() const { return epk_jwk.empty() && secret.empty() && encrypted_key.empty(); }
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
// `host`, when not empty, stands for the core's own step (HostKeyManagement), and must be exactly
// what the algorithm's step makes, else InvalidArgument: for ECDH-ES, an "epk" that is a public
// key read as a token's is (on its curve, strict JWK) of the recipient's own curve, and Z of that
// curve's size (non-zero for X25519); for RSA-OAEP, a CEK of enc's key size and an encrypted key
// of the form an RSA ciphertext has under the recipient's key (exactly the modulus length, below
// n); for PBES2, a KEK of the algorithm's size, the header carrying "p2s" and "p2c"; nothing for
// any other algorithm, nor with a chosen CEK. What the host vouches for cannot be checked without
// a secret it keeps or the recipient holds (the ephemeral private key; the recipient's private key
// to open the encrypted key; the password): the host is trusted for that one step, as for the
// randomness of the CEK it draws.
Status produce_key(const Key &key, const JweHeader &header, ByteView chosen_cek, const HostKeyManagement &host,
                   ProducedKey &out);

// The header members produce_key chooses before its costly step, for a host that computes that
// step over them (edgejwt_encrypt_begin): PBES2's "p2s" (random) and "p2c" (the default) where the
// header left them, as JSON text that starts with a comma; nothing for the other algorithms.
// InvalidArgument for a producer's "p2c" out of bounds, as produce_key refuses it.
Status choose_parameters(const JweHeader &header, std::string &members);

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
