/*
 * edgejwt C ABI: the one interface both WebAssembly builds (Emscripten and WASI) export, also
 * usable natively. Plain C: no C++ types cross it, and nothing throws.
 *
 * Conventions
 * - Every operation returns an edgejwt_status: EDGEJWT_OK (0) or an error code whose stable name
 *   edgejwt_status_name() gives ("ERR_JWS_SIGNATURE_VERIFICATION_FAILED", ...). The JS errors'
 *   `code` is that name.
 * - Inputs: the host places them in memory it obtained from edgejwt_alloc (in Wasm, the module's
 *   linear memory) and releases them with edgejwt_free. No call keeps a pointer to an input.
 * - Outputs: every call that works in a context takes, after the context, the edgejwt_result it
 *   writes its outputs to (decoded header and payload, a produced token, an error detail, a new
 *   handle). The caller owns the result (edgejwt_result_new / edgejwt_result_free): a call clears
 *   it and fills it, and no call changes any other result. What its pointers point at belongs to
 *   the result (except signing_input and signature, below) and stays valid until the result is
 *   passed to another call or freed; copy it, or keep one result per output you keep.
 * - Keys, verify policies and begun verifications live in the context and are referred to by
 *   handle within the context that made them; a released, consumed or foreign handle is refused
 *   (ERR_INVALID_HANDLE), never reused silently.
 * - Two-phase verification: edgejwt_verify_begin makes a verification (result.handle) that owns its
 *   copy of the token; result.signing_input and result.signature point into it and stay valid until
 *   it is finished (edgejwt_verify_finish consumes it) or released. Several may be pending at once,
 *   and any call may come between begin and finish.
 * - A context and its results are used by one thread at a time.
 */
#ifndef EDGEJWT_H
#define EDGEJWT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EDGEJWT_ABI_VERSION 3
#define EDGEJWT_OK 0
/* The status of a signature the primitive refused (edgejwt_verify_on_host's host verdict). */
#define EDGEJWT_SIGNATURE_INVALID 22

#if defined(__GNUC__)
#define EDGEJWT_API __attribute__((visibility("default")))
#else
#define EDGEJWT_API
#endif
/* The encryption (JWE) functions. Each Wasm build links two modules from the same objects: the
 * default one (edgejwt.wasm) exports the EDGEJWT_API functions only, so the linker leaves the JWE
 * core out of every page that does not encrypt; the JWE one (edgejwt-jwe.wasm) exports these too.
 * This marker is the one list of them (CMakeLists.txt and the tests read it). */
#define EDGEJWT_JWE_API EDGEJWT_API

typedef int32_t edgejwt_status;
typedef uint32_t edgejwt_handle; /* 0 is never a valid handle */
typedef struct edgejwt_context edgejwt_context;

/* Where a call's outputs are found: made by edgejwt_result_new only (the storage its pointers point
 * into lives behind it), read by the host, written by the calls it is passed to. In wasm32 the
 * pointers, lengths and integers are 4 bytes each and the doubles 8, at the offsets given (hosts
 * read them straight from linear memory). */
typedef struct edgejwt_result {
  const uint8_t *header;  /* decoded protected header JSON (decode, verify) */
  size_t header_len;
  const uint8_t *payload; /* decoded payload bytes (decode, verify) */
  size_t payload_len;
  const uint8_t *output;  /* produced text: a compact token, a JWK, a PEM, a thumbprint, a description */
  size_t output_len;
  const uint8_t *detail;  /* on failure, what failed: "header", "payload", a JWK member, "exp:check_failed" */
  size_t detail_len;
  edgejwt_handle handle;  /* the handle an import, generate, create or verify_begin just made */
  uint32_t key_index;     /* verify with a key set: the index in its "keys" array of the key that verified */
  /* edgejwt_verify_begin, pointing into the verification it made (not the result's own storage): */
  const uint8_t *signing_input; /* what the host must check the signature over */
  size_t signing_input_len;
  const uint8_t *signature;     /* the decoded signature, of the algorithm's exact length */
  size_t signature_len;
  /* A JWT that verified: the instants (seconds since the epoch) between which its time claims hold,
   * valid_from <= now < valid_until (+-infinity where unbounded; the key, policy and every other
   * claim are fixed by the token). A cache of verified tokens answers from these until they lapse. */
  double valid_from;  /* wasm32 offset 56 */
  double valid_until; /* wasm32 offset 64 */
} edgejwt_result;

