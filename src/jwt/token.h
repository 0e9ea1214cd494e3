// The decoded parts of one token, and the steps that decode them. Verify and decode run the same
// steps, so a part decodes, and fails, the same way in both. The token is owned by the caller and
// reused from call to call, so the buffers' capacity carries over and steady-state verification
// does not allocate for them.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "../encoding/json.h"
#include "../jws/compact.h"
#include "../jws/header.h"
#include "../jws/limits.h"
#include "../status.h"
#include "claims.h"

namespace edgejwt {

struct DecodedToken {
  std::string header_json;  // the protected header exactly as decoded
  JsonDocument header_document;
  ProtectedHeader header;   // views into header_document
  std::string payload;      // the payload exactly as decoded
  JsonDocument payload_document;
  std::string signature;
  size_t key_index = 0;     // which key of a key set verified the token
  std::string detail;       // on failure: which part, member or claim, when there is one to name
  TimeWindow window;        // a verified JWT: when its time claims hold
};

// A JWT's payload is a JSON object of claims, checked after the signature; a JWS payload is
// arbitrary bytes (jose's compactVerify). Numbered as the C ABI numbers them (EDGEJWT_PAYLOAD_*).
enum class PayloadKind : uint8_t { JwtClaims = 0, Bytes = 1 };

// Records which part failed and passes the status on.
inline Status fail_in(const char *part, Status status, DecodedToken &out) {
  out.detail = part;
  return status;
}

// The first step, which clears `out.detail`: split within the length cap (JwsInvalid,
// TokenTooLarge), then the header part as a strict JSON object within its size bound ("header").
Status read_header_part(std::string_view token, const TokenLimits &limits, CompactParts &parts, DecodedToken &out);

// The signature part: canonical base64url, else Base64UrlInvalid ("signature"). Its length is the
// signature scheme's to check.
Status read_signature_part(const CompactParts &parts, const TokenLimits &limits, DecodedToken &out);

// The payload part within its size bound, and for a JWT a strict JSON object ("payload").
Status read_payload_part(const CompactParts &parts, const TokenLimits &limits, PayloadKind kind, DecodedToken &out);

}  // namespace edgejwt
