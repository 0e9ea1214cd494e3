#include "encrypt.h"

#include "../jwe/encrypt.h"
#include "cty.h"
#include "sign.h"

namespace edgejwt {

Status encrypt_jwt(const Key &key, std::string_view header_json, std::string_view claims_json,
                   const TokenLimits &limits, std::string &token, std::string &detail, const HostKeyManagement &host) {
  detail.clear();
  JsonDocument document;
  if (Status status = parse_json_object(header_json, limits.json, document); status != Status::Ok) {
    detail = "header";
    return status;
  }
  if (names_nested_jwt(document.root())) {
    detail = "cty";
    return Status::InvalidArgument;
  }
  if (Status status = parse_json_object(claims_json, limits.json, document); status != Status::Ok) {
    detail = "payload";
    return status;
  }
  return encrypt_jwe(key, header_json, claims_json, limits, host, token, detail);
}

Status sign_and_encrypt(const Key &signing_key, std::string_view jws_header_json, std::string_view claims_json,
                        const Key &encryption_key, std::string_view jwe_header_json, const TokenLimits &limits,
                        DecodedToken &scratch, std::string &token, const HostKeyManagement &host) {
  std::string header;
  if (Status status = with_nested_cty(jwe_header_json, limits.json, header, scratch.detail); status != Status::Ok) {
    return status;
  }
  std::string jws;
  if (Status status = sign_jws(signing_key, jws_header_json, claims_json, PayloadKind::JwtClaims, limits, scratch, jws);
      status != Status::Ok) {
    return status;
  }
  return encrypt_jwe(encryption_key, header, jws, limits, host, token, scratch.detail);
}

}  // namespace edgejwt
