// Keys in DER and PEM (RFC 5280 SPKI and certificates, RFC 5208/5958 PKCS#8, RFC 8017 PKCS#1,
// RFC 5915 SEC1, RFC 8410 Ed25519, RFC 7468 PEM), read with our own bounded DER reader.
// Only the key kinds JWS can use come out: RSA (rsaEncryption; RSASSA-PSS-restricted keys are
// refused), EC on P-256/P-384/P-521 (named curves only), Ed25519.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "../bytes.h"
#include "../status.h"
#include "material.h"

namespace edgejwt {

// Each parse function replaces `out`; DerInvalid for malformed DER (including trailing bytes,
// non-minimal lengths and integers), KeyUnsupported for a well-formed key of another kind.
// Only structure and sizes are checked here: whether the numbers make a usable key (modulus size,
// point on the curve, public key matching the private one) is the key layer's check.
// A private key's public half may be absent from the file (an ECPrivateKey without publicKey,
// an Ed25519 PKCS#8 v1): then the EC point is left empty, the Ed25519 public key all zero, and
// the caller derives it from the private key.
Status parse_spki(ByteView der, KeyMaterial &out);               // SubjectPublicKeyInfo
Status parse_pkcs8(ByteView der, KeyMaterial &out);              // PrivateKeyInfo / OneAsymmetricKey
Status parse_pkcs1_public_key(ByteView der, KeyMaterial &out);   // RSAPublicKey
Status parse_pkcs1_private_key(ByteView der, KeyMaterial &out);  // RSAPrivateKey (two primes only)
Status parse_sec1_private_key(ByteView der, KeyMaterial &out);   // ECPrivateKey (with its curve)
Status parse_certificate_public_key(ByteView der, KeyMaterial &out);  // X.509 Certificate's SPKI

// One PEM block of any kind above, chosen by its label ("PUBLIC KEY", "PRIVATE KEY",
// "RSA PUBLIC KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "CERTIFICATE"); text around the block
// is ignored, a second block is PemInvalid. Encrypted PEM is KeyUnsupported.
Status parse_pem(std::string_view text, KeyMaterial &out);

// Writers for public (SPKI) and private (PKCS#8 v1) keys; KeyUsageRefused for material of the
// wrong kind (a public key has no PKCS#8, an HMAC secret has neither), KeyInvalid for an EC key
// without its point or a value of the wrong size.
Status write_spki(const KeyMaterial &key, std::vector<uint8_t> &der);
Status write_pkcs8(const KeyMaterial &key, std::vector<uint8_t> &der);
// The same, as PEM ("PUBLIC KEY", "PRIVATE KEY"); `pem` is replaced only on success.
Status write_spki_pem(const KeyMaterial &key, std::string &pem);
Status write_pkcs8_pem(const KeyMaterial &key, std::string &pem);

}  // namespace edgejwt