/* Key formats for edgejwt_key_import. */
#define EDGEJWT_KEY_SECRET 1          /* raw HMAC secret bytes (at least 32) */
#define EDGEJWT_KEY_JWK 2             /* a JWK, JSON text */
#define EDGEJWT_KEY_PEM 3             /* PEM text: SPKI, PKCS#8, PKCS#1, SEC1 or an X.509 certificate */
#define EDGEJWT_KEY_SPKI_DER 4        /* SubjectPublicKeyInfo DER */
#define EDGEJWT_KEY_PKCS8_DER 5       /* PKCS#8 PrivateKeyInfo DER */
#define EDGEJWT_KEY_CERTIFICATE_DER 6 /* X.509 certificate DER: its subject public key */

/* Formats for edgejwt_key_export. */
#define EDGEJWT_EXPORT_JWK_PUBLIC 1
#define EDGEJWT_EXPORT_JWK_PRIVATE 2 /* private keys, and HMAC secrets */
#define EDGEJWT_EXPORT_SPKI_PEM 3
#define EDGEJWT_EXPORT_PKCS8_PEM 4

/* Limits a host applies before a call, so that it never copies what the core would refuse (the
 * core applies them again). */
#define EDGEJWT_DEFAULT_MAX_TOKEN_LENGTH 65536 /* bytes of a compact token under the default policy */
#define EDGEJWT_MAX_JSON_DEPTH 64              /* the most a policy's "maxJsonDepth" may be */

/* Payload kinds for edgejwt_verify_finish. */
#define EDGEJWT_PAYLOAD_JWT 0 /* a JSON object of claims, time claims checked */
#define EDGEJWT_PAYLOAD_BYTES 1
#define EDGEJWT_PAYLOAD_NESTED 2 /* edgejwt_decrypt_agreed and edgejwt_encrypt_agreed only: a nested JWT */
#define EDGEJWT_PAYLOAD_NESTED_JWS 3 /* edgejwt_decrypt_agreed only: a nested JWT's outer layer (edgejwt_decrypt_nested_jws) */

EDGEJWT_API uint32_t edgejwt_abi_version(void);

/* Memory for inputs. edgejwt_alloc returns NULL when memory is exhausted. */
EDGEJWT_API void *edgejwt_alloc(size_t size);
EDGEJWT_API void edgejwt_free(void *pointer);

/* The stable name and a one-line description of a status; static NUL-terminated strings. */
EDGEJWT_API const char *edgejwt_status_name(edgejwt_status status);
EDGEJWT_API const char *edgejwt_status_message(edgejwt_status status);

/* A context holds keys, policies and begun verifications; NULL when memory is exhausted. */
EDGEJWT_API edgejwt_context *edgejwt_context_new(void);
EDGEJWT_API void edgejwt_context_free(edgejwt_context *context);

/* A result, cleared; NULL when memory is exhausted. Freeing it frees what its pointers point at
 * (signing_input and signature excepted: they belong to their verification). */
EDGEJWT_API edgejwt_result *edgejwt_result_new(void);
EDGEJWT_API void edgejwt_result_free(edgejwt_result *result);

/* --- Keys ------------------------------------------------------------------------------------
 * Every key is validated and bound to one family at import (HMAC, RSA, EC P-256/P-384/P-521,
 * Ed25519): it can never be used with another family's algorithm. `alg` (may be empty) binds the
 * key to one algorithm, as a JWK's own "alg" does (which must then agree). result.handle is the key. */
EDGEJWT_API edgejwt_status edgejwt_key_import(edgejwt_context *context, edgejwt_result *result, int32_t format,
                                              const uint8_t *data, size_t data_len, const char *alg, size_t alg_len);
/* A JWK Set; result.handle is a key set, usable wherever a key is verified with. */
EDGEJWT_API edgejwt_status edgejwt_key_import_jwks(edgejwt_context *context, edgejwt_result *result,
                                                   const char *jwks_json, size_t jwks_len);
