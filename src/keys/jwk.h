// JSON Web Keys (RFC 7517, RFC 7518 §6, RFC 8037 §2): import into a validated Key, export back,
// and RFC 7638 thumbprints. Values are strict: canonical base64url, minimal big integers, EC
// coordinates and OKP keys of exact length, RSA private keys with all their CRT members.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "../crypto/hash.h"
#include "../encoding/json.h"
#include "../status.h"
#include "key.h"

namespace edgejwt {

// The JWK as a key for `use` (Key::create binds it). JwkInvalid for a malformed or inconsistent
// JWK, KeyUnsupported for a well-formed key of a kind or size `use` cannot use (for signatures
// X25519 and an encryption "alg", for encryption Ed25519; secp256k1, Ed448, X448, multi-prime RSA,
// a modulus over 4096 bits), and the Key::create statuses for material that fails validation;
// `detail` names the member either way. `alg`, when not empty, is the caller's (as in jose's
// importJWK): it binds a JWK without one, and must equal the JWK's.
Status import_jwk(const JsonValue &jwk, KeyUse use, std::string_view alg, Key &out, std::string &detail);
Status import_jwk_text(std::string_view json, KeyUse use, std::string_view alg, Key &out, std::string &detail);
// The same with the use's binding (key.h), which links only that use's checks.
Status import_jwk(const JsonValue &jwk, const KeyBinding &binding, std::string_view alg, Key &out,
                  std::string &detail);
Status import_jwk_text(std::string_view json, const KeyBinding &binding, std::string_view alg, Key &out,
                       std::string &detail);
// The same for signatures.
Status import_jwk(const JsonValue &jwk, std::string_view alg, Key &out, std::string &detail);
Status import_jwk_text(std::string_view json, std::string_view alg, Key &out, std::string &detail);

// The key as a JWK: its key members, and the kid, alg, use and key_ops it came with (its JWK's own,
// or the alg it was generated for), never an alg the importer passed as an argument (that binds this
// import only, as in jose, whose exportJWK writes no alg); private members only when asked for and
// present (KeyUsageRefused when asked for a public key's, or for an HMAC secret's unless asked).
Status export_jwk(const Key &key, bool include_private, std::string &json);

// The public members of `material` as a JWK and nothing else (an ephemeral key's "epk", RFC 7518
// §4.6.1.1); KeyUsageRefused for a secret.
Status write_public_jwk(const KeyMaterial &material, std::string &json);

// RFC 7638: the hash of the required public members in lexicographic order, base64url-encoded
// (for an HMAC secret, of "k" and "kty", as the RFC defines for "oct").
Status jwk_thumbprint(const Key &key, Hash hash, std::string &thumbprint);

}  // namespace edgejwt
