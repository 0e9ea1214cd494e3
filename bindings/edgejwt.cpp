// The C ABI over the core: handle tables, input views, the ABI's numbers translated into the
// core's enums, and the context's result. No logic of its own beyond marshalling; every decision
// (formats, descriptions, the verification steps) is the core's.
#include "edgejwt.h"

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "../src/jwe/decrypt.h"
#include "../src/jwe/encrypt.h"
#include "../src/jws/signature.h"
#include "../src/jwt/decrypt.h"
#include "../src/jwt/encrypt.h"
#include "../src/jwt/decode.h"
#include "../src/jwt/select.h"
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

// A verification made by edgejwt_verify_begin, waiting for the host's verdict. It owns its copy of
// the token and all that is decoded from it, so no other call can change it; only finish (which
// consumes it) and release touch it.
struct PendingVerification {
  std::string token;  // a copy: the parts below view it, and the host's buffer is not ours to keep
  CompactParts parts;
  DecodedToken decoded;
  edgejwt_handle policy = 0;
  uint32_t key_index = 0;
};

// What a result owns behind the fields the host reads: a call writes here and points the fields at
// it, so a result changes only when it is passed to a call.
struct ResultStorage : edgejwt_result {
  ResultStorage() : edgejwt_result{} {}
  DecodedToken token;  // decoded header and payload, the failure detail, the time window
  std::string produced;  // produced text (edgejwt_result.output)
};

// Verifications finished or released are kept for the next begin (their buffers' capacity with
// them), so steady-state two-phase verification allocates nothing; this many at most.
constexpr size_t kSpareVerifications = 4;

// What edgejwt_decryption_policy_create makes: the JWE's policy and the claims' (or the inner JWS's).
struct DecryptionOptions {
  VerifyPolicy verification;
  DecryptionPolicy decryption;
};

// A context's decryption policies and their defaults, made by its first JWE call. Only the JWE
// modules make them, so a default module links neither their tables nor their destructor: the
// context owns them through a deleter the JWE call supplies.
struct DecryptionPolicies {
  HandleTable<DecryptionOptions> table;
  DecryptionOptions defaults;
};
using OwnedDecryptionPolicies = std::unique_ptr<DecryptionPolicies, void (*)(DecryptionPolicies *)>;

}  // namespace

// The limits the header states for hosts are the core's.
static_assert(EDGEJWT_MAX_JSON_DEPTH == kMaxJsonDepthBound && TokenLimits{}.max_token_length == EDGEJWT_DEFAULT_MAX_TOKEN_LENGTH,
              "bindings/edgejwt.h states limits the core no longer has: update it and js/abi.js");