/* A new key for `alg` (an HMAC secret of the hash's size, or a private key; `modulus_bits` for RSA,
 * 0 for 2048); result.handle is the key. */
EDGEJWT_API edgejwt_status edgejwt_key_generate(edgejwt_context *context, edgejwt_result *result, const char *alg,
                                                size_t alg_len, uint32_t modulus_bits);
/* A new handle for the public half of a private key. */
EDGEJWT_API edgejwt_status edgejwt_key_public(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key);
/* result.output: the key in one of the EDGEJWT_EXPORT_ formats. */
EDGEJWT_API edgejwt_status edgejwt_key_export(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                              int32_t format);
/* result.output: the RFC 7638 thumbprint, base64url, with SHA-`hash_bits` (256, 384 or 512). */
EDGEJWT_API edgejwt_status edgejwt_key_thumbprint(edgejwt_context *context, edgejwt_result *result,
                                                  edgejwt_handle key, uint32_t hash_bits);
/* result.output: JSON describing the key: {"type": "secret"|"public"|"private"|"set", "family",
 * "algorithms": [usable algs], "kid", "alg", "use", "keys": count for a set, "skipped": entries a set left out} */
EDGEJWT_API edgejwt_status edgejwt_key_describe(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key);
/* result.output: JSON of the algorithms and key families the library implements, from the core's
 * own tables, so a host derives what it needs instead of keeping a copy: {"algorithms": [{"alg",
 * "family", "kty", "crv" (EC), "scheme" ("hmac", "pkcs1", "pss", "ecdsa", "ed25519"), "hashBits"
 * (not for ed25519), "signatureLength" (bytes; absent for RSA: the modulus's length)}],
 * "families": [{"name" (as "family" above), "kty", "crv", "coordinateLength" (EC),
 * "minModulusBits", "maxModulusBits" (RSA)}]}. The JWE algorithms are edgejwt_encryption_algorithms's. */
EDGEJWT_API edgejwt_status edgejwt_algorithms(edgejwt_context *context, edgejwt_result *result);
EDGEJWT_API edgejwt_status edgejwt_key_release(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key);

/* --- Policies ---------------------------------------------------------------------------------
 * A verify policy from options JSON (see README: "algorithms", "clockTolerance", limits);
 * result.handle is the policy. Handle 0 stands for the defaults wherever a policy is taken. */
EDGEJWT_API edgejwt_status edgejwt_policy_create(edgejwt_context *context, edgejwt_result *result,
                                                 const char *options_json, size_t options_len);
EDGEJWT_API edgejwt_status edgejwt_policy_release(edgejwt_context *context, edgejwt_result *result,
                                                  edgejwt_handle policy);

/* --- Tokens -------------------------------------------------------------------------------------
 * The header's "alg" picks the algorithm and must suit the key; result.output is the compact token.
 * edgejwt_sign takes claims (a JSON object); edgejwt_compact_sign any payload bytes. The policy
 * (0: the defaults) says which extensions the signer understands (its "crit": a header's "crit" may
 * name only those, else ERR_JWS_CRIT_NOT_UNDERSTOOD, as jose's sign option crit) and bounds the
 * header and payload (its limits). */
EDGEJWT_API edgejwt_status edgejwt_sign(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                        edgejwt_handle policy, const char *header_json, size_t header_len,
                                        const char *payload_json, size_t payload_len);
EDGEJWT_API edgejwt_status edgejwt_compact_sign(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                                edgejwt_handle policy, const char *header_json, size_t header_len,
                                                const uint8_t *payload, size_t payload_len);

/* The key of a set (result.key_index, its position) that a token with this protected header (JSON)
 * would be verified with, by the same choice verify makes: ERR_JWKS_NO_MATCHING_KEY, or
 * ERR_JWKS_MULTIPLE_MATCHING_KEYS with the candidates' positions in result.detail. A single key is
 * its own answer (0). For a key resolver asked before any token is verified (jose's local set). */
EDGEJWT_API edgejwt_status edgejwt_key_select(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                              const char *header_json, size_t header_len);

/* Verifies a JWT with a key or key set under a policy at `now` (seconds since the epoch); on success
 * result.header and result.payload hold the verified JSON (and result.key_index the set's key). */
