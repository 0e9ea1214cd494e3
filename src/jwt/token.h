// The decoded parts of one token. Owned by the caller and reused from call to call, so the
// buffers' capacity carries over and steady-state verification does not allocate for them.
#pragma once
#include <string>

#include "../encoding/json.h"
#include "../jws/header.h"
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

// Records which part failed and passes the status on.
inline Status fail_in(const char *part, Status status, DecodedToken &out) {
  out.detail = part;
  return status;
}

}  // namespace edgejwt
