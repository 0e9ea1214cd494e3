// The C ABI over the core: handle tables, input views and the context's result. No logic of its
// own beyond marshalling; every decision is the core's.
#include "edgejwt.h"

#include <cstdlib>
#include <string>

#include "../src/jwt/decode.h"
#include "../src/jwt/sign.h"
#include "../src/jwt/verify.h"
#include "handle_table.h"

using namespace edgejwt;

struct edgejwt_context {
  HandleTable<Key> keys;
  HandleTable<VerifyPolicy> policies;
  VerifyPolicy default_policy;
  DecodedToken token;  // decoded header/payload of the latest decode or verify
  std::string output;  // the latest produced token
  edgejwt_result result{};
};

namespace {

std::string_view text(const char *data, size_t size) { return {data, data ? size : 0}; }

void clear_result(edgejwt_context *context) {
  context->result = edgejwt_result{};
  context->token.detail.clear();
}

edgejwt_status finish(edgejwt_context *context, Status status) {
  edgejwt_result &result = context->result;
  const DecodedToken &token = context->token;
  result.header = reinterpret_cast<const uint8_t *>(token.header_json.data());
  result.header_len = token.header_json.size();
  result.payload = reinterpret_cast<const uint8_t *>(token.payload.data());
  result.payload_len = token.payload.size();
  result.detail = reinterpret_cast<const uint8_t *>(token.detail.data());
  result.detail_len = token.detail.size();
  return static_cast<edgejwt_status>(status);
}

edgejwt_status fail_with_detail(edgejwt_context *context, Status status, std::string_view detail) {
  context->token.detail.assign(detail.data(), detail.size());
  return finish(context, status);
}

template <typename T>
edgejwt_status store(edgejwt_context *context, HandleTable<T> &table, std::unique_ptr<T> object) {
  context->result.handle = table.add(std::move(object));
  return finish(context, context->result.handle ? Status::Ok : Status::OutOfMemory);
}

const VerifyPolicy *policy_of(const edgejwt_context *context, edgejwt_handle policy) {
  return policy == 0 ? &context->default_policy : context->policies.get(policy);
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

edgejwt_status edgejwt_key_import_secret(edgejwt_context *context, const uint8_t *secret, size_t secret_len) {
  clear_result(context);
  auto key = std::make_unique<Key>();
  if (Status status = Key::import_hmac_secret(ByteView(secret, secret ? secret_len : 0), *key); status != Status::Ok) {
    return finish(context, status);
  }
  return store(context, context->keys, std::move(key));
}

edgejwt_status edgejwt_key_release(edgejwt_context *context, edgejwt_handle key) {
  clear_result(context);
  return finish(context, context->keys.release(key) ? Status::Ok : Status::InvalidHandle);
}

edgejwt_status edgejwt_policy_create(edgejwt_context *context, const char *options_json, size_t options_len) {
  clear_result(context);
  auto policy = std::make_unique<VerifyPolicy>();
  if (Status status = parse_verify_policy(text(options_json, options_len), *policy, context->token.detail);
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
  clear_result(context);
  const Key *signing_key = context->keys.get(key);
  if (!signing_key) return fail_with_detail(context, Status::InvalidHandle, "key");
  const Status status = sign_jwt(*signing_key, text(header_json, header_len), text(payload_json, payload_len),
                                 context->default_policy.limits, context->token, context->output);
  if (status == Status::Ok) {
    context->result.output = reinterpret_cast<const uint8_t *>(context->output.data());
    context->result.output_len = context->output.size();
  }
  // Signing decodes nothing: report no header or payload.
  context->token.header_json.clear();
  context->token.payload.clear();
  return finish(context, status);
}

edgejwt_status edgejwt_verify(edgejwt_context *context, edgejwt_handle key, edgejwt_handle policy, const char *token,
                              size_t token_len, double now) {
  clear_result(context);
  const Key *verifying_key = context->keys.get(key);
  if (!verifying_key) return fail_with_detail(context, Status::InvalidHandle, "key");
  const VerifyPolicy *verify_policy = policy_of(context, policy);
  if (!verify_policy) return fail_with_detail(context, Status::InvalidHandle, "policy");
  context->token.header_json.clear();
  context->token.payload.clear();
  return finish(context, verify_jwt(*verifying_key, *verify_policy, text(token, token_len), now, context->token));
}

edgejwt_status edgejwt_decode(edgejwt_context *context, edgejwt_handle policy, const char *token, size_t token_len) {
  clear_result(context);
  const VerifyPolicy *limits_policy = policy_of(context, policy);
  if (!limits_policy) return fail_with_detail(context, Status::InvalidHandle, "policy");
  context->token.header_json.clear();
  context->token.payload.clear();
  return finish(context, decode_jwt(text(token, token_len), limits_policy->limits, context->token));
}

}  // extern "C"