EDGEJWT_API edgejwt_status edgejwt_verify(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                          edgejwt_handle policy, const char *token, size_t token_len, double now);
/* The same for a JWS whose payload is any bytes (no claims are checked). */
EDGEJWT_API edgejwt_status edgejwt_compact_verify(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                                  edgejwt_handle policy, const char *token, size_t token_len);

/* Verification with the signature primitive checked by the host (e.g. with native crypto).
 * begin runs every check before the primitive (form, header, policy, key choice, signature
 * encoding) and on success makes a verification, result.handle, which holds its own copy of the
 * token: result.signing_input and result.signature point into it (valid until it is finished or
 * released), at what the host must check under the key (result.key_index for a set). finish is told
 * the host's verdict and runs every check after it, into its own result; it consumes the
 * verification whatever its outcome (unless the handle names none). Nothing is skipped: the host only
 * replaces the primitive. Several verifications may be pending at once and other calls may come
 * between begin and finish (an asynchronous host's other work): nothing but finish and release
 * touches a verification. One that will not be finished is released. */
EDGEJWT_API edgejwt_status edgejwt_verify_begin(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                                edgejwt_handle policy, const char *token, size_t token_len);
EDGEJWT_API edgejwt_status edgejwt_verify_finish(edgejwt_context *context, edgejwt_result *result,
                                                 edgejwt_handle verification, int32_t payload_kind,
                                                 int32_t signature_valid, double now);
EDGEJWT_API edgejwt_status edgejwt_verification_release(edgejwt_context *context, edgejwt_result *result,
                                                        edgejwt_handle verification);

/* The same in one call, for a host that answers at once (e.g. node:crypto): every check before the
 * primitive, then every check after it (the payload read and, for a JWT, its claims at `now`), whose
 * status is returned held: it stands only if the host's verdict on the primitive is "valid"; if the
 * host finds the signature invalid, the verification's outcome is EDGEJWT_SIGNATURE_INVALID whatever
 * was held, so a forged token is always reported as one. result.signing_input is set (never empty)
 * exactly when every check before the primitive passed: it and result.signature are what the host
 * checks under the key (result.key_index for a set). signing_input points into the caller's token
 * input, result.signature into the result: both valid until the next call on either. When
 * signing_input is not set, the status is a failure before the primitive and stands as it is. */
EDGEJWT_API edgejwt_status edgejwt_verify_on_host(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                                  edgejwt_handle policy, const char *token, size_t token_len,
                                                  int32_t payload_kind, double now);

/* The signature step alone, over any bytes: the key's checks (family, alg/use/key_ops), the exact
 * encoding, then the primitive. For JOSE forms beyond the compact one (detached content, JSON
 * serialization) and for checking the primitives against published vectors. */
EDGEJWT_API edgejwt_status edgejwt_check_signature(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                                   const char *alg, size_t alg_len, const uint8_t *signing_input,
                                                   size_t input_len, const uint8_t *signature, size_t signature_len);

/* Decodes a JWT without verifying anything (the policy's size limits still apply). */
EDGEJWT_API edgejwt_status edgejwt_decode(edgejwt_context *context, edgejwt_result *result, edgejwt_handle policy,
                                          const char *token, size_t token_len);
/* Decodes only the protected header of any compact JWS or JWE (result.header), verifying nothing. */
EDGEJWT_API edgejwt_status edgejwt_decode_header(edgejwt_context *context, edgejwt_result *result,
                                                 edgejwt_handle policy, const char *token, size_t token_len);
/* Decodes only the payload of a compact JWS, a JSON object (result.payload), verifying nothing. */
EDGEJWT_API edgejwt_status edgejwt_decode_payload(edgejwt_context *context, edgejwt_result *result,
                                                  edgejwt_handle policy, const char *token, size_t token_len);

/* --- Encryption (JWE) ---------------------------------------------------------------------------
 * Keys serve one use, fixed at import: a key imported or generated for encryption never signs or
 * verifies, and a signature key never encrypts or decrypts (either is KEY_USAGE_REFUSED). */
#define EDGEJWT_USE_SIGNATURE 0
#define EDGEJWT_USE_ENCRYPTION 1

