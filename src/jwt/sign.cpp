#include "sign.h"

#include "../encoding/base64url.h"
#include "../jws/signature.h"

namespace edgejwt {

Status sign_jws(const Key &key, std::string_view header_json, ByteView payload, PayloadKind kind,
                const TokenLimits &limits, DecodedToken &scratch, std::string &token,
                const std::vector<std::string> *understood) {
  scratch.detail.clear();
  if (header_json.size() > limits.max_header_size) return Status::HeaderTooLarge;
  if (payload.size > limits.max_payload_size) return Status::PayloadTooLarge;
  Status status = parse_json_object(header_json, limits.json, scratch.header_document);
  if (status != Status::Ok) return fail_in("header", status, scratch);
  status = read_protected_header(scratch.header_document.root(), HeaderRules{understood}, scratch.header, scratch.detail);
  if (status != Status::Ok) return status;
  if (kind == PayloadKind::JwtClaims) {
    if (status = parse_json_object(payload.as_text(), limits.json, scratch.payload_document); status != Status::Ok) {
      return fail_in("payload", status, scratch);
    }
  }

  token.clear();
  base64url_encode(header_json, token);
  token.push_back('.');
  base64url_encode(payload, token);
  std::vector<uint8_t> signature;
  if (status = create_signature(key, scratch.header.alg, token, signature); status != Status::Ok) {
    return fail_in("key", status, scratch);  // the key cannot sign with the header's alg
  }
  token.push_back('.');
  base64url_encode(signature, token);
  // Never make a token that verification under the same limits would refuse.
  return token.size() > limits.max_token_length ? Status::TokenTooLarge : Status::Ok;
}

}  // namespace edgejwt
