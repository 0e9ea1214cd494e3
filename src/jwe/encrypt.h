// Producing a compact JWE (RFC 7516 §5.1): the caller's protected header, checked strictly and
// kept as written, with the members its algorithm makes added; key management; content encryption
// with the header's base64url text as the AAD.
#pragma once
#include <string>
#include <string_view>

#include "../bytes.h"
#include "../jose/limits.h"
#include "../keys/key.h"
#include "../status.h"
#include "key_management.h"

namespace edgejwt {

// What a known-answer test may fix that is otherwise drawn at random, as jose's
// setContentEncryptionKey and setInitializationVector allow "only for test and vector validation
// purposes": a CEK and IV used twice under AES-GCM give away both plaintexts' XOR and the
// authentication key. Empty views: random, as always in production.
struct ChosenRandomness {
  ByteView cek;  // enc's key size; not for "dir" or ECDH-ES, whose CEK the key or agreement fixes
  ByteView iv;   // enc's IV size
};

// On success `token` holds the compact JWE of `plaintext` for `key`. `header_json` is a JSON object
// with "alg" and "enc" and any other members the caller wants protected ("kid", "typ", "cty",
// "apu"/"apv" for ECDH-ES, "p2s"/"p2c" for PBES2, extensions listed in "crit"); the members the
// algorithm makes ("epk"; "iv" and "tag"; "p2s" and "p2c" when not given: a 16-byte random salt
// input and 10,000 iterations) are appended to it, and given ones are refused. Failures, with
// `detail` naming the part or member when there is one: HeaderTooLarge (the final header) and
// PayloadTooLarge (the plaintext) against `limits`; the JSON statuses ("header"); read_jwe_header's
// (JweInvalid, AlgNotSupported, CritInvalid; "zip" included); the key's consent
// (Key::check_key_management: AlgNotAllowed, KeyUsageRefused); AlgNotAllowed ("enc") for a "dir"
// key of another size or "enc" than the header's; InvalidArgument for a chosen CEK or IV of the
// wrong size (or a CEK where the key fixes it) and a "p2c" under 1,000; TokenTooLarge when the
// token would be longer than decryption under the same limits accepts.
Status encrypt_jwe(const Key &key, std::string_view header_json, ByteView plaintext, const TokenLimits &limits,
                   std::string &token, std::string &detail);
Status encrypt_jwe(const Key &key, std::string_view header_json, ByteView plaintext, const TokenLimits &limits,
                   const ChosenRandomness &chosen, std::string &token, std::string &detail);
// The same with the costly step of key management made by a host (HostKeyManagement: ECDH-ES's
// ephemeral key and agreement, RSA-OAEP's CEK and its encryption, PBES2's KEK; produce_key checks
// it after every check above): InvalidArgument for one the core refuses, `detail` "agreement" for
// ECDH-ES or a host part with an "epk" (edgejwt_encrypt_agreed's), "host" for the others'.
Status encrypt_jwe(const Key &key, std::string_view header_json, ByteView plaintext, const TokenLimits &limits,
                   const HostKeyManagement &host, std::string &token, std::string &detail);

// For a host that makes key management's costly step over parameters the core chooses: every check
// encrypt_jwe runs before key management, with its statuses, then `header_out` is `header_json` with
// those parameters added (choose_parameters: PBES2's "p2s" and "p2c" where it left them), the
// header to encrypt under with the host's step.
Status begin_encryption(const Key &key, std::string_view header_json, const TokenLimits &limits, std::string &header_out,
                        std::string &detail);

}  // namespace edgejwt
