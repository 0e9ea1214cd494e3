#include "ecdh.h"

#include <algorithm>

#include "../wipe.h"

namespace edgejwt {

Status ecdh_shared_secret(const EcPrivateKey &key, const EcPublicKey &peer, uint8_t *shared_secret) {
  const Curve curve = key.public_key.curve;
  if (peer.curve != curve) return Status::KeyInvalid;
  const size_t size = curve_size(curve);
  uint8_t product[1 + 2 * curve_size(Curve::P521)];
  const Status status = ec_multiply(curve, key.scalar.view(), ByteView(peer.point), product);
  if (status == Status::Ok) std::copy(product + 1, product + 1 + size, shared_secret);
  secure_wipe(product, sizeof product);
  return status;
}

}  // namespace edgejwt
