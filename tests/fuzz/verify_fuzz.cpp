// libFuzzer target: the input is a token, handed to edgejwt as a host would. It is decoded, then
// verified with a key of every family and with a key set, under the defaults and under a policy,
// in one phase (edgejwt_verify, edgejwt_compact_verify), in two (edgejwt_verify_begin/finish, the
// host vouching for the signature so that the claims are reached however the input mutated) and in
// one call for a host (edgejwt_verify_on_host, whose held verdict must be finish's).
// The token's decoded header and payload are then signed again. The paths must agree with each
// other and with decode, a verified token's validity window must bound when it verifies, and a token
// sign makes must verify.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "harness.h"

using namespace edgejwt::fuzz;

namespace {

// 2026-11-26: the seeds' "exp" is 2100; some are expired, some not yet valid.
constexpr double kNow = 1795651200;

// Made for this harness with node:crypto, which signed the seeds in seeds/verify with them; the
// private halves were then discarded, all but the Ed25519 key's, which signs here.
constexpr std::string_view kHmacJwk =
    R"({"kty":"oct","k":"KUD4P5ugJmcBGwK4YhoIl5yG0BbkXB50-oduagzqgvUqhNNFyeYWBnCgp_hANE3kHd_av31eYKrn3zwc-ItRBw"})";
constexpr std::string_view kRsaPublicJwk =
    R"({"kty":"RSA","kid":"rsa","n":"ylo-io_9dQs5skrDPDV5KcyJeJv_KFfvY7VfabkvBzykz1XRkF2e41ZRC7x646wqTpfD3V)"
    R"(Jey4caPvOD_AzRMVs8dNHB7eOjoN48ChIyLTGVLehrPa3jdMmWND-1bEg9qsuFWgzMz8BbKvXaGFX6b5f8vzjjcutfosp5l2Zxvx)"
    R"(VhSca-5ZExqP9iBJXEK6nukPjgSaunPX-KnsF0nZJduVwwLkVNptyk6DmEdSgeokFqpGlZYkwe9Msl4zLK_51OzdG1NS0SOg3-tU)"
    R"(yto1rYtEE31dVN-aGgLV1UlBJCaT5nCDyhpj-zUAc60HEYve-XNBUl6i_Mm3VAAQHsYwVEdw","e":"AQAB"})";
constexpr std::string_view kEcPublicJwk =
    R"({"kty":"EC","kid":"ec","crv":"P-256","x":"GqFWwuTTwiI85rx8ZlbH4oZ2X3abkW8lUKFM3scK0U4","y":"KTMumUN9)"
    R"(eqVfaNanrXtCcSMuZDVtCOz--g0fEJ1_7CM"})";
constexpr std::string_view kEd25519PrivateJwk =
    R"({"kty":"OKP","kid":"ed","crv":"Ed25519","x":"foDc4h00_YQ3GWfQGVS47fXuVR08K21HlOl7zlsjjs8","d":"HW-Pa)"
    R"(3sZqH8vWkVgxB4Xo2d21DFv4IMHGmlhmigfeEo"})";

// An allowlist, claim rules, one understood extension and small limits, so that the policy's own
// checks run beside the defaults (the seeds' claims pass them).
constexpr std::string_view kPolicyJson =
    R"({"algorithms":["HS256","HS512","RS256","PS384","ES256","EdDSA"],"issuer":["edgejwt","other"],)"
    R"("audience":"a","requiredClaims":["exp","iat"],"maxTokenAge":3600,"clockTolerance":120,"crit":["ext"],)"
    R"("maxKidLength":8,"maxTokenLength":2048,"maxHeaderSize":512,"maxPayloadSize":1024,"maxJsonDepth":4,)"
    R"("maxJsonEntries":12})";

// edgejwt_sign checks the header and payload sizes, not the token's length (TokenLimits' default).
constexpr size_t kDefaultMaxTokenLength = 64 * 1024;