#if defined(__wasm32__)
// Hosts (js/abi.js) read the result straight from linear memory at these offsets.
#define EDGEJWT_RESULT_AT(field, offset)                 \
  static_assert(offsetof(edgejwt_result, field) == offset, \
                "edgejwt_result." #field " moved in wasm32: update js/abi.js")
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
static_assert(sizeof(edgejwt_result) == 72, "edgejwt_result grew in wasm32: update js/abi.js");
#endif

struct edgejwt_context {
  HandleTable<KeyEntry> keys;
  HandleTable<VerifyPolicy> policies;
  HandleTable<PendingVerification> verifications;
  std::vector<std::unique_ptr<PendingVerification>> spare_verifications;
  VerifyPolicy default_policy;
  OwnedDecryptionPolicies decryption{nullptr, nullptr};
};

namespace {

std::string_view text(const char *data, size_t size) { return {data, data ? size : 0}; }
ByteView bytes(const uint8_t *data, size_t size) { return {data, data ? size : 0}; }

const uint8_t *pointer(const std::string &text) { return reinterpret_cast<const uint8_t *>(text.data()); }

DecryptionPolicies &decryption_policies(edgejwt_context *context) {
  if (!context->decryption) {
    context->decryption = OwnedDecryptionPolicies(new DecryptionPolicies(), [](DecryptionPolicies *made) { delete made; });
  }
  return *context->decryption;
}

ResultStorage &storage(edgejwt_result *result) { return *static_cast<ResultStorage *>(result); }

// Every call starts with its result cleared (the buffers keep their capacity for the next call).
ResultStorage &cleared(edgejwt_result *result) {
  ResultStorage &out = storage(result);
  static_cast<edgejwt_result &>(out) = edgejwt_result{};
  out.token.header_json.clear();
  out.token.payload.clear();
  out.token.detail.clear();
  out.token.window = TimeWindow{};
  out.produced.clear();
  return out;
}

// Points the result at what it holds and returns `status`.
edgejwt_status finish(ResultStorage &out, Status status) {
  out.header = pointer(out.token.header_json);
  out.header_len = out.token.header_json.size();
  out.payload = pointer(out.token.payload);
  out.payload_len = out.token.payload.size();
  out.output = pointer(out.produced);
  out.output_len = out.produced.size();
  out.detail = pointer(out.token.detail);
  out.detail_len = out.token.detail.size();
  out.valid_from = out.token.window.from;
  out.valid_until = out.token.window.until;
  return static_cast<edgejwt_status>(status);
}

// `status`, with `detail` saying what it refuses.
Status refused(ResultStorage &out, Status status, std::string_view detail) {
  out.token.detail.assign(detail.data(), detail.size());
  return status;
}

edgejwt_status fail_with_detail(ResultStorage &out, Status status, std::string_view detail) {
  return finish(out, refused(out, status, detail));
}

// `object` kept in `table`, its handle in the result.
template <typename T, typename Object>
Status kept(ResultStorage &out, HandleTable<T> &table, Object object) {
  out.handle = table.add(std::make_unique<T>(std::move(object)));
  return out.handle ? Status::Ok : Status::OutOfMemory;
}

// The prologue of every call that takes handles, in one place: the result cleared, then what the
// handles name looked up. A handle that names nothing of the kind asked for fails the call
// (InvalidHandle, with the argument's name as the detail); failed() is then the call's status.
class CallArguments {
 public:
  CallArguments(edgejwt_context *context, edgejwt_result *result) : context_(context), out_(cleared(result)) {}

  ResultStorage &out() const { return out_; }

  // One key (not a set).
  bool key(edgejwt_handle handle, const Key *&found) {
    const KeyEntry *entry = context_->keys.get(handle);
    found = entry ? std::get_if<Key>(entry) : nullptr;
    return found || refuse("key");
  }
  // A key or a key set, to verify with.
  bool keys(edgejwt_handle handle, VerificationKeys &found) {
    const KeyEntry *entry = context_->keys.get(handle);
    found = entry ? VerificationKeys{std::get_if<Key>(entry), std::get_if<KeySet>(entry)} : VerificationKeys{};
    return found.key || found.set || refuse("key");
  }
  // A policy; handle 0 stands for the defaults.
  bool policy(edgejwt_handle handle, const VerifyPolicy *&found) {
    found = handle == 0 ? &context_->default_policy : context_->policies.get(handle);
    return found || refuse("policy");
  }
  // A decryption policy; handle 0 stands for the defaults.
  bool decryption_policy(edgejwt_handle handle, const DecryptionOptions *&found) {
    DecryptionPolicies &policies = decryption_policies(context_);
    found = handle == 0 ? &policies.defaults : policies.table.get(handle);
    return found || refuse("policy");
  }
  // A begun verification, taken out of the context: the call consumes it.
  bool verification(edgejwt_handle handle, std::unique_ptr<PendingVerification> &found) {
    found = context_->verifications.take(handle);
    return found || refuse("verification");
  }

  edgejwt_status failed() const { return status_; }

 private:
  bool refuse(const char *argument) {
    status_ = fail_with_detail(out_, Status::InvalidHandle, argument);
    return false;
  }

  edgejwt_context *context_;
  ResultStorage &out_;
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
static_assert(static_cast<int32_t>(Status::SignatureInvalid) == EDGEJWT_SIGNATURE_INVALID,
              "bindings/edgejwt.h names another status for a bad signature: update it and js/abi.js");
static_assert(static_cast<int32_t>(KeyUse::Signature) == EDGEJWT_USE_SIGNATURE &&
              static_cast<int32_t>(KeyUse::Encryption) == EDGEJWT_USE_ENCRYPTION);
static_assert(static_cast<int32_t>(PayloadKind::JwtClaims) == EDGEJWT_PAYLOAD_JWT &&
              static_cast<int32_t>(PayloadKind::Bytes) == EDGEJWT_PAYLOAD_BYTES);

// A call on one key (not a set): the prologue, then `use(key, out)`, whose status it returns.
template <typename Use>
edgejwt_status with_key(edgejwt_context *context, edgejwt_result *result, edgejwt_handle handle, Use use) {
  CallArguments call(context, result);
  const Key *key;
  if (!call.key(handle, key)) return call.failed();
  return finish(call.out(), use(*key, call.out()));
}

template <typename Enum>
bool from_abi(int32_t value, Enum first, Enum last, Enum &out) {
  if (value < static_cast<int32_t>(first) || value > static_cast<int32_t>(last)) return false;
  out = static_cast<Enum>(value);
  return true;
}

// The policy declares what the signer understands ("crit": a header's crit may name only those
// extensions, as jose's sign option crit) and bounds the header and payload (its limits).
edgejwt_status sign_with(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key, edgejwt_handle policy,
                         std::string_view header, ByteView payload, PayloadKind kind) {
  CallArguments call(context, result);
  const Key *signing_key;
  const VerifyPolicy *sign_policy;
  if (!call.key(key, signing_key) || !call.policy(policy, sign_policy)) return call.failed();
  ResultStorage &out = call.out();
  const Status status =
      sign_jws(*signing_key, header, payload, kind, sign_policy->limits, out.token, out.produced, &sign_policy->crit);
  if (status != Status::Ok) out.produced.clear();
  return finish(out, status);
}

edgejwt_status verify_with(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key, edgejwt_handle policy,
                           std::string_view token, PayloadKind kind, double now) {
  CallArguments call(context, result);
  VerificationKeys keys;
  const VerifyPolicy *verify_policy;
  if (!call.keys(key, keys) || !call.policy(policy, verify_policy)) return call.failed();
  ResultStorage &out = call.out();
  const Status status = verify_jws(keys, *verify_policy, kind, token, now, out.token);
  if (keys.set && status == Status::Ok) out.key_index = keys.set->source_index(out.token.key_index);
  return finish(out, status);
}

using Decoder = Status (*)(std::string_view, const TokenLimits &, DecodedToken &);

edgejwt_status decode_with(edgejwt_context *context, edgejwt_result *result, edgejwt_handle policy,
                           std::string_view token, Decoder decode) {
  CallArguments call(context, result);
  const VerifyPolicy *limits_policy;
  if (!call.policy(policy, limits_policy)) return call.failed();
  return finish(call.out(), decode(token, limits_policy->limits, call.out().token));
}

// A verification for begin: a spare one when there is one.
std::unique_ptr<PendingVerification> new_verification(edgejwt_context *context) {
  std::vector<std::unique_ptr<PendingVerification>> &spare = context->spare_verifications;
  if (spare.empty()) return std::make_unique<PendingVerification>();
  std::unique_ptr<PendingVerification> verification = std::move(spare.back());
  spare.pop_back();
  DecodedToken &decoded = verification->decoded;
  decoded.header_json.clear();
  decoded.payload.clear();
  decoded.window = TimeWindow{};
  return verification;
}

// A verification's end: kept as a spare while there is room.
void recycle(edgejwt_context *context, std::unique_ptr<PendingVerification> verification) {
  if (context->spare_verifications.size() < kSpareVerifications) {
    context->spare_verifications.push_back(std::move(verification));
  }
}

// What a verification decoded, copied into the call's result.
void report(ResultStorage &out, const DecodedToken &decoded) {
  out.token.header_json = decoded.header_json;
  out.token.payload = decoded.payload;
  out.token.detail = decoded.detail;
  out.token.window = decoded.window;
}

// What a decryption made, copied into the call's result: the plaintext only when `status` is Ok.
edgejwt_status report_decryption(ResultStorage &out, Status status, const DecryptedJwe &jwe, std::string &detail) {
  out.token.header_json = jwe.header_json;
  if (status == Status::Ok) out.token.payload = jwe.plaintext;
  out.token.detail = std::move(detail);
  return finish(out, status);
}

// The result's own copy of a produced token, or nothing on failure.
edgejwt_status produced(ResultStorage &out, Status status) {
  if (status != Status::Ok) out.produced.clear();
  return finish(out, status);
}

// The encryptions, each with ECDH-ES's ephemeral key and agreement from a host (`host`) or without
// (empty).
edgejwt_status encrypt_with(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key, std::string_view header,
                            ByteView plaintext, PayloadKind kind, const HostKeyManagement &host) {
  CallArguments call(context, result);
  const Key *encryption_key;
  if (!call.key(key, encryption_key)) return call.failed();
  ResultStorage &out = call.out();
  const TokenLimits &limits = decryption_policies(context).defaults.decryption.limits;
  const std::string_view claims(reinterpret_cast<const char *>(plaintext.data), plaintext.size);
  const Status status = kind == PayloadKind::JwtClaims
                            ? encrypt_jwt(*encryption_key, header, claims, limits, out.produced, out.token.detail, host)
                            : encrypt_jwe(*encryption_key, header, plaintext, limits, host, out.produced, out.token.detail);
  return produced(out, status);
}

edgejwt_status encrypt_nested(edgejwt_context *context, edgejwt_result *result, edgejwt_handle signing_key,
                              std::string_view jws_header, std::string_view claims, edgejwt_handle encryption_key,
                              std::string_view jwe_header, const HostKeyManagement &host) {
  CallArguments call(context, result);
  const Key *signer;
  const Key *encrypter;
  if (!call.key(signing_key, signer) || !call.key(encryption_key, encrypter)) return call.failed();
  ResultStorage &out = call.out();
  const Status status = sign_and_encrypt(*signer, jws_header, claims, *encrypter, jwe_header,
                                         decryption_policies(context).defaults.decryption.limits, out.token, out.produced, host);
  out.token.header_json.clear();
  out.token.payload.clear();
  return produced(out, status);
}

// The encryption payload_kind names, with a host's step (encrypt_with, encrypt_nested).
edgejwt_status encrypt_kind(edgejwt_context *context, edgejwt_result *result, int32_t payload_kind,
                            edgejwt_handle signing_key, std::string_view jws_header, edgejwt_handle encryption_key,
                            std::string_view header, ByteView plaintext, const HostKeyManagement &host) {
  switch (payload_kind) {
    case EDGEJWT_PAYLOAD_BYTES:
      return encrypt_with(context, result, encryption_key, header, plaintext, PayloadKind::Bytes, host);
    case EDGEJWT_PAYLOAD_JWT:
      return encrypt_with(context, result, encryption_key, header, plaintext, PayloadKind::JwtClaims, host);
    case EDGEJWT_PAYLOAD_NESTED:
      return encrypt_nested(context, result, signing_key, jws_header,
                            std::string_view(reinterpret_cast<const char *>(plaintext.data), plaintext.size),
                            encryption_key, header, host);
    default:
      return fail_with_detail(cleared(result), Status::InvalidArgument, "payload_kind");
  }
}

// A decryption with one key (or set): the prologue, then `decrypt(keys, options, out)`, whose
// status it returns.
template <typename Decrypt>
edgejwt_status with_decryption_key(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                   edgejwt_handle policy, Decrypt decrypt) {
  CallArguments call(context, result);
  VerificationKeys keys;
  const DecryptionOptions *options;
  if (!call.keys(key, keys) || !call.decryption_policy(policy, options)) return call.failed();
  return decrypt(keys, *options, call.out());
}

// What a compact decryption (or its begin) reports: the header, the set's key, the status.
edgejwt_status report_compact(ResultStorage &out, const VerificationKeys &keys, Status status, DecryptedJwe &jwe) {
  if (keys.set && status == Status::Ok) out.key_index = keys.set->source_index(jwe.key_index);
  return report_decryption(out, status, jwe, jwe.detail);
}

// The decryptions, each with a host's secret (`from_host`: Z, the CEK or the KEK) or without (empty).
// A compact decryption, or with `outer_of_nested` a nested JWT's outer layer ("cty" checked first),
// its plaintext the inner JWS.
edgejwt_status decrypt_bytes(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                             edgejwt_handle policy, std::string_view token, ByteView from_host,
                             bool outer_of_nested = false) {
  return with_decryption_key(
      context, result, key, policy, [&](const VerificationKeys &keys, const DecryptionOptions &options, ResultStorage &out) {
        const DecryptionKeys decrypting{keys.key, keys.set, from_host};
        DecryptedJwt jwt;
        Status status;
        if (outer_of_nested) {
          status = decrypt_nested_jws(decrypting, options.decryption, token, jwt);
          jwt.jwe.detail = std::move(jwt.detail);
        } else {
          status = decrypt_jwe(decrypting, options.decryption, token, jwt.jwe);
        }
        return report_compact(out, keys, status, jwt.jwe);
      });
}

edgejwt_status decrypt_claims(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                              edgejwt_handle policy, std::string_view token, double now, ByteView from_host) {
  return with_decryption_key(
      context, result, key, policy,
      [&](const VerificationKeys &keys, const DecryptionOptions &options, ResultStorage &out) {
        DecryptedJwt jwt;
        const Status status = decrypt_jwt(DecryptionKeys{keys.key, keys.set, from_host}, options.decryption,
                                          options.verification, token, now, jwt);
        if (status == Status::Ok) {
          if (keys.set) out.key_index = keys.set->source_index(jwt.jwe.key_index);
          out.token.window = jwt.window;
        }
        return report_decryption(out, status, jwt.jwe, jwt.detail);
      });
}

edgejwt_status decrypt_nested(edgejwt_context *context, edgejwt_result *result, edgejwt_handle decryption_key,
                              edgejwt_handle verification_key, edgejwt_handle policy, std::string_view token, double now,
                              ByteView from_host) {
  CallArguments call(context, result);
  VerificationKeys decrypting;
  VerificationKeys verifying;
  const DecryptionOptions *options;
  if (!call.keys(decryption_key, decrypting) || !call.keys(verification_key, verifying) ||
      !call.decryption_policy(policy, options)) {
    return call.failed();
  }
  ResultStorage &out = call.out();
  DecryptedJwt jwt;
  const Status status = decrypt_and_verify(DecryptionKeys{decrypting.key, decrypting.set, from_host}, options->decryption,
                                           verifying, options->verification, token, now, jwt);
  out.token.header_json = jwt.jwe.header_json;
  out.token.detail = std::move(jwt.detail);
  // The inner claims once its signature held (verify_jws reads them only then), also when a claim
  // fails: edgejwt_verify reports them so, and so does a host's verification of the inner JWS.
  out.token.payload = jwt.inner.payload;
  if (status == Status::Ok) {
    out.produced = jwt.inner.header_json;
    out.token.window = jwt.window;
    if (verifying.set) out.key_index = verifying.set->source_index(jwt.inner.key_index);
  }
  return finish(out, status);
}

// Key imports into the context, each by the binding of its use (key.h): edgejwt_key_import and
// edgejwt_key_import_jwks name the signature binding, so a default module links no encryption
// binding; the _for functions (JWE modules) choose it by the use they are given.
edgejwt_status import_into(edgejwt_context *context, ResultStorage &out, int32_t format, const KeyBinding &binding,
                           ByteView data, std::string_view alg) {
  KeyImportFormat import_format;
  if (!from_abi(format, KeyImportFormat::Secret, KeyImportFormat::CertificateDer, import_format)) {
    return fail_with_detail(out, Status::InvalidArgument, "format");
  }
  Key key;
  if (Status status = import_key(import_format, data, binding, alg, key, out.token.detail); status != Status::Ok) {
    return finish(out, status);
  }
  return finish(out, kept(out, context->keys, std::move(key)));
}

edgejwt_status import_set_into(edgejwt_context *context, ResultStorage &out, const KeyBinding &binding,
                               std::string_view jwks) {
  KeySet set;
  if (Status status = KeySet::import(jwks, binding, set, out.token.detail); status != Status::Ok) {
    return finish(out, status);
  }
  return finish(out, kept(out, context->keys, std::move(set)));
}

// The curve family a JWK "crv" names, for ECDH-ES key generation.
bool curve_family(std::string_view crv, KeyFamily &out) {
  for (unsigned i = 0; i < kKeyFamilyCount; ++i) {
    const KeyFamilyInfo &family = key_family_info(static_cast<KeyFamily>(i));
    if (!family.crv.empty() && family.crv == crv) {
      out = family.family;
      return true;
    }
  }
  return false;
}

}  // namespace

extern "C" {

uint32_t edgejwt_abi_version(void) { return EDGEJWT_ABI_VERSION; }

void *edgejwt_alloc(size_t size) { return std::malloc(size ? size : 1); }
void edgejwt_free(void *pointer) { std::free(pointer); }

const char *edgejwt_status_name(edgejwt_status status) { return status_name(static_cast<Status>(status)); }
const char *edgejwt_status_message(edgejwt_status status) { return status_message(static_cast<Status>(status)); }

edgejwt_context *edgejwt_context_new(void) { return new (std::nothrow) edgejwt_context(); }
void edgejwt_context_free(edgejwt_context *context) { delete context; }

edgejwt_result *edgejwt_result_new(void) { return new (std::nothrow) ResultStorage(); }
void edgejwt_result_free(edgejwt_result *result) { delete static_cast<ResultStorage *>(result); }

edgejwt_status edgejwt_key_import(edgejwt_context *context, edgejwt_result *result, int32_t format, const uint8_t *data,
                                  size_t data_len, const char *alg, size_t alg_len) {
  return import_into(context, cleared(result), format, kSignatureBinding, bytes(data, data_len), text(alg, alg_len));
}

edgejwt_status edgejwt_key_import_jwks(edgejwt_context *context, edgejwt_result *result, const char *jwks_json,
                                       size_t jwks_len) {
  return import_set_into(context, cleared(result), kSignatureBinding, text(jwks_json, jwks_len));
}

edgejwt_status edgejwt_key_generate(edgejwt_context *context, edgejwt_result *result, const char *alg, size_t alg_len,
                                    uint32_t modulus_bits) {
  ResultStorage &out = cleared(result);
  Algorithm algorithm;
  if (!algorithm_from_name(text(alg, alg_len), algorithm)) return fail_with_detail(out, Status::AlgNotSupported, "alg");
  Key key;
  if (Status status = generate_key(algorithm, modulus_bits, key); status != Status::Ok) return finish(out, status);
  return finish(out, kept(out, context->keys, std::move(key)));
}

edgejwt_status edgejwt_key_public(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key) {
  return with_key(context, result, key, [context](const Key &source, ResultStorage &out) {
    Key public_key;
    const Status status = source.public_key(public_key);
    return status == Status::Ok ? kept(out, context->keys, std::move(public_key)) : status;
  });
}

edgejwt_status edgejwt_key_export(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                  int32_t format) {
  return with_key(context, result, key, [format](const Key &source, ResultStorage &out) {
    KeyExportFormat export_format;
    if (!from_abi(format, KeyExportFormat::JwkPublic, KeyExportFormat::Pkcs8Pem, export_format)) {
      return refused(out, Status::InvalidArgument, "format");
    }
    return export_key(source, export_format, out.produced);
  });
}

edgejwt_status edgejwt_key_thumbprint(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                      uint32_t hash_bits) {
  return with_key(context, result, key, [hash_bits](const Key &source, ResultStorage &out) {
    Hash hash;
    return hash_from_bits(hash_bits, hash) ? jwk_thumbprint(source, hash, out.produced)
                                           : refused(out, Status::InvalidArgument, "hash");
  });
}

edgejwt_status edgejwt_key_describe(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key) {
  CallArguments call(context, result);
  VerificationKeys entry;
  if (!call.keys(key, entry)) return call.failed();
  if (entry.key) describe_key(*entry.key, call.out().produced);
  else describe_key_set(*entry.set, call.out().produced);
  return finish(call.out(), Status::Ok);
}

edgejwt_status edgejwt_algorithms(edgejwt_context *, edgejwt_result *result) {
  ResultStorage &out = cleared(result);
  describe_algorithms(out.produced);
  return finish(out, Status::Ok);
}

edgejwt_status edgejwt_key_release(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key) {
  ResultStorage &out = cleared(result);
  return context->keys.release(key) ? finish(out, Status::Ok) : fail_with_detail(out, Status::InvalidHandle, "key");
}

edgejwt_status edgejwt_policy_create(edgejwt_context *context, edgejwt_result *result, const char *options_json,
                                     size_t options_len) {
  ResultStorage &out = cleared(result);
  VerifyPolicy policy;
  if (Status status = parse_verify_policy(text(options_json, options_len), policy, out.token.detail);
      status != Status::Ok) {
    return finish(out, status);
  }
  return finish(out, kept(out, context->policies, std::move(policy)));
}

edgejwt_status edgejwt_policy_release(edgejwt_context *context, edgejwt_result *result, edgejwt_handle policy) {
  ResultStorage &out = cleared(result);
  return context->policies.release(policy) ? finish(out, Status::Ok)
                                            : fail_with_detail(out, Status::InvalidHandle, "policy");
}

edgejwt_status edgejwt_sign(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                            edgejwt_handle policy, const char *header_json, size_t header_len, const char *payload_json,
                            size_t payload_len) {
  return sign_with(context, result, key, policy, text(header_json, header_len), text(payload_json, payload_len),
                   PayloadKind::JwtClaims);
}

edgejwt_status edgejwt_compact_sign(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                    edgejwt_handle policy, const char *header_json, size_t header_len,
                                    const uint8_t *payload, size_t payload_len) {
  return sign_with(context, result, key, policy, text(header_json, header_len), bytes(payload, payload_len),
                   PayloadKind::Bytes);
}

edgejwt_status edgejwt_verify(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                              edgejwt_handle policy, const char *token, size_t token_len, double now) {
  return verify_with(context, result, key, policy, text(token, token_len), PayloadKind::JwtClaims, now);
}

edgejwt_status edgejwt_compact_verify(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                      edgejwt_handle policy, const char *token, size_t token_len) {
  return verify_with(context, result, key, policy, text(token, token_len), PayloadKind::Bytes, 0);
}

edgejwt_status edgejwt_key_select(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                  const char *header_json, size_t header_len) {
  CallArguments call(context, result);
  VerificationKeys keys;
  if (!call.keys(key, keys)) return call.failed();
  ResultStorage &out = call.out();
  size_t index = 0;
  const Status status = select_key(keys, text(header_json, header_len), context->default_policy.limits, out.token, index);
  if (keys.set && status == Status::Ok) out.key_index = keys.set->source_index(index);
  return finish(out, status);
}

edgejwt_status edgejwt_verify_begin(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                    edgejwt_handle policy, const char *token, size_t token_len) {
  CallArguments call(context, result);
  VerificationKeys keys;
  const VerifyPolicy *verify_policy;
  if (!call.keys(key, keys) || !call.policy(policy, verify_policy)) return call.failed();
  ResultStorage &out = call.out();
  std::unique_ptr<PendingVerification> verification = new_verification(context);
  PendingVerification &begun = *verification;  // stays where it is when the table takes it
  begun.token.assign(text(token, token_len));
  const Key *chosen = nullptr;
  const Status status = prepare_verification(keys, *verify_policy, begun.token, begun.parts, begun.decoded, chosen);
  report(out, begun.decoded);
  if (status != Status::Ok) {
    recycle(context, std::move(verification));
    return finish(out, status);
  }
  begun.policy = policy;
  begun.key_index = keys.set ? keys.set->source_index(begun.decoded.key_index) : 0;
  out.handle = context->verifications.add(std::move(verification));
  if (!out.handle) return finish(out, Status::OutOfMemory);
  out.key_index = begun.key_index;
  out.signing_input = reinterpret_cast<const uint8_t *>(begun.parts.signing_input.data());
  out.signing_input_len = begun.parts.signing_input.size();
  out.signature = pointer(begun.decoded.signature);
  out.signature_len = begun.decoded.signature.size();
  return finish(out, Status::Ok);
}

edgejwt_status edgejwt_verify_on_host(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                      edgejwt_handle policy, const char *token, size_t token_len, int32_t payload_kind,
                                      double now) {
  CallArguments call(context, result);
  VerificationKeys keys;
  const VerifyPolicy *verify_policy;
  if (!call.keys(key, keys) || !call.policy(policy, verify_policy)) return call.failed();
  ResultStorage &out = call.out();
  PayloadKind kind;
  if (!from_abi(payload_kind, PayloadKind::JwtClaims, PayloadKind::Bytes, kind)) {
    return fail_with_detail(out, Status::InvalidArgument, "payload_kind");
  }
  CompactParts parts;
  const Key *chosen = nullptr;
  if (Status status = prepare_verification(keys, *verify_policy, text(token, token_len), parts, out.token, chosen);
      status != Status::Ok) {
    return finish(out, status);
  }
  // Every check after the primitive, held: its verdict stands only once the host's holds.
  const edgejwt_status held = finish(out, finish_verification(*verify_policy, kind, parts, now, out.token));
  out.key_index = keys.set ? keys.set->source_index(out.token.key_index) : 0;
  out.signing_input = reinterpret_cast<const uint8_t *>(parts.signing_input.data());
  out.signing_input_len = parts.signing_input.size();
  out.signature = pointer(out.token.signature);
  out.signature_len = out.token.signature.size();
  return held;
}

edgejwt_status edgejwt_verify_finish(edgejwt_context *context, edgejwt_result *result, edgejwt_handle verification,
                                     int32_t payload_kind, int32_t signature_valid, double now) {
  CallArguments call(context, result);
  std::unique_ptr<PendingVerification> begun;
  if (!call.verification(verification, begun)) return call.failed();
  ResultStorage &out = call.out();
  const VerifyPolicy *verify_policy;
  PayloadKind kind;
  Status status;
  if (!call.policy(begun->policy, verify_policy)) {
    status = static_cast<Status>(call.failed());
  } else if (!from_abi(payload_kind, PayloadKind::JwtClaims, PayloadKind::Bytes, kind)) {
    begun->decoded.detail = "payload_kind";
    status = Status::InvalidArgument;
  } else if (!signature_valid) {
    begun->decoded.detail.clear();
    status = Status::SignatureInvalid;
  } else {
    status = finish_verification(*verify_policy, kind, begun->parts, now, begun->decoded);
    if (status == Status::Ok) out.key_index = begun->key_index;
  }
  if (status != Status::InvalidHandle) report(out, begun->decoded);
  recycle(context, std::move(begun));
  return finish(out, status);
}

edgejwt_status edgejwt_verification_release(edgejwt_context *context, edgejwt_result *result,
                                            edgejwt_handle verification) {
  CallArguments call(context, result);
  std::unique_ptr<PendingVerification> begun;
  if (!call.verification(verification, begun)) return call.failed();
  recycle(context, std::move(begun));
  return finish(call.out(), Status::Ok);
}

edgejwt_status edgejwt_check_signature(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                       const char *alg, size_t alg_len, const uint8_t *signing_input, size_t input_len,
                                       const uint8_t *signature, size_t signature_len) {
  return with_key(context, result, key, [&](const Key &verifying_key, ResultStorage &out) {
    Algorithm algorithm;
    if (!algorithm_from_name(text(alg, alg_len), algorithm)) return refused(out, Status::AlgNotSupported, "alg");
    return check_signature(verifying_key, algorithm, bytes(signing_input, input_len), bytes(signature, signature_len));
  });
}

edgejwt_status edgejwt_decode(edgejwt_context *context, edgejwt_result *result, edgejwt_handle policy,
                              const char *token, size_t token_len) {
  return decode_with(context, result, policy, text(token, token_len), decode_jwt);
}

edgejwt_status edgejwt_decode_header(edgejwt_context *context, edgejwt_result *result, edgejwt_handle policy,
                                     const char *token, size_t token_len) {
  return decode_with(context, result, policy, text(token, token_len), decode_protected_header);
}

edgejwt_status edgejwt_decode_payload(edgejwt_context *context, edgejwt_result *result, edgejwt_handle policy,
                                      const char *token, size_t token_len) {
  return decode_with(context, result, policy, text(token, token_len), decode_jwt_payload);
}

edgejwt_status edgejwt_key_import_for(edgejwt_context *context, edgejwt_result *result, int32_t format, int32_t use,
                                      const uint8_t *data, size_t data_len, const char *alg, size_t alg_len) {
  ResultStorage &out = cleared(result);
  KeyUse key_use;
  if (!from_abi(use, KeyUse::Signature, KeyUse::Encryption, key_use)) {
    return fail_with_detail(out, Status::InvalidArgument, "use");
  }
  return import_into(context, out, format, key_binding(key_use), bytes(data, data_len), text(alg, alg_len));
}

edgejwt_status edgejwt_key_import_jwks_for(edgejwt_context *context, edgejwt_result *result, int32_t use,
                                           const char *jwks_json, size_t jwks_len) {
  ResultStorage &out = cleared(result);
  KeyUse key_use;
  if (!from_abi(use, KeyUse::Signature, KeyUse::Encryption, key_use)) {
    return fail_with_detail(out, Status::InvalidArgument, "use");
  }
  return import_set_into(context, out, key_binding(key_use), text(jwks_json, jwks_len));
}

edgejwt_status edgejwt_key_generate_for_encryption(edgejwt_context *context, edgejwt_result *result, const char *alg,
                                                   size_t alg_len, const char *crv, size_t crv_len,
                                                   uint32_t modulus_bits) {
  ResultStorage &out = cleared(result);
  const std::string_view name = text(alg, alg_len);
  const std::string_view curve = text(crv, crv_len);
  Key key;
  Status status;
  KeyManagement management;
  ContentEncryption content;
  if (content_encryption_from_name(name, content)) {
    if (!curve.empty() || modulus_bits != 0) return fail_with_detail(out, Status::InvalidArgument, "options");
    status = generate_content_key(content, key);
  } else if (key_management_from_name(name, management)) {
    EncryptionKeyOptions options;
    options.modulus_bits = modulus_bits;
    if (!curve.empty()) {
      KeyFamily family;
      if (!curve_family(curve, family)) return fail_with_detail(out, Status::KeyUnsupported, "crv");
      options.curve = family;
    }
    status = generate_encryption_key(management, options, key);
  } else {
    return fail_with_detail(out, Status::AlgNotSupported, "alg");
  }
  if (status != Status::Ok) return finish(out, status);
  return finish(out, kept(out, context->keys, std::move(key)));
}

edgejwt_status edgejwt_encryption_algorithms(edgejwt_context *, edgejwt_result *result) {
  ResultStorage &out = cleared(result);
  describe_encryption_algorithms(out.produced);
  return finish(out, Status::Ok);
}

edgejwt_status edgejwt_decryption_policy_create(edgejwt_context *context, edgejwt_result *result,
                                                const char *options_json, size_t options_len) {
  ResultStorage &out = cleared(result);
  DecryptionOptions options;
  if (Status status = parse_decryption_options(text(options_json, options_len), options.verification,
                                               options.decryption, out.token.detail);
      status != Status::Ok) {
    return finish(out, status);
  }
  return finish(out, kept(out, decryption_policies(context).table, std::move(options)));
}

edgejwt_status edgejwt_decryption_policy_release(edgejwt_context *context, edgejwt_result *result,
                                                 edgejwt_handle policy) {
  ResultStorage &out = cleared(result);
  return decryption_policies(context).table.release(policy) ? finish(out, Status::Ok)
                                                      : fail_with_detail(out, Status::InvalidHandle, "policy");
}

edgejwt_status edgejwt_compact_encrypt(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                       const char *header_json, size_t header_len, const uint8_t *plaintext,
                                       size_t plaintext_len) {
  return encrypt_with(context, result, key, text(header_json, header_len), bytes(plaintext, plaintext_len),
                      PayloadKind::Bytes, {});
}

edgejwt_status edgejwt_encrypt(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                               const char *header_json, size_t header_len, const char *claims_json,
                               size_t claims_len) {
  return encrypt_with(context, result, key, text(header_json, header_len),
                      bytes(reinterpret_cast<const uint8_t *>(claims_json), claims_len), PayloadKind::JwtClaims, {});
}

edgejwt_status edgejwt_sign_and_encrypt(edgejwt_context *context, edgejwt_result *result, edgejwt_handle signing_key,
                                        const char *jws_header_json, size_t jws_header_len, const char *claims_json,
                                        size_t claims_len, edgejwt_handle encryption_key,
                                        const char *jwe_header_json, size_t jwe_header_len) {
  return encrypt_nested(context, result, signing_key, text(jws_header_json, jws_header_len), text(claims_json, claims_len),
                        encryption_key, text(jwe_header_json, jwe_header_len), {});
}

edgejwt_status edgejwt_encrypt_agreed(edgejwt_context *context, edgejwt_result *result, int32_t payload_kind,
                                      edgejwt_handle signing_key, const char *jws_header_json, size_t jws_header_len,
                                      edgejwt_handle encryption_key, const char *header_json, size_t header_len,
                                      const uint8_t *plaintext, size_t plaintext_len, const char *epk_json,
                                      size_t epk_len, const uint8_t *agreement, size_t agreement_len) {
  const HostKeyManagement host{text(epk_json, epk_len), bytes(agreement, agreement_len), {}};
  if (host.epk_jwk.empty() || host.secret.empty()) {
    return fail_with_detail(cleared(result), Status::InvalidArgument, "agreement");
  }
  return encrypt_kind(context, result, payload_kind, signing_key, text(jws_header_json, jws_header_len), encryption_key,
                      text(header_json, header_len), bytes(plaintext, plaintext_len), host);
}

edgejwt_status edgejwt_encrypt_begin(edgejwt_context *context, edgejwt_result *result, edgejwt_handle encryption_key,
                                     const char *header_json, size_t header_len) {
  CallArguments call(context, result);
  const Key *key;
  if (!call.key(encryption_key, key)) return call.failed();
  ResultStorage &out = call.out();
  const Status status = begin_encryption(*key, text(header_json, header_len),
                                         decryption_policies(context).defaults.decryption.limits, out.produced, out.token.detail);
  return produced(out, status);
}

edgejwt_status edgejwt_encrypt_hosted(edgejwt_context *context, edgejwt_result *result, int32_t payload_kind,
                                      edgejwt_handle signing_key, const char *jws_header_json, size_t jws_header_len,
                                      edgejwt_handle encryption_key, const char *header_json, size_t header_len,
                                      const uint8_t *plaintext, size_t plaintext_len, const uint8_t *secret,
                                      size_t secret_len, const uint8_t *encrypted_key, size_t encrypted_key_len) {
  // The epk is ECDH-ES's: left empty, so an agreement can never come this way.
  const HostKeyManagement host{{}, bytes(secret, secret_len), bytes(encrypted_key, encrypted_key_len)};
  if (host.secret.empty()) return fail_with_detail(cleared(result), Status::InvalidArgument, "host");
  return encrypt_kind(context, result, payload_kind, signing_key, text(jws_header_json, jws_header_len), encryption_key,
                      text(header_json, header_len), bytes(plaintext, plaintext_len), host);
}

edgejwt_status edgejwt_compact_decrypt(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                       edgejwt_handle policy, const char *token, size_t token_len) {
  return decrypt_bytes(context, result, key, policy, text(token, token_len), {});
}

edgejwt_status edgejwt_decrypt(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                               edgejwt_handle policy, const char *token, size_t token_len, double now) {
  return decrypt_claims(context, result, key, policy, text(token, token_len), now, {});
}

edgejwt_status edgejwt_decrypt_and_verify(edgejwt_context *context, edgejwt_result *result,
                                          edgejwt_handle decryption_key, edgejwt_handle verification_key,
                                          edgejwt_handle policy, const char *token, size_t token_len, double now) {
  return decrypt_nested(context, result, decryption_key, verification_key, policy, text(token, token_len), now, {});
}

edgejwt_status edgejwt_decrypt_nested_jws(edgejwt_context *context, edgejwt_result *result,
                                          edgejwt_handle decryption_key, edgejwt_handle policy, const char *token,
                                          size_t token_len) {
  return decrypt_bytes(context, result, decryption_key, policy, text(token, token_len), {}, true);
}

edgejwt_status edgejwt_decrypt_begin(edgejwt_context *context, edgejwt_result *result, edgejwt_handle key,
                                     edgejwt_handle policy, const char *token, size_t token_len) {
  return with_decryption_key(context, result, key, policy,
                             [&](const VerificationKeys &keys, const DecryptionOptions &options, ResultStorage &out) {
                               DecryptedJwe jwe;
                               const Status status = begin_decrypt_jwe(DecryptionKeys{keys.key, keys.set},
                                                                       options.decryption, text(token, token_len), jwe);
                               return report_compact(out, keys, status, jwe);
                             });
}

edgejwt_status edgejwt_decrypt_agreed(edgejwt_context *context, edgejwt_result *result, int32_t payload_kind,
                                      edgejwt_handle decryption_key, edgejwt_handle verification_key,
                                      edgejwt_handle policy, const char *token, size_t token_len, double now,
                                      const uint8_t *host_secret, size_t host_secret_len) {
  const ByteView from_host = bytes(host_secret, host_secret_len);
  const std::string_view token_text = text(token, token_len);
  if (from_host.empty()) return fail_with_detail(cleared(result), Status::InvalidArgument, "host_secret");
  switch (payload_kind) {
    case EDGEJWT_PAYLOAD_BYTES:
      return decrypt_bytes(context, result, decryption_key, policy, token_text, from_host);
    case EDGEJWT_PAYLOAD_JWT:
      return decrypt_claims(context, result, decryption_key, policy, token_text, now, from_host);
    case EDGEJWT_PAYLOAD_NESTED:
      return decrypt_nested(context, result, decryption_key, verification_key, policy, token_text, now, from_host);
    case EDGEJWT_PAYLOAD_NESTED_JWS:
      return decrypt_bytes(context, result, decryption_key, policy, token_text, from_host, true);
    default:
      return fail_with_detail(cleared(result), Status::InvalidArgument, "payload_kind");
  }
}

edgejwt_status edgejwt_decode_jwe_header(edgejwt_context *context, edgejwt_result *result, edgejwt_handle policy,
                                         const char *token, size_t token_len) {
  CallArguments call(context, result);
  const DecryptionOptions *options;
  if (!call.decryption_policy(policy, options)) return call.failed();
  ResultStorage &out = call.out();
  DecryptedJwe jwe;
  const Status status = decode_jwe_header(text(token, token_len), options->decryption.limits, jwe);
  return report_decryption(out, status, jwe, jwe.detail);
}

}  // extern "C"
