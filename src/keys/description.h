// What the library tells its host about a key, a key set and the algorithms it implements, as JSON:
// the host learns these facts from the core (the tables in src/jwa and src/crypto) instead of
// keeping copies of its own.
#pragma once
#include <string>

#include "key.h"
#include "key_set.h"

namespace edgejwt {

// {"type": "secret"|"public"|"private", "family", "algorithms": [the usable ones: JWS algorithms for a
// key imported for signatures, JWE "alg" values for one imported for encryption], "kid", "alg",
// "use"}, the last three only when the key has them.
void describe_key(const Key &key, std::string &json);

// {"type": "set", "keys": how many it holds, "skipped": entries it left out}.
void describe_key_set(const KeySet &set, std::string &json);

// {"algorithms": [{"alg", "family", "kty", "crv" (EC), "scheme" ("hmac", "pkcs1", "pss", "ecdsa",
// "ed25519"), "hashBits" (where the scheme takes a hash), "signatureLength" (bytes; absent for
// RSA, whose signatures are as long as the modulus)}], "families": [{"name", "kty", "crv" (EC,
// OKP), "coordinateLength" (EC), "minModulusBits" and "maxModulusBits" (RSA)}]}, in the tables'
// order.
void describe_algorithms(std::string &json);

// {"keyManagement": [{"alg", "mode", "hashBits"?, "kekLength"? (bytes)}], "contentEncryption":
// [{"enc", "keyLength" (bytes)}]}: the JWE algorithms, apart from the JWS ones so that only a module
// that encrypts links their names.
void describe_encryption_algorithms(std::string &json);

}  // namespace edgejwt