struct Fixture {
  KeyHandle hmac = import_key(EDGEJWT_KEY_JWK, kHmacJwk);
  KeyHandle rsa = import_key(EDGEJWT_KEY_JWK, kRsaPublicJwk);
  KeyHandle ec = import_key(EDGEJWT_KEY_JWK, kEcPublicJwk);
  KeyHandle ed25519_private = import_key(EDGEJWT_KEY_JWK, kEd25519PrivateJwk);
  KeyHandle ed25519 = made_by(edgejwt_key_public(context(), out(), ed25519_private.get()));
  KeyHandle set = import_jwks(key_set_json());
  edgejwt_handle policy = create_policy();

  Fixture() { require(hmac && rsa && ec && ed25519_private && ed25519 && set); }

  std::string key_set_json() const {
    require(edgejwt_key_export(context(), out(), ed25519.get(), EDGEJWT_EXPORT_JWK_PUBLIC) == EDGEJWT_OK);
    return R"({"keys":[)" + std::string(kRsaPublicJwk) + "," + std::string(kEcPublicJwk) + "," + output() + "]}";
  }
  static edgejwt_handle create_policy() {
    require(edgejwt_policy_create(context(), out(), kPolicyJson.data(), kPolicyJson.size()) == EDGEJWT_OK);
    return result().handle;
  }
};

// Imported once, as a host keeps its keys.
const Fixture &fixture() {
  static const Fixture keys;
  return keys;
}

// A call's status with copies of its decoded header and payload.
struct Outcome {
  edgejwt_status status;
  std::string header, payload;

  bool operator==(const Outcome &other) const {
    return status == other.status && header == other.header && payload == other.payload;
  }
};

Outcome outcome(edgejwt_status status) { return {status, header(), payload()}; }

