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
 * - Outputs: decoded header and payload, a produced token, an error detail and a new handle are
 *   written to the context's edgejwt_result. The context owns them; they stay valid until the next
 *   call on that context, so copy what you keep.
 * - Keys and verify policies are imported once and referred to by handle within the context that
 *   made them; a released or foreign handle is refused (ERR_INVALID_HANDLE), never reused silently.
 * - A context is used by one thread at a time.
 */
#ifndef EDGEJWT_H
#define EDGEJWT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EDGEJWT_ABI_VERSION 1
#define EDGEJWT_OK 0

#if defined(__GNUC__)
#define EDGEJWT_API __attribute__((visibility("default")))
#else
#define EDGEJWT_API
#endif

typedef int32_t edgejwt_status;
typedef uint32_t edgejwt_handle; /* 0 is never a valid handle */
typedef struct edgejwt_context edgejwt_context;

/* Where a call's outputs are found. In wasm32 every field is 4 bytes, in this order. */
typedef struct edgejwt_result {
  const uint8_t *header;  /* decoded protected header JSON (decode, verify) */
  size_t header_len;
  const uint8_t *payload; /* decoded payload bytes (decode, verify) */
  size_t payload_len;
  const uint8_t *output;  /* produced text: the compact token (sign) */
  size_t output_len;
  const uint8_t *detail;  /* on failure, what failed: "header", "payload", "alg", "exp:check_failed" */
  size_t detail_len;
  edgejwt_handle handle;  /* the handle an import or create just made */
} edgejwt_result;

EDGEJWT_API uint32_t edgejwt_abi_version(void);

/* Memory for inputs. edgejwt_alloc returns NULL when memory is exhausted. */
EDGEJWT_API void *edgejwt_alloc(size_t size);
EDGEJWT_API void edgejwt_free(void *pointer);

/* The stable name and a one-line description of a status; static NUL-terminated strings. */
EDGEJWT_API const char *edgejwt_status_name(edgejwt_status status);
EDGEJWT_API const char *edgejwt_status_message(edgejwt_status status);

/* A context holds keys, policies and the result of its latest call. */
EDGEJWT_API edgejwt_context *edgejwt_context_new(void);
EDGEJWT_API void edgejwt_context_free(edgejwt_context *context);
EDGEJWT_API const edgejwt_result *edgejwt_context_result(const edgejwt_context *context);

/* Imports an HMAC secret (at least 32 bytes; HS384/HS512 need 48/64); result.handle is the key.
 * The key is bound to the HMAC family: it can never verify or sign with another algorithm. */
EDGEJWT_API edgejwt_status edgejwt_key_import_secret(edgejwt_context *context, const uint8_t *secret, size_t secret_len);
EDGEJWT_API edgejwt_status edgejwt_key_release(edgejwt_context *context, edgejwt_handle key);

/* Makes a verify policy from options JSON (see README: "algorithms", "clockTolerance", limits);
 * result.handle is the policy. Handle 0 stands for the defaults wherever a policy is taken. */
EDGEJWT_API edgejwt_status edgejwt_policy_create(edgejwt_context *context, const char *options_json, size_t options_len);
EDGEJWT_API edgejwt_status edgejwt_policy_release(edgejwt_context *context, edgejwt_handle policy);

/* Signs a JWT: header and claims are JSON objects (the header's "alg" picks the algorithm and
 * must suit the key); result.output is the compact token. */
EDGEJWT_API edgejwt_status edgejwt_sign(edgejwt_context *context, edgejwt_handle key, const char *header_json,
                                        size_t header_len, const char *payload_json, size_t payload_len);

/* Verifies a JWT with a key under a policy at `now` (seconds since the epoch); on success
 * result.header and result.payload hold the verified JSON. */
EDGEJWT_API edgejwt_status edgejwt_verify(edgejwt_context *context, edgejwt_handle key, edgejwt_handle policy,
                                          const char *token, size_t token_len, double now);

/* Decodes a JWT without verifying anything (the policy's size limits still apply). */
EDGEJWT_API edgejwt_status edgejwt_decode(edgejwt_context *context, edgejwt_handle policy, const char *token,
                                          size_t token_len);

#ifdef __cplusplus
}
#endif

#endif /* EDGEJWT_H */
