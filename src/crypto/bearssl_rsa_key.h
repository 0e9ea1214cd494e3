// BearSSL's views of our RSA keys (internal to src/crypto/: it brings BearSSL's header), for the
// RSA constructions beside rsa.cpp (rsa_oaep.cpp). They point into the key's own bytes, so the key
// must outlive them.
#pragma once
#include <bearssl_rsa.h>

#include "../status.h"
#include "rsa.h"

namespace edgejwt {

// After the checks of rsa_check_public_key (its status when they fail); n and e without leading
// zeros, as BearSSL's padding code expects.
Status bearssl_rsa_public_key(const RsaPublicKey &key, br_rsa_public_key &out);
// The public checks, then the CRT parts BearSSL's private operation takes: KeyInvalid when one is
// empty or longer than BearSSL's bound on a factor.
Status bearssl_rsa_private_key(const RsaPrivateKey &key, br_rsa_private_key &out);

}  // namespace edgejwt
