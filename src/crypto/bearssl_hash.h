// BearSSL's hash class for each of our hash names (internal to src/crypto/).
#pragma once
#include <bearssl_hash.h>

#include "hash.h"

namespace edgejwt {

inline const br_hash_class *bearssl_hash_class(Hash hash) {
  switch (hash) {
    case Hash::Sha256:
      return &br_sha256_vtable;
    case Hash::Sha384:
      return &br_sha384_vtable;
    case Hash::Sha512:
      return &br_sha512_vtable;
  }
  return &br_sha512_vtable;
}

}  // namespace edgejwt