// The one-phase and two-phase paths with one key (or set) under one policy.
void check_verification(edgejwt_handle key, edgejwt_handle policy, std::string_view token, const Outcome &decoded) {
  edgejwt_context *const c = context();
  const char *const data = token.data();
  const size_t size = token.size();
  const Outcome jwt = outcome(edgejwt_verify(c, out(), key, policy, data, size, kNow));
  const Outcome jws = outcome(edgejwt_compact_verify(c, out(), key, policy, data, size));
  if (jwt.status == EDGEJWT_OK) {
    require(decoded == jwt);
    // The window a cache answers from holds now, and verification fails once it has lapsed.
    const double from = result().valid_from, until = result().valid_until;
    require(from <= kNow && kNow < until);
    if (std::isfinite(until)) require(edgejwt_verify(c, out(), key, policy, data, size, until + 1) != EDGEJWT_OK);
    if (std::isfinite(from)) require(edgejwt_verify(c, out(), key, policy, data, size, from - 1) != EDGEJWT_OK);
  }
  if (jws.status == EDGEJWT_OK && decoded.status == EDGEJWT_OK) require(decoded == jws);

  const edgejwt_status begun = edgejwt_verify_begin(c, out(), key, policy, data, size);
  if (begun != EDGEJWT_OK) {
    // Every check before the primitive is begin's, so the one-phase calls failed the same way, and
    // nothing was begun.
    require(jwt.status == begun && jws.status == begun && result().handle == 0);
    // And so did the one-call host path, leaving the host nothing to check.
    require(edgejwt_verify_on_host(c, out(), key, policy, data, size, EDGEJWT_PAYLOAD_JWT, kNow) == begun &&
            result().signing_input_len == 0);
    return;
  }
  // The host is shown exactly the signing input: the token up to its second dot.
  const edgejwt_result &r = result();
  const edgejwt_handle as_jws = r.handle;
  const std::string_view signing_input(reinterpret_cast<const char *>(r.signing_input), r.signing_input_len);
  require(signing_input.size() < size && token.substr(0, signing_input.size()) == signing_input &&
          token[signing_input.size()] == '.');
  require(r.signature_len > 0);
  // After begin, the primitive is all that is left to fail, and only as a bad signature.
  require(jws.status == EDGEJWT_OK || status_is(jws.status, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"));
  // Two verifications pending at once, finished in the other order.
  require(edgejwt_verify_begin(c, out(), key, policy, data, size) == EDGEJWT_OK);
  const edgejwt_handle as_jwt = result().handle;
  const Outcome host_jwt = outcome(edgejwt_verify_finish(c, out(), as_jwt, EDGEJWT_PAYLOAD_JWT, 1, kNow));
  const Outcome host_jws = outcome(edgejwt_verify_finish(c, out(), as_jws, EDGEJWT_PAYLOAD_BYTES, 1, kNow));
  require(status_is(edgejwt_verify_finish(c, out(), as_jws, EDGEJWT_PAYLOAD_BYTES, 1, kNow), "ERR_INVALID_HANDLE"));
  // The one-call host path holds the verdict finish reaches when the host vouches for the signature,
  // and shows the host the same signing input.
  const size_t input_size = signing_input.size();
  require(outcome(edgejwt_verify_on_host(c, out(), key, policy, data, size, EDGEJWT_PAYLOAD_JWT, kNow)) == host_jwt &&
          result().signing_input_len == input_size);
  require(outcome(edgejwt_verify_on_host(c, out(), key, policy, data, size, EDGEJWT_PAYLOAD_BYTES, kNow)) == host_jws);
  if (jws.status == EDGEJWT_OK) {
    require(host_jws == jws && host_jwt == jwt);
  } else {
    require(jwt.status == jws.status);
  }
}

void check_signed(edgejwt_handle verifier, std::string_view header_json, std::string_view signed_payload) {
  const std::string token = output();
  const edgejwt_status status = edgejwt_compact_verify(context(), out(), verifier, 0, token.data(), token.size());
  if (token.size() > kDefaultMaxTokenLength) {
    require(status_is(status, "ERR_TOKEN_TOO_LARGE"));
    return;
  }
  // The signer's "crit" extensions are its own: a verifier accepts them only when told it understands them.
  if (status_is(status, "ERR_JWS_CRIT_NOT_UNDERSTOOD")) return;
  require(status == EDGEJWT_OK && header() == header_json && payload() == signed_payload);
}

// Signs `header_json` over `payload` as a JWT and as a JWS with each key that can sign.
void check_signing(std::string_view header_json, std::string_view payload) {
  const Fixture &keys = fixture();
  edgejwt_context *const c = context();
  for (auto [signer, verifier] : {std::pair{keys.hmac.get(), keys.hmac.get()},
                                  std::pair{keys.ed25519_private.get(), keys.ed25519.get()}}) {
    const edgejwt_status jwt =
        edgejwt_sign(c, out(), signer, 0, header_json.data(), header_json.size(), payload.data(), payload.size());
    if (jwt == EDGEJWT_OK) check_signed(verifier, header_json, payload);
    const edgejwt_status jws =
        edgejwt_compact_sign(c, out(), signer, 0, header_json.data(), header_json.size(), bytes(payload), payload.size());
    if (jws == EDGEJWT_OK) check_signed(verifier, header_json, payload);
    // A JWT is a JWS whose payload is also a JSON object.
    require(jwt != EDGEJWT_OK || jws == EDGEJWT_OK);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const Fixture &keys = fixture();
  const std::string_view token(reinterpret_cast<const char *>(data), size);
  Outcome decoded_by_default{};
  for (edgejwt_handle policy : {edgejwt_handle{0}, keys.policy}) {
    const Outcome decoded = outcome(edgejwt_decode(context(), out(), policy, token.data(), token.size()));
    if (policy == 0) decoded_by_default = decoded;
    // The header alone decodes wherever the whole token does, to the same JSON.
    const edgejwt_status header_only = edgejwt_decode_header(context(), out(), policy, token.data(), token.size());
    if (decoded.status == EDGEJWT_OK) require(header_only == EDGEJWT_OK && header() == decoded.header);
    for (const KeyHandle *key : {&keys.hmac, &keys.rsa, &keys.ec, &keys.ed25519, &keys.set}) {
      check_verification(key->get(), policy, token, decoded);
    }
  }
  // What a token decodes to, signed again; input that does not decode is split at its first dot.
  if (decoded_by_default.status == EDGEJWT_OK) {
    check_signing(decoded_by_default.header, decoded_by_default.payload);
  } else {
    const size_t dot = token.find('.');
    check_signing(token.substr(0, dot), dot == std::string_view::npos ? std::string_view() : token.substr(dot + 1));
  }
  return 0;
}
