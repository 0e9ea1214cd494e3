// The C ABI over the core: handle tables, input views, the ABI's numbers translated into the
// core's enums, and the context's result. No logic of its own beyond marshalling; every decision
// (formats, descriptions, the verification steps) is the core's.
#include "edgejwt.h"

#include <cstddef>
#include <cstdlib>
#include <string>
#include <utility>
#include <variant>

#include "../src/jws/signature.h"
#include "../src/jwt/decode.h"
#include "../src/jwt/sign.h"
#include "../src/jwt/verify.h"
#include "../src/keys/description.h"
#include "../src/keys/formats.h"
#include "../src/keys/generate.h"
#include "../src/keys/jwk.h"
#include "../src/keys/key_set.h"
#include "handle_table.h"

using namespace edgejwt;

namespace {

// What a key handle names: one key, or a set to choose from.
using KeyEntry = std::variant<Key, KeySet>;

// A verification split by edgejwt_verify_begin, waiting for the host's verdict. It keeps all it
// needs apart from the context's other state, so a host may make other calls (decode, verify, key
// export) while its host crypto works; only another begin replaces it.
struct PendingVerification {
  std::string token;  // a copy: the parts below view it, and the host's buffer is not ours to keep
  CompactParts parts;
  DecodedToken decoded;
  edgejwt_handle policy = 0;
  uint32_t key_index = 0;  // kept here: calls between begin and finish clear the result
  bool active = false;
};

}  // namespace

// The limits the header states for hosts are the core's.
static_assert(EDGEJWT_MAX_JSON_DEPTH == kMaxJsonDepthBound && TokenLimits{}.max_token_length == EDGEJWT_DEFAULT_MAX_TOKEN_LENGTH,
              "bindings/edgejwt.h states limits the core no longer has: update it and js/core.js");