/* edgejwt_key_import and edgejwt_key_import_jwks for a use (EDGEJWT_USE_*). For encryption a
 * EDGEJWT_KEY_SECRET is an AES key ("dir", AxxxKW, AxxxGCMKW) or a PBES2 password, and `alg` (a
 * JWE "alg", or for "dir" keys an "enc") binds it; a set keeps its entries that can decrypt. */
EDGEJWT_JWE_API edgejwt_status edgejwt_key_import_for(edgejwt_context *context, edgejwt_result *result, int32_t format,
                                                      int32_t use, const uint8_t *data, size_t data_len, const char *alg,
                                                      size_t alg_len);
EDGEJWT_JWE_API edgejwt_status edgejwt_key_import_jwks_for(edgejwt_context *context, edgejwt_result *result, int32_t use,
                                                           const char *jwks_json, size_t jwks_len);
/* A new key for a JWE "alg" (AES key, key pair or PBES2 password), or for an "enc" a content
 * encryption key for "dir"; `crv` (may be empty: P-256) for ECDH-ES ("P-256", "P-384", "P-521",
 * "X25519"), `modulus_bits` for RSA-OAEP (0 for 2048). result.handle is the key. */
EDGEJWT_JWE_API edgejwt_status edgejwt_key_generate_for_encryption(edgejwt_context *context, edgejwt_result *result,
                                                                   const char *alg, size_t alg_len, const char *crv,
                                                                   size_t crv_len, uint32_t modulus_bits);

/* result.output: JSON of the JWE algorithms the library implements, from the core's own tables:
 * {"keyManagement": [{"alg"}] (JWE "alg" values), "contentEncryption": [{"enc", "keyLength" (bytes)}]}.
 * A key imported for one of these names serves encryption. */
EDGEJWT_JWE_API edgejwt_status edgejwt_encryption_algorithms(edgejwt_context *context, edgejwt_result *result);

/* Decryption options (JSON): every edgejwt_policy_create member (the claims' for an encrypted
 * JWT, "algorithms" for a nested token's inner JWS) and "keyManagementAlgorithms",
 * "contentEncryptionAlgorithms", "maxPBES2Count". result.handle is the decryption policy; handle 0
 * stands for the defaults wherever one is taken. */
EDGEJWT_JWE_API edgejwt_status edgejwt_decryption_policy_create(edgejwt_context *context, edgejwt_result *result,
                                                                const char *options_json, size_t options_len);
EDGEJWT_JWE_API edgejwt_status edgejwt_decryption_policy_release(edgejwt_context *context, edgejwt_result *result,
                                                                 edgejwt_handle policy);

/* result.output: the compact JWE of `plaintext` for `key` under `header_json` (an object with "alg"
 * and "enc"; the members the algorithm makes are added). edgejwt_encrypt takes claims (a JSON
 * object). */
EDGEJWT_JWE_API edgejwt_status edgejwt_compact_encrypt(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                                       const char *header_json, size_t header_len,
                                                       const uint8_t *plaintext, size_t plaintext_len);
EDGEJWT_JWE_API edgejwt_status edgejwt_encrypt(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                               const char *header_json, size_t header_len, const char *claims_json,
                                               size_t claims_len);
/* A nested JWT: the claims signed under `jws_header_json`, that JWS encrypted under
 * `jwe_header_json` ("cty": "JWT" added). result.output is the JWE. */
EDGEJWT_JWE_API edgejwt_status edgejwt_sign_and_encrypt(edgejwt_context *context, edgejwt_result *result,
                                                        edgejwt_handle signing_key, const char *jws_header_json,
                                                        size_t jws_header_len, const char *claims_json, size_t claims_len,
                                                        edgejwt_handle encryption_key, const char *jwe_header_json,
                                                        size_t jwe_header_len);
