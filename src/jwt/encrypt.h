// Producing encrypted JWTs (RFC 7519 §7.1 with a JWE) and nested ones (RFC 7519 §5.2, §11.2: signed,
// then encrypted). The claims are checked as sign checks them; the JWE layer does the rest.
#pragma once
#include <string>
#include <string_view>

#include "../jose/limits.h"
#include "../jwe/key_management.h"
#include "../keys/key.h"
#include "../status.h"
#include "token.h"

namespace edgejwt {

// A JWE whose plaintext is the claims set `claims_json` (a strict JSON object), with encrypt_jwe's
// header rules and statuses; the JSON statuses ("payload") for claims that are not an object; a
// "cty" of "JWT" in the header is InvalidArgument ("cty"): it would say the plaintext is a JWT.
// `host`: key management's costly step made by a host (encrypt_jwe), or empty.
Status encrypt_jwt(const Key &key, std::string_view header_json, std::string_view claims_json,
                   const TokenLimits &limits, std::string &token, std::string &detail, const HostKeyManagement &host = {});

// A nested JWT: the claims signed as sign_jws signs them (`jws_header_json` with `signing_key`), and
// that JWS encrypted to `encryption_key` under `jwe_header_json`, whose "cty" must be "JWT" (RFC 7519
// §5.2) and is added when absent (another value is InvalidArgument, "cty"). The inner JWS is bounded
// by `limits.max_payload_size` as the JWE's plaintext. On failure `scratch.detail` names the part.
Status sign_and_encrypt(const Key &signing_key, std::string_view jws_header_json, std::string_view claims_json,
                        const Key &encryption_key, std::string_view jwe_header_json, const TokenLimits &limits,
                        DecodedToken &scratch, std::string &token, const HostKeyManagement &host = {});

}  // namespace edgejwt
