#include "status.h"

namespace edgejwt {
namespace {

struct StatusText {
  const char *code;
  const char *message;
};

// The code name and the message of `status`, from the one status table (status.h).
StatusText text_of(Status status) {
  switch (status) {
#define EDGEJWT_STATUS_TEXT(name, value, code, message) \
  case Status::name:                                    \
    return {code, message};
    EDGEJWT_STATUS_LIST(EDGEJWT_STATUS_TEXT)
#undef EDGEJWT_STATUS_TEXT
  }
  return {"ERR_UNKNOWN", "unknown status"};
}

}  // namespace

const char *status_name(Status status) { return text_of(status).code; }
const char *status_message(Status status) { return text_of(status).message; }

}  // namespace edgejwt
