// The C ABI over the core: handle tables, input views and the context's result. No logic of its
// own beyond marshalling; every decision is the core's.
#include "edgejwt.h"

#include <cstddef>
#include <cstdlib>
#include <string>
#include <variant>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "../src/encoding/pem.h"
#include "../src/wipe.h"
#include "../src/keys/generate.h"
#include "../src/keys/jwk.h"
#include "../src/keys/key_set.h"
#include "../src/keys/pkix.h"
#include "../src/jwt/decode.h"
#include "../src/jwt/sign.h"
#include "../src/jwt/verify.h"
#include "../src/jws/signature.h"
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
// js/core.js reads the result at these offsets.
static_assert(offsetof(edgejwt_result, handle) == 32 && offsetof(edgejwt_result, key_index) == 36 &&
                  offsetof(edgejwt_result, signature) == 48 && offsetof(edgejwt_result, valid_from) == 56 &&
                  offsetof(edgejwt_result, valid_until) == 64,
              "edgejwt_result's wasm32 layout changed: update js/core.js");
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

const Key *single_key(const edgejwt_context *context, edgejwt_handle handle) {
  const KeyEntry *entry = context->keys.get(handle);
  return entry ? std::get_if<Key>(entry) : nullptr;
}

VerificationKeys verification_keys(const edgejwt_context *context, edgejwt_handle handle) {
  const KeyEntry *entry = context->keys.get(handle);
  if (!entry) return {};
  return {std::get_if<Key>(entry), std::get_if<KeySet>(entry)};
}

const VerifyPolicy *policy_of(const edgejwt_context *context, edgejwt_handle policy) {
  return policy == 0 ? &context->default_policy : context->policies.get(policy);
}

// Key material from any import format but JWK.
Status read_material(int32_t format, ByteView data, KeyMaterial &material) {
  switch (format) {
    case EDGEJWT_KEY_SECRET:
      material = HmacSecret{SecretBytes(data)};
      return Status::Ok;
    case EDGEJWT_KEY_PEM:
      return parse_pem(data.as_text(), material);
    case EDGEJWT_KEY_SPKI_DER:
      return parse_spki(data, material);
    case EDGEJWT_KEY_PKCS8_DER:
      return parse_pkcs8(data, material);
    case EDGEJWT_KEY_CERTIFICATE_DER:
      return parse_certificate_public_key(data, material);
    default:
      return Status::InvalidArgument;
  }
}

Status import_key(int32_t format, ByteView data, std::string_view alg, Key &key, std::string &detail) {
  if (format == EDGEJWT_KEY_JWK) return import_jwk_text(data.as_text(), alg, key, detail);
  KeyMaterial material;
  if (Status status = read_material(format, data, material); status != Status::Ok) return status;
  KeyUsage usage;
  usage.alg.assign(alg.data(), alg.size());
  return Key::create(std::move(material), std::move(usage), key);
}

// The JSON edgejwt_key_describe returns.
void describe(const KeyEntry &entry, std::string &out) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  if (const KeySet *set = std::get_if<KeySet>(&entry)) {
    writer.Key("type");
    writer.String("set");
    writer.Key("keys");
    writer.Uint64(set->size());
    writer.Key("skipped");
    writer.Uint64(set->skipped());
  } else {
    const Key &key = std::get<Key>(entry);
    static constexpr const char *kFamilies[] = {"HMAC", "RSA", "EC P-256", "EC P-384", "EC P-521", "Ed25519"};
    writer.Key("type");
    writer.String(key.is_secret() ? "secret" : key.can_sign() ? "private" : "public");
    writer.Key("family");
    writer.String(kFamilies[static_cast<unsigned>(key.family())]);
    writer.Key("algorithms");
    writer.StartArray();
    const AlgorithmSet usable = key.usable_algorithms();
    for (unsigned i = 0; i < kAlgorithmCount; ++i) {
      if (!usable.contains(static_cast<Algorithm>(i))) continue;
      const std::string_view name = algorithm_name(static_cast<Algorithm>(i));
      writer.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    }
    writer.EndArray();
    for (auto [name, value] : {std::pair{"kid", &key.usage().kid}, std::pair{"alg", &key.usage().alg},
                               std::pair{"use", &key.usage().use}}) {
      if (value->empty()) continue;
      writer.Key(name);
      writer.String(value->data(), static_cast<rapidjson::SizeType>(value->size()));
    }
  }
  writer.EndObject();
  out.assign(buffer.GetString(), buffer.GetSize());
}

Status export_key(const Key &key, int32_t format, std::string &out) {
  switch (format) {
    case EDGEJWT_EXPORT_JWK_PUBLIC:
    case EDGEJWT_EXPORT_JWK_PRIVATE:
      return export_jwk(key, format == EDGEJWT_EXPORT_JWK_PRIVATE, out);
    case EDGEJWT_EXPORT_SPKI_PEM:
    case EDGEJWT_EXPORT_PKCS8_PEM: {
      std::vector<uint8_t> der;
      const bool private_key = format == EDGEJWT_EXPORT_PKCS8_PEM;
      Status status = private_key ? write_pkcs8(key.material(), der) : write_spki(key.material(), der);
      if (status == Status::Ok) pem_encode(private_key ? "PRIVATE KEY" : "PUBLIC KEY", der, out);
      secure_wipe(der.data(), der.size());
      return status;
    }
    default:
      return Status::InvalidArgument;
  }
}

