#include "status.h"

namespace edgejwt {

const char *status_name(Status status) {
  switch (status) {
#define EDGEJWT_STATUS_NAME(name, value, code, message) \
  case Status::name:                                    \
    return code;
    EDGEJWT_STATUS_LIST(EDGEJWT_STATUS_NAME)
#undef EDGEJWT_STATUS_NAME
  }
  return "ERR_UNKNOWN";
}

const char *status_message(Status status) {
  switch (status) {
#define EDGEJWT_STATUS_MESSAGE(name, value, code, message) \
  case Status::name:                                       \
    return message;
    EDGEJWT_STATUS_LIST(EDGEJWT_STATUS_MESSAGE)
#undef EDGEJWT_STATUS_MESSAGE
  }
  return "unknown status";
}

}  // namespace edgejwt