#if defined(__wasm32__)
// Hosts (js/core.js) read the result straight from linear memory at these offsets.
#define EDGEJWT_RESULT_AT(field, offset)                 \
  static_assert(offsetof(edgejwt_result, field) == offset, \
                "edgejwt_result." #field " moved in wasm32: update js/core.js")
EDGEJWT_RESULT_AT(header, 0);
EDGEJWT_RESULT_AT(header_len, 4);
EDGEJWT_RESULT_AT(payload, 8);
EDGEJWT_RESULT_AT(payload_len, 12);
EDGEJWT_RESULT_AT(output, 16);
EDGEJWT_RESULT_AT(output_len, 20);
EDGEJWT_RESULT_AT(detail, 24);
EDGEJWT_RESULT_AT(detail_len, 28);
EDGEJWT_RESULT_AT(handle, 32);
EDGEJWT_RESULT_AT(key_index, 36);
EDGEJWT_RESULT_AT(signing_input, 40);
EDGEJWT_RESULT_AT(signing_input_len, 44);
EDGEJWT_RESULT_AT(signature, 48);
EDGEJWT_RESULT_AT(signature_len, 52);
EDGEJWT_RESULT_AT(valid_from, 56);
EDGEJWT_RESULT_AT(valid_until, 64);
#undef EDGEJWT_RESULT_AT
static_assert(sizeof(edgejwt_result) == 72, "edgejwt_result grew in wasm32: update js/core.js");
#endif

struct edgejwt_context {
  HandleTable<KeyEntry> keys;
  HandleTable<VerifyPolicy> policies;
  VerifyPolicy default_policy;
  DecodedToken token;  // decoded header/payload of the latest decode or verify
  std::string output;  // the latest produced text
  PendingVerification pending;
  edgejwt_result result{};
};

namespace {

std::string_view text(const char *data, size_t size) { return {data, data ? size : 0}; }
ByteView bytes(const uint8_t *data, size_t size) { return {data, data ? size : 0}; }

void clear_result(edgejwt_context *context) {
  context->result = edgejwt_result{};
  context->token.detail.clear();
  context->token.window = TimeWindow{};
  context->output.clear();
}

// A call that decodes empties the texts first, so a failure reports none of an earlier call's.
void reset_texts(DecodedToken &token) {
  token.header_json.clear();
  token.payload.clear();
}

const uint8_t *pointer(const std::string &text) { return reinterpret_cast<const uint8_t *>(text.data()); }

// Points the result at `token` (the context's, or a pending verification's) and returns `status`.
edgejwt_status finish(edgejwt_context *context, Status status, const DecodedToken &token) {
  edgejwt_result &result = context->result;
  result.header = pointer(token.header_json);
  result.header_len = token.header_json.size();
  result.payload = pointer(token.payload);
  result.payload_len = token.payload.size();
  result.output = pointer(context->output);
  result.output_len = context->output.size();
  result.detail = pointer(token.detail);
  result.detail_len = token.detail.size();
  result.valid_from = token.window.from;
  result.valid_until = token.window.until;
  return static_cast<edgejwt_status>(status);
}

edgejwt_status finish(edgejwt_context *context, Status status) { return finish(context, status, context->token); }

edgejwt_status fail_with_detail(edgejwt_context *context, Status status, std::string_view detail) {
  context->token.detail.assign(detail.data(), detail.size());
  return finish(context, status);
}

template <typename T, typename Object>
edgejwt_status store(edgejwt_context *context, HandleTable<T> &table, Object object) {
  context->result.handle = table.add(std::make_unique<T>(std::move(object)));
  return finish(context, context->result.handle ? Status::Ok : Status::OutOfMemory);
}

// The prologue of every call that takes handles, in one place: the result cleared, then what the
// handles name looked up. A handle that names nothing of the kind asked for fails the call
// (InvalidHandle, with the argument's name as the detail); failed() is then the call's status.
class CallArguments {
 public:
  explicit CallArguments(edgejwt_context *context) : context_(context) { clear_result(context); }

  // One key (not a set).
  bool key(edgejwt_handle handle, const Key *&out) {
    const KeyEntry *entry = context_->keys.get(handle);
    out = entry ? std::get_if<Key>(entry) : nullptr;
    return out || refuse("key");
  }
  // A key or a key set, to verify with.
  bool keys(edgejwt_handle handle, VerificationKeys &out) {
    const KeyEntry *entry = context_->keys.get(handle);
    out = entry ? VerificationKeys{std::get_if<Key>(entry), std::get_if<KeySet>(entry)} : VerificationKeys{};
    return out.key || out.set || refuse("key");
  }
  // A policy; handle 0 stands for the defaults.
  bool policy(edgejwt_handle handle, const VerifyPolicy *&out) {
    out = handle == 0 ? &context_->default_policy : context_->policies.get(handle);
    return out || refuse("policy");
  }

  edgejwt_status failed() const { return status_; }

 private:
  bool refuse(const char *argument) {
    status_ = fail_with_detail(context_, Status::InvalidHandle, argument);
    return false;
  }

  edgejwt_context *context_;
  edgejwt_status status_ = EDGEJWT_OK;
};

// The core numbers its key formats and payload kinds as the ABI does; a number in range converts,
// anything else is the caller's InvalidArgument.
static_assert(static_cast<int32_t>(KeyImportFormat::Secret) == EDGEJWT_KEY_SECRET &&
              static_cast<int32_t>(KeyImportFormat::Jwk) == EDGEJWT_KEY_JWK &&
              static_cast<int32_t>(KeyImportFormat::Pem) == EDGEJWT_KEY_PEM &&
              static_cast<int32_t>(KeyImportFormat::SpkiDer) == EDGEJWT_KEY_SPKI_DER &&
              static_cast<int32_t>(KeyImportFormat::Pkcs8Der) == EDGEJWT_KEY_PKCS8_DER &&
              static_cast<int32_t>(KeyImportFormat::CertificateDer) == EDGEJWT_KEY_CERTIFICATE_DER);
static_assert(static_cast<int32_t>(KeyExportFormat::JwkPublic) == EDGEJWT_EXPORT_JWK_PUBLIC &&
              static_cast<int32_t>(KeyExportFormat::JwkPrivate) == EDGEJWT_EXPORT_JWK_PRIVATE &&
              static_cast<int32_t>(KeyExportFormat::SpkiPem) == EDGEJWT_EXPORT_SPKI_PEM &&
              static_cast<int32_t>(KeyExportFormat::Pkcs8Pem) == EDGEJWT_EXPORT_PKCS8_PEM);
static_assert(static_cast<int32_t>(PayloadKind::JwtClaims) == EDGEJWT_PAYLOAD_JWT &&
              static_cast<int32_t>(PayloadKind::Bytes) == EDGEJWT_PAYLOAD_BYTES);

template <typename Enum>
bool from_abi(int32_t value, Enum first, Enum last, Enum &out) {
  if (value < static_cast<int32_t>(first) || value > static_cast<int32_t>(last)) return false;
  out = static_cast<Enum>(value);
  return true;
}

edgejwt_status sign_with(edgejwt_context *context, edgejwt_handle key, std::string_view header, ByteView payload,
                         PayloadKind kind) {
  CallArguments call(context);
  const Key *signing_key;
  if (!call.key(key, signing_key)) return call.failed();
  reset_texts(context->token);
  const Status status =
      sign_jws(*signing_key, header, payload, kind, context->default_policy.limits, context->token, context->output);
  if (status != Status::Ok) context->output.clear();
  return finish(context, status);
}

edgejwt_status verify_with(edgejwt_context *context, edgejwt_handle key, edgejwt_handle policy, std::string_view token,
                           PayloadKind kind, double now) {
  CallArguments call(context);
  VerificationKeys keys;
  const VerifyPolicy *verify_policy;
  if (!call.keys(key, keys) || !call.policy(policy, verify_policy)) return call.failed();
  reset_texts(context->token);
  const Status status = verify_jws(keys, *verify_policy, kind, token, now, context->token);
  if (keys.set && status == Status::Ok) context->result.key_index = keys.set->source_index(context->token.key_index);
  return finish(context, status);
}

edgejwt_status decode_with(edgejwt_context *context, edgejwt_handle policy, std::string_view token,
                           Status (*decode)(std::string_view, const TokenLimits &, DecodedToken &)) {
  CallArguments call(context);
  const VerifyPolicy *limits_policy;
  if (!call.policy(policy, limits_policy)) return call.failed();
  reset_texts(context->token);
  return finish(context, decode(token, limits_policy->limits, context->token));
}

}  // namespace

extern "C" {

uint32_t edgejwt_abi_version(void) { return EDGEJWT_ABI_VERSION; }

void *edgejwt_alloc(size_t size) { return std::malloc(size ? size : 1); }
void edgejwt_free(void *pointer) { std::free(pointer); }

const char *edgejwt_status_name(edgejwt_status status) { return status_name(static_cast<Status>(status)); }
const char *edgejwt_status_message(edgejwt_status status) { return status_message(static_cast<Status>(status)); }

edgejwt_context *edgejwt_context_new(void) { return new edgejwt_context(); }
void edgejwt_context_free(edgejwt_context *context) { delete context; }
const edgejwt_result *edgejwt_context_result(const edgejwt_context *context) { return &context->result; }

edgejwt_status edgejwt_key_import(edgejwt_context *context, int32_t format, const uint8_t *data, size_t data_len,
                                  const char *alg, size_t alg_len) {
  clear_result(context);
  KeyImportFormat import_format;
  if (!from_abi(format, KeyImportFormat::Secret, KeyImportFormat::CertificateDer, import_format)) {
    return fail_with_detail(context, Status::InvalidArgument, "format");
  }
  Key key;
  if (Status status = import_key(import_format, bytes(data, data_len), text(alg, alg_len), key, context->token.detail);
      status != Status::Ok) {
    return finish(context, status);
  }
  return store(context, context->keys, std::move(key));
}

edgejwt_status edgejwt_key_import_jwks(edgejwt_context *context, const char *jwks_json, size_t jwks_len) {
  clear_result(context);
  KeySet set;
  if (Status status = KeySet::import(text(jwks_json, jwks_len), set, context->token.detail); status != Status::Ok) {
    return finish(context, status);
  }
  return store(context, context->keys, std::move(set));
}

edgejwt_status edgejwt_key_generate(edgejwt_context *context, const char *alg, size_t alg_len, uint32_t modulus_bits) {
  clear_result(context);
  Algorithm algorithm;
  if (!algorithm_from_name(text(alg, alg_len), algorithm)) return fail_with_detail(context, Status::AlgNotSupported, "alg");
  Key key;
  if (Status status = generate_key(algorithm, modulus_bits, key); status != Status::Ok) return finish(context, status);
  return store(context, context->keys, std::move(key));
}

edgejwt_status edgejwt_key_public(edgejwt_context *context, edgejwt_handle key) {
  CallArguments call(context);
  const Key *source;
  if (!call.key(key, source)) return call.failed();
  Key public_key;
  if (Status status = source->public_key(public_key); status != Status::Ok) return finish(context, status);
  return store(context, context->keys, std::move(public_key));
}

edgejwt_status edgejwt_key_export(edgejwt_context *context, edgejwt_handle key, int32_t format) {
  CallArguments call(context);
  const Key *source;
  if (!call.key(key, source)) return call.failed();
  KeyExportFormat export_format;
  if (!from_abi(format, KeyExportFormat::JwkPublic, KeyExportFormat::Pkcs8Pem, export_format)) {
    return fail_with_detail(context, Status::InvalidArgument, "format");
  }
  return finish(context, export_key(*source, export_format, context->output));
}

edgejwt_status edgejwt_key_thumbprint(edgejwt_context *context, edgejwt_handle key, uint32_t hash_bits) {
  CallArguments call(context);
  const Key *source;
  if (!call.key(key, source)) return call.failed();
  Hash hash;
  if (!hash_from_bits(hash_bits, hash)) return fail_with_detail(context, Status::InvalidArgument, "hash");
  return finish(context, jwk_thumbprint(*source, hash, context->output));
}

edgejwt_status edgejwt_key_describe(edgejwt_context *context, edgejwt_handle key) {
  CallArguments call(context);
  VerificationKeys entry;
  if (!call.keys(key, entry)) return call.failed();
  if (entry.key) describe_key(*entry.key, context->output);
  else describe_key_set(*entry.set, context->output);
  return finish(context, Status::Ok);
}

edgejwt_status edgejwt_algorithms(edgejwt_context *context) {
  clear_result(context);
  describe_algorithms(context->output);
  return finish(context, Status::Ok);
}

edgejwt_status edgejwt_key_release(edgejwt_context *context, edgejwt_handle key) {
  clear_result(context);
  return finish(context, context->keys.release(key) ? Status::Ok : Status::InvalidHandle);
}

edgejwt_status edgejwt_policy_create(edgejwt_context *context, const char *options_json, size_t options_len) {
  clear_result(context);
  VerifyPolicy policy;
  if (Status status = parse_verify_policy(text(options_json, options_len), policy, context->token.detail);
      status != Status::Ok) {
    return finish(context, status);
  }
  return store(context, context->policies, std::move(policy));
}

edgejwt_status edgejwt_policy_release(edgejwt_context *context, edgejwt_handle policy) {
  clear_result(context);
  return finish(context, context->policies.release(policy) ? Status::Ok : Status::InvalidHandle);
}

edgejwt_status edgejwt_sign(edgejwt_context *context, edgejwt_handle key, const char *header_json, size_t header_len,
                            const char *payload_json, size_t payload_len) {
  return sign_with(context, key, text(header_json, header_len), text(payload_json, payload_len), PayloadKind::JwtClaims);
}

edgejwt_status edgejwt_compact_sign(edgejwt_context *context, edgejwt_handle key, const char *header_json,
                                    size_t header_len, const uint8_t *payload, size_t payload_len) {
  return sign_with(context, key, text(header_json, header_len), bytes(payload, payload_len), PayloadKind::Bytes);
}

edgejwt_status edgejwt_verify(edgejwt_context *context, edgejwt_handle key, edgejwt_handle policy, const char *token,
                              size_t token_len, double now) {
  return verify_with(context, key, policy, text(token, token_len), PayloadKind::JwtClaims, now);
}

edgejwt_status edgejwt_compact_verify(edgejwt_context *context, edgejwt_handle key, edgejwt_handle policy,
                                      const char *token, size_t token_len) {
  return verify_with(context, key, policy, text(token, token_len), PayloadKind::Bytes, 0);
}

edgejwt_status edgejwt_verify_begin(edgejwt_context *context, edgejwt_handle key, edgejwt_handle policy,
                                    const char *token, size_t token_len) {
  CallArguments call(context);
  PendingVerification &pending = context->pending;
  pending.active = false;
  VerificationKeys keys;
  const VerifyPolicy *verify_policy;
  if (!call.keys(key, keys) || !call.policy(policy, verify_policy)) return call.failed();
  pending.token.assign(text(token, token_len));
  DecodedToken &decoded = pending.decoded;
  reset_texts(decoded);
  decoded.window = TimeWindow{};
  const Key *chosen = nullptr;
  const Status status = prepare_verification(keys, *verify_policy, pending.token, pending.parts, decoded, chosen);
  if (status != Status::Ok) return finish(context, status, decoded);
  pending.policy = policy;
  pending.active = true;
  edgejwt_result &result = context->result;
  if (keys.set) result.key_index = keys.set->source_index(decoded.key_index);
  pending.key_index = result.key_index;
  result.signing_input = reinterpret_cast<const uint8_t *>(pending.parts.signing_input.data());
  result.signing_input_len = pending.parts.signing_input.size();
  result.signature = pointer(decoded.signature);
  result.signature_len = decoded.signature.size();
  return finish(context, Status::Ok, decoded);
}

edgejwt_status edgejwt_verify_finish(edgejwt_context *context, int32_t payload_kind, int32_t signature_valid,
                                     double now) {
  PendingVerification &pending = context->pending;
  CallArguments call(context);
  if (!pending.active) return fail_with_detail(context, Status::InvalidArgument, "no verification begun");
  pending.active = false;
  const VerifyPolicy *verify_policy;
  if (!call.policy(pending.policy, verify_policy)) return call.failed();
  PayloadKind kind;
  if (!from_abi(payload_kind, PayloadKind::JwtClaims, PayloadKind::Bytes, kind)) {
    return fail_with_detail(context, Status::InvalidArgument, "payload_kind");
  }
  DecodedToken &decoded = pending.decoded;
  decoded.detail.clear();
  if (!signature_valid) return finish(context, Status::SignatureInvalid, decoded);
  context->result.key_index = pending.key_index;
  return finish(context, finish_verification(*verify_policy, kind, pending.parts, now, decoded), decoded);
}

edgejwt_status edgejwt_check_signature(edgejwt_context *context, edgejwt_handle key, const char *alg, size_t alg_len,
                                       const uint8_t *signing_input, size_t input_len, const uint8_t *signature,
                                       size_t signature_len) {
  CallArguments call(context);
  const Key *verifying_key;
  if (!call.key(key, verifying_key)) return call.failed();
  Algorithm algorithm;
  if (!algorithm_from_name(text(alg, alg_len), algorithm)) return fail_with_detail(context, Status::AlgNotSupported, "alg");
  return finish(context, check_signature(*verifying_key, algorithm, bytes(signing_input, input_len),
                                         bytes(signature, signature_len)));
}

edgejwt_status edgejwt_decode(edgejwt_context *context, edgejwt_handle policy, const char *token, size_t token_len) {
  return decode_with(context, policy, text(token, token_len), decode_jwt);
}

edgejwt_status edgejwt_decode_header(edgejwt_context *context, edgejwt_handle policy, const char *token,
                                     size_t token_len) {
  return decode_with(context, policy, text(token, token_len), decode_protected_header);
}

}  // extern "C"