edgejwt_status sign_with(edgejwt_context *context, edgejwt_handle key, std::string_view header, ByteView payload,
                         PayloadKind kind) {
  clear_result(context);
  const Key *signing_key = single_key(context, key);
  if (!signing_key) return fail_with_detail(context, Status::InvalidHandle, "key");
  reset_texts(context->token);
  const Status status =
      sign_jws(*signing_key, header, payload, kind, context->default_policy.limits, context->token, context->output);
  if (status != Status::Ok) context->output.clear();
  return finish(context, status);
}

edgejwt_status verify_with(edgejwt_context *context, edgejwt_handle key, edgejwt_handle policy, std::string_view token,
                           PayloadKind kind, double now) {
  clear_result(context);
  const VerificationKeys keys = verification_keys(context, key);
  if (!keys.key && !keys.set) return fail_with_detail(context, Status::InvalidHandle, "key");
  const VerifyPolicy *verify_policy = policy_of(context, policy);
  if (!verify_policy) return fail_with_detail(context, Status::InvalidHandle, "policy");
  reset_texts(context->token);
  const Status status = verify_jws(keys, *verify_policy, kind, token, now, context->token);
  if (keys.set && status == Status::Ok) context->result.key_index = keys.set->source_index(context->token.key_index);
  return finish(context, status);
}

edgejwt_status decode_with(edgejwt_context *context, edgejwt_handle policy, std::string_view token,
                           Status (*decode)(std::string_view, const TokenLimits &, DecodedToken &)) {
  clear_result(context);
  const VerifyPolicy *limits_policy = policy_of(context, policy);
  if (!limits_policy) return fail_with_detail(context, Status::InvalidHandle, "policy");
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
  Key key;
  if (Status status = import_key(format, bytes(data, data_len), text(alg, alg_len), key, context->token.detail);
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
  clear_result(context);
  const Key *source = single_key(context, key);
  if (!source) return fail_with_detail(context, Status::InvalidHandle, "key");
  Key public_key;
  if (Status status = source->public_key(public_key); status != Status::Ok) return finish(context, status);
  return store(context, context->keys, std::move(public_key));
}

edgejwt_status edgejwt_key_export(edgejwt_context *context, edgejwt_handle key, int32_t format) {
  clear_result(context);
  const Key *source = single_key(context, key);
  if (!source) return fail_with_detail(context, Status::InvalidHandle, "key");
  const Status status = export_key(*source, format, context->output);
  if (status != Status::Ok) context->output.clear();
  return finish(context, status);
}

edgejwt_status edgejwt_key_thumbprint(edgejwt_context *context, edgejwt_handle key, uint32_t hash_bits) {
  clear_result(context);
  const Key *source = single_key(context, key);
  if (!source) return fail_with_detail(context, Status::InvalidHandle, "key");
  Hash hash;
  if (!hash_from_bits(hash_bits, hash)) return fail_with_detail(context, Status::InvalidArgument, "hash");
  return finish(context, jwk_thumbprint(*source, hash, context->output));
}

edgejwt_status edgejwt_key_describe(edgejwt_context *context, edgejwt_handle key) {
  clear_result(context);
  const KeyEntry *entry = context->keys.get(key);
  if (!entry) return fail_with_detail(context, Status::InvalidHandle, "key");
  describe(*entry, context->output);
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
  clear_result(context);
  PendingVerification &pending = context->pending;
  pending.active = false;
  const VerificationKeys keys = verification_keys(context, key);
  if (!keys.key && !keys.set) return fail_with_detail(context, Status::InvalidHandle, "key");
  const VerifyPolicy *verify_policy = policy_of(context, policy);
  if (!verify_policy) return fail_with_detail(context, Status::InvalidHandle, "policy");
  pending.token.assign(text(token, token_len));
  DecodedToken &decoded = pending.decoded;
  reset_texts(decoded);
  decoded.window = TimeWindow{};
  const Key *chosen = nullptr;
  Status status = prepare_verification(keys, *verify_policy, pending.token, pending.parts, decoded, chosen);
  if (status == Status::Ok) status = check_signature_encoding(*chosen, decoded.header.alg, decoded.signature);
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
  clear_result(context);
  if (!pending.active) return fail_with_detail(context, Status::InvalidArgument, "no verification begun");
  pending.active = false;
  const VerifyPolicy *verify_policy = policy_of(context, pending.policy);
  if (!verify_policy) return fail_with_detail(context, Status::InvalidHandle, "policy");
  if (payload_kind != EDGEJWT_PAYLOAD_JWT && payload_kind != EDGEJWT_PAYLOAD_BYTES) {
    return fail_with_detail(context, Status::InvalidArgument, "payload_kind");
  }
  DecodedToken &decoded = pending.decoded;
  decoded.detail.clear();
  if (!signature_valid) return finish(context, Status::SignatureInvalid, decoded);
  const PayloadKind kind = payload_kind == EDGEJWT_PAYLOAD_JWT ? PayloadKind::JwtClaims : PayloadKind::Bytes;
  context->result.key_index = pending.key_index;
  return finish(context, finish_verification(*verify_policy, kind, pending.parts, now, decoded), decoded);
}

edgejwt_status edgejwt_check_signature(edgejwt_context *context, edgejwt_handle key, const char *alg, size_t alg_len,
                                       const uint8_t *signing_input, size_t input_len, const uint8_t *signature,
                                       size_t signature_len) {
  clear_result(context);
  const Key *verifying_key = single_key(context, key);
  if (!verifying_key) return fail_with_detail(context, Status::InvalidHandle, "key");
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