/* An encryption with ECDH-ES's ephemeral key and agreement made by the host (for a host whose ECDH
 * is faster than the core's): `epk_json` is the public half of the ephemeral key the host drew, a
 * JWK, and `agreement` Z, its agreement with `encryption_key`. Every step of the encryption named
 * by payload_kind runs, with the same statuses and outputs: EDGEJWT_PAYLOAD_BYTES is
 * edgejwt_compact_encrypt of `plaintext`, EDGEJWT_PAYLOAD_JWT edgejwt_encrypt of the claims in
 * `plaintext`, EDGEJWT_PAYLOAD_NESTED edgejwt_sign_and_encrypt of them with `signing_key` and
 * `jws_header_json` (both ignored otherwise); then, in place of the core's own ephemeral key and
 * agreement, the "epk" is read as a token's is (a strict public JWK, its point on its curve) and must
 * be of the key's curve, and Z of the size that curve gives (not all zero for X25519): otherwise, or
 * for an "alg" other than the ECDH-ES ones, or either empty, ERR_INVALID_ARGUMENT ("agreement"). The
 * header's "epk" is written from the key the core read. */
EDGEJWT_JWE_API edgejwt_status edgejwt_encrypt_agreed(edgejwt_context *context, edgejwt_result *result,
                                                      int32_t payload_kind, edgejwt_handle signing_key,
                                                      const char *jws_header_json, size_t jws_header_len,
                                                      edgejwt_handle encryption_key, const char *header_json,
                                                      size_t header_len, const uint8_t *plaintext, size_t plaintext_len,
                                                      const char *epk_json, size_t epk_len, const uint8_t *agreement,
                                                      size_t agreement_len);
/* For the host's RSA-OAEP and PBES2 (edgejwt_encrypt_hosted): every check the encryptions run
 * before key management, on `header_json` for `encryption_key`, with their statuses; result.output
 * is that header with the parameters the core chooses for the host's step added: PBES2's "p2s"
 * (16 random bytes) and "p2c" (10,000) where the header has none; the header itself otherwise. */
EDGEJWT_JWE_API edgejwt_status edgejwt_encrypt_begin(edgejwt_context *context, edgejwt_result *result,
                                                     edgejwt_handle encryption_key, const char *header_json,
                                                     size_t header_len);
/* An encryption with key management's costly step made by the host (for a host faster at it than
 * the core), otherwise as edgejwt_encrypt_agreed (payload_kind, the keys, the headers, the
 * statuses and outputs):
 *   RSA-OAEP, -256, -384, -512: `secret` is the CEK the host drew from its CSPRNG (of "enc"'s key
 *     size) and `encrypted_key` that CEK encrypted to `encryption_key` with the alg's hash, of the
 *     form of an RSA ciphertext under it (exactly the modulus length, below the modulus);
 *   PBES2-HSxxx+AxxxKW: `secret` is the KEK (of the alg's size) the host derived from the password
 *     over UTF8(alg) || 0x00 || p2s and p2c, which the header must carry (edgejwt_encrypt_begin's
 *     output), `encrypted_key` empty; the core draws the CEK and wraps it.
 * Anything else, or for any other "alg": ERR_INVALID_ARGUMENT ("host"). The core cannot check that
 * the encrypted key opens to the CEK or that the KEK is the password's: the host is trusted for
 * that step, and for the CEK's randomness. */
EDGEJWT_JWE_API edgejwt_status edgejwt_encrypt_hosted(edgejwt_context *context, edgejwt_result *result,
                                                      int32_t payload_kind, edgejwt_handle signing_key,
                                                      const char *jws_header_json, size_t jws_header_len,
                                                      edgejwt_handle encryption_key, const char *header_json,
                                                      size_t header_len, const uint8_t *plaintext, size_t plaintext_len,
                                                      const uint8_t *secret, size_t secret_len,
                                                      const uint8_t *encrypted_key, size_t encrypted_key_len);
/* Decrypts a compact JWE with a key or key set (imported for encryption) under a decryption policy;
 * result.header is the protected header, result.payload the plaintext (result.key_index the set's
 * key). Every failure only the key could tell is ERR_JWE_DECRYPTION_FAILED, without a detail. */
EDGEJWT_JWE_API edgejwt_status edgejwt_compact_decrypt(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                                       edgejwt_handle policy, const char *token, size_t token_len);
/* An encrypted JWT: edgejwt_compact_decrypt, then its claims checked at `now` as edgejwt_verify
 * checks them; result.payload is the claims, result.valid_from/until their window. */
EDGEJWT_JWE_API edgejwt_status edgejwt_decrypt(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                               edgejwt_handle policy, const char *token, size_t token_len, double now);
/* A nested JWT: decrypted with `decryption_key`, then its inner JWS verified with
 * `verification_key` (a key or set) and claims checked at `now`. result.header is the JWE's
 * protected header, result.output the inner JWS's, result.payload the claims, result.key_index the
 * verification set's key. */
EDGEJWT_JWE_API edgejwt_status edgejwt_decrypt_and_verify(edgejwt_context *context, edgejwt_result *result,
                                                          edgejwt_handle decryption_key, edgejwt_handle verification_key,
                                                          edgejwt_handle policy, const char *token, size_t token_len,
                                                          double now);
/* A nested JWT's outer layer, for a host that verifies the inner JWS's signature itself: decrypted
 * as edgejwt_decrypt_and_verify decrypts it ("cty" must be "JWT", read before any decryption), with
 * its statuses; result.header is the JWE's protected header, result.payload the inner JWS as it was
 * encrypted, NOT yet verified, result.key_index the decryption set's key. The host then verifies
 * the payload with edgejwt_verify_on_host (or edgejwt_verify) under a policy made from the same
 * options (the decryption policy's verify members), at the same `now`: together the same checks,
 * in the same order, with the same statuses as edgejwt_decrypt_and_verify. */
EDGEJWT_JWE_API edgejwt_status edgejwt_decrypt_nested_jws(edgejwt_context *context, edgejwt_result *result,
                                                          edgejwt_handle decryption_key, edgejwt_handle policy,
                                                          const char *token, size_t token_len);
/* Two-phase decryption, for a host that computes the costly step of key management itself: ECDH-ES's
 * agreement (Z), RSA-OAEP's private-key decryption (the CEK), PBES2's PBKDF2 (the KEK). begin runs
 * every step of edgejwt_compact_decrypt before that one (the five parts, the header, the policy's
 * allowlists and bounds, "p2c" and "p2s" included, the key or the set's one key for the header, an
 * "epk" on that key's curve, each part's encoding and size) with the same statuses; on success
 * result.header is the protected header and result.key_index the set's key, and nothing is kept.
 * The host computes its secret from that key (for PBES2, that password) and the token; then
 * edgejwt_decrypt_agreed runs the whole decryption again, every step, with `host_secret` standing
 * in for the core's own step and for nothing else: payload_kind EDGEJWT_PAYLOAD_BYTES is
 * edgejwt_compact_decrypt, EDGEJWT_PAYLOAD_JWT edgejwt_decrypt, EDGEJWT_PAYLOAD_NESTED
 * edgejwt_decrypt_and_verify with `verification_key` (ignored otherwise), EDGEJWT_PAYLOAD_NESTED_JWS
 * edgejwt_decrypt_nested_jws, each with its outputs.
 * A Z of another size than the key's curve gives (or all zero for X25519), a CEK of another size
 * than the "enc" takes, a KEK of another size than the "alg" wraps with, or a wrong one, is
 * ERR_JWE_DECRYPTION_FAILED as any wrong key is; a secret for any other "alg", or an empty one,
 * ERR_INVALID_ARGUMENT. */
EDGEJWT_JWE_API edgejwt_status edgejwt_decrypt_begin(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                                     edgejwt_handle policy, const char *token, size_t token_len);
EDGEJWT_JWE_API edgejwt_status edgejwt_decrypt_agreed(edgejwt_context *context, edgejwt_result *result,
                                                      int32_t payload_kind, edgejwt_handle decryption_key,
                                                      edgejwt_handle verification_key, edgejwt_handle policy,
                                                      const char *token, size_t token_len, double now,
                                                      const uint8_t *host_secret, size_t host_secret_len);
/* Decodes only the protected header of a compact JWE (result.header) under a decryption policy's
 * limits, decrypting nothing: what decryption reads first to know the key's alg. (Every module's
 * edgejwt_decode_header reads a JWE's header too, for decodeProtectedHeader.) */
EDGEJWT_JWE_API edgejwt_status edgejwt_decode_jwe_header(edgejwt_context *context, edgejwt_result *result,
                                                         edgejwt_handle policy, const char *token, size_t token_len);

#ifdef __cplusplus
}
#endif

#endif /* EDGEJWT_H */
