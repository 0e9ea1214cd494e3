#include "key_management.h"

#include <algorithm>

#include "../crypto/aes_gcm.h"
#include "../crypto/aes_key_wrap.h"
#include "../crypto/random.h"
#include "../crypto/rsa_oaep.h"
#include "../encoding/base64url.h"
#include "../keys/generate.h"
#include "../keys/jwk.h"
#include "../wipe.h"
#include "key_agreement.h"
#include "pbes2.h"

namespace edgejwt {
namespace {

// The largest wrapped or encrypted CEK a key-wrapping algorithm gives back (RSA-OAEP's message may
// be longer than any CEK: it is read into this much and refused by its size).
constexpr size_t kMaxRecoveredSize = kKeyWrapMaxKeyDataSize;

// Secret bytes on the stack, wiped when they go.
template <size_t Size>
struct SecretBuffer {
  uint8_t bytes[Size] = {};
  ~SecretBuffer() { secure_wipe(bytes, Size); }
  ByteView view(size_t size) const { return ByteView(bytes, size); }
};

void append_member(std::string &members, std::string_view name, ByteView bytes) {
  members += ",\"";
  members += name;
  members += "\":\"";
  base64url_encode(bytes, members);
  members += '"';
}

const AesKey &aes_key(const Key &key) { return *key.as<AesKey>(); }

// The key-encryption key of the algorithms that wrap with AES Key Wrap after deriving it: ECDH-ES's
// agreement with `peer` (`own` the private side; Z from a host when `from_host` is not empty) or
// PBES2's password (the KEK itself from a host when `from_host` is not empty: JweDecryptionFailed
// when it is not of the KEK's size).
Status derive_kek(const Key &key, const JweHeader &header, const KeyMaterial &own, const KeyMaterial &peer,
                  ByteView from_host, uint8_t *kek) {
  const KeyManagementInfo &info = key_management_info(header.alg);
  if (info.mode == KeyManagementMode::Pbes2) {
    if (from_host.empty()) return pbes2_derive(header.alg, *key.as<Password>(), header.p2s, header.p2c, kek);
    if (from_host.size != info.kek_size) return Status::JweDecryptionFailed;
    std::copy_n(from_host.data, info.kek_size, kek);
    return Status::Ok;
  }
  if (!from_host.empty()) return ecdh_es_derive_from(own, from_host, info.name, header.apu, header.apv, info.kek_size, kek);
  return ecdh_es_derive(own, peer, info.name, header.apu, header.apv, info.kek_size, kek);
}

// --- Producing --------------------------------------------------------------------------------

// The CEK of a token whose algorithm wraps a fresh one: the chosen one or the host's (of `size`
// bytes), or random bytes.
Status fresh_cek(size_t size, ByteView chosen, SecretBytes &cek) {
  if (!chosen.empty()) {
    if (chosen.size != size) return Status::InvalidArgument;
    cek = SecretBytes(chosen);
    return Status::Ok;
  }
  SecretBuffer<kMaxContentKeySize> random;
  const Status status = random_bytes(random.bytes, size);
  cek = SecretBytes(random.view(size));
  return status;
}

Status wrap(ByteView kek, const SecretBytes &cek, std::vector<uint8_t> &wrapped) {
  wrapped.resize(cek.size() + kKeyWrapOverhead);
  return aes_key_wrap(kek, cek.view(), wrapped.data());
}

// The host's ephemeral public key and Z (HostKeyManagement) in place of the core's: the "epk" read as a
// token's is and of the recipient's curve, written as the core reads it; Z checked for its size.
Status agree_on_host(const Key &recipient, const JweHeader &header, const HostKeyManagement &host,
                     std::string_view algorithm_id, size_t key_size, uint8_t *agreed, ProducedKey &out) {
  Key epk;
  std::string ignored;
  if (import_jwk_text(host.epk_jwk, KeyUse::Encryption, {}, epk, ignored) != Status::Ok || epk.is_private() ||
      epk.family() != recipient.family()) {
    return Status::InvalidArgument;
  }
  std::string written;
  if (Status status = write_public_jwk(epk.material(), written); status != Status::Ok) return status;
  out.header_members += ",\"epk\":";
  out.header_members += written;
  const Status status =
      ecdh_es_derive_from(recipient.material(), host.secret, algorithm_id, header.apu, header.apv, key_size, agreed);
  return status == Status::JweDecryptionFailed ? Status::InvalidArgument : status;
}

// Whether `host` is what `key`'s algorithm's step makes (produce_key): the members that step
// needs, of their sizes, and no other.
bool host_fits(const Key &key, const JweHeader &header, const HostKeyManagement &host) {
  const KeyManagementInfo &info = key_management_info(header.alg);
  switch (info.mode) {
    case KeyManagementMode::EcdhEs:
    case KeyManagementMode::EcdhEsKeyWrap:
      return !host.epk_jwk.empty() && !host.secret.empty() && host.encrypted_key.empty();
    case KeyManagementMode::RsaOaep:
      // An RSA-OAEP ciphertext has a signature's form: exactly the modulus length, below n.
      return host.epk_jwk.empty() && host.secret.size == content_encryption_info(header.enc).key_size &&
             rsa_check_signature_encoding(*public_part<RsaPublicKey, RsaPrivateKey>(key.material()),
                                          host.encrypted_key) == Status::Ok;
    case KeyManagementMode::Pbes2:
      // The host derived the KEK over the header's parameters: the core never draws others.
      return host.epk_jwk.empty() && host.secret.size == info.kek_size && host.encrypted_key.empty() &&
             header.has_p2s && header.p2c != 0;
    case KeyManagementMode::Direct:
    case KeyManagementMode::AesKeyWrap:
    case KeyManagementMode::AesGcmKeyWrap:
      break;
  }
  return false;
}

// ECDH-ES from the producer's side: a fresh ephemeral key on the recipient's curve, its public
// half as "epk", and the agreed key (of key_size bytes, for `algorithm_id`); or the host's.
Status agree_as_producer(const Key &recipient, const JweHeader &header, const HostKeyManagement &host,
                         std::string_view algorithm_id, size_t key_size, uint8_t *agreed, ProducedKey &out) {
  if (!host.empty()) return agree_on_host(recipient, header, host, algorithm_id, key_size, agreed, out);
  KeyMaterial ephemeral;
  if (Status status = generate_material(recipient.family(), 0, 0, ephemeral); status != Status::Ok) return status;
  std::string epk;
  if (Status status = write_public_jwk(ephemeral, epk); status != Status::Ok) return status;
  out.header_members += ",\"epk\":";
  out.header_members += epk;
  return ecdh_es_derive(ephemeral, recipient.material(), algorithm_id, header.apu, header.apv, key_size, agreed);
}

// PBES2's parameters: those the producer's header chose, else a random salt input and the default
// count, added to the header.
Status pbes2_parameters(const JweHeader &header, JweHeader &chosen, ProducedKey &out) {
  chosen.p2s = header.p2s;
  chosen.p2c = header.p2c;
  if (!header.has_p2s) {
    chosen.p2s.resize(kDefaultPbes2SaltSize);
    if (Status status = random_bytes(chosen.p2s.data(), chosen.p2s.size()); status != Status::Ok) return status;
    append_member(out.header_members, "p2s", chosen.p2s);
  }
  if (header.p2c == 0) {
    chosen.p2c = kDefaultPbes2Count;
    out.header_members += ",\"p2c\":" + std::to_string(chosen.p2c);
  }
  return chosen.p2c < kMinProducedPbes2Count || chosen.p2c > kPbkdf2MaxIterations ? Status::InvalidArgument : Status::Ok;
}

// --- Recovering -------------------------------------------------------------------------------

// What an algorithm that wraps or encrypts the CEK gives back before its size is known to be right.
struct Unwrapped {
  Status status = Status::JweDecryptionFailed;
  SecretBuffer<kMaxRecoveredSize> cek;
  size_t size = 0;
};

void unwrap(ByteView kek, ByteView encrypted_key, Unwrapped &out) {
  if (encrypted_key.size < kKeyWrapOverhead || encrypted_key.size - kKeyWrapOverhead > kMaxRecoveredSize) return;
  out.size = encrypted_key.size - kKeyWrapOverhead;
  out.status = aes_key_unwrap(kek, encrypted_key, out.cek.bytes);
}

void unwrap_gcm(ByteView kek, const JweHeader &header, ByteView encrypted_key, Unwrapped &out) {
  if (encrypted_key.size > kMaxRecoveredSize) return;
  out.size = encrypted_key.size;
  out.status = aes_gcm_decrypt(kek, header.iv, {}, encrypted_key, header.tag, out.cek.bytes);
}

// `from_host`, when not empty, is the CEK a host decrypted with the same key: taken as the
// unwrapping's result, its size checked by select_cek as the core's own is, and only for an
// encrypted key exactly as long as the modulus (RFC 8017 §7.1.2 step 1), as the core's own
// decryption requires: hosts left-pad a shorter one, which would take a second encoding of it.
void unwrap_oaep(const Key &key, const JweHeader &header, ByteView encrypted_key, ByteView from_host, Unwrapped &out) {
  const RsaPrivateKey &private_key = *key.as<RsaPrivateKey>();
  if (from_host.empty()) {
    out.status = rsa_oaep_decrypt(key_management_info(header.alg).oaep, private_key, encrypted_key, out.cek.bytes,
                                  kMaxRecoveredSize, out.size);
    return;
  }
  if (from_host.size > kMaxRecoveredSize || encrypted_key.size != private_key.public_key.n.size()) return;
  std::copy_n(from_host.data, from_host.size, out.cek.bytes);
  out.size = from_host.size;
  out.status = Status::Ok;
}

// `cek` receives the unwrapped CEK when it unwrapped to exactly `size` bytes, else `fallback`: a
// mask picks the bytes, so no branch depends on which.
void select_cek(const Unwrapped &unwrapped, const uint8_t *fallback, size_t size, uint8_t *cek) {
  const bool good = (unwrapped.status == Status::Ok) & (unwrapped.size == size);
  const auto keep = static_cast<uint8_t>(0u - static_cast<unsigned>(good));
  for (size_t i = 0; i < size; ++i) {
    cek[i] = static_cast<uint8_t>((unwrapped.cek.bytes[i] & keep) | (fallback[i] & static_cast<uint8_t>(~keep)));
  }
}

}  // namespace

Status produce_key(const Key &key, const JweHeader &header, ByteView chosen_cek, const HostKeyManagement &host,
                   ProducedKey &out) {
  out = ProducedKey{};
  if (!key.fits(header.alg, header.enc)) return Status::InvalidArgument;
  if (!host.empty() && (!chosen_cek.empty() || !host_fits(key, header, host))) return Status::InvalidArgument;
  const KeyManagementInfo &info = key_management_info(header.alg);
  const ContentEncryptionInfo &content = content_encryption_info(header.enc);
  const bool fixed_cek = info.mode == KeyManagementMode::Direct || info.mode == KeyManagementMode::EcdhEs;
  if (fixed_cek && !chosen_cek.empty()) return Status::InvalidArgument;
  if (info.mode == KeyManagementMode::Direct) {
    out.cek = SecretBytes(aes_key(key).bytes.view());
    return Status::Ok;
  }
  if (info.mode == KeyManagementMode::EcdhEs) {
    SecretBuffer<kMaxContentKeySize> agreed;
    const Status status = agree_as_producer(key, header, host, content.name, content.key_size, agreed.bytes, out);
    out.cek = SecretBytes(agreed.view(content.key_size));
    return status;
  }
  const bool host_cek = info.mode == KeyManagementMode::RsaOaep && !host.empty();
  if (Status status = fresh_cek(content.key_size, host_cek ? host.secret : chosen_cek, out.cek); status != Status::Ok) {
    return status;
  }
  switch (info.mode) {
    case KeyManagementMode::AesKeyWrap:
      return wrap(aes_key(key).bytes.view(), out.cek, out.encrypted_key);
    case KeyManagementMode::AesGcmKeyWrap: {
      uint8_t iv[kGcmIvSize], tag[kGcmTagSize];
      if (Status status = random_bytes(iv, sizeof iv); status != Status::Ok) return status;
      out.encrypted_key.resize(out.cek.size());
      const Status status = aes_gcm_encrypt(aes_key(key).bytes.view(), ByteView(iv, sizeof iv), {}, out.cek.view(),
                                            out.encrypted_key.data(), tag);
      append_member(out.header_members, "iv", ByteView(iv, sizeof iv));
      append_member(out.header_members, "tag", ByteView(tag, sizeof tag));
      return status;
    }
    case KeyManagementMode::RsaOaep:
      if (host_cek) {
        out.encrypted_key.assign(host.encrypted_key.data, host.encrypted_key.data + host.encrypted_key.size);
        return Status::Ok;
      }
      return rsa_oaep_encrypt(info.oaep, *public_part<RsaPublicKey, RsaPrivateKey>(key.material()), out.cek.view(),
                              out.encrypted_key);
    case KeyManagementMode::EcdhEsKeyWrap: {
      SecretBuffer<kMaxContentKeySize> kek;
      if (Status status = agree_as_producer(key, header, host, info.name, info.kek_size, kek.bytes, out);
          status != Status::Ok) {
        return status;
      }
      return wrap(kek.view(info.kek_size), out.cek, out.encrypted_key);
    }
    case KeyManagementMode::Pbes2: {
      JweHeader chosen;
      chosen.alg = header.alg;
      if (Status status = pbes2_parameters(header, chosen, out); status != Status::Ok) return status;
      SecretBuffer<kMaxContentKeySize> kek;
      if (Status status = derive_kek(key, chosen, key.material(), key.material(), host.secret, kek.bytes);
          status != Status::Ok) {
        return status;
      }
      return wrap(kek.view(info.kek_size), out.cek, out.encrypted_key);
    }
    case KeyManagementMode::Direct:
    case KeyManagementMode::EcdhEs:
      break;  // handled above
  }
  return Status::AlgNotSupported;
}

Status choose_parameters(const JweHeader &header, std::string &members) {
  members.clear();
  if (key_management_info(header.alg).mode != KeyManagementMode::Pbes2) return Status::Ok;
  JweHeader chosen;
  ProducedKey produced;
  const Status status = pbes2_parameters(header, chosen, produced);
  members = std::move(produced.header_members);
  return status;
}

Status recover_cek(const Key &key, const JweHeader &header, ByteView encrypted_key, uint8_t *cek, ByteView from_host) {
  const KeyManagementInfo &info = key_management_info(header.alg);
  if (!from_host.empty() && !is_host_computed(header.alg)) return Status::InvalidArgument;
  const size_t cek_size = content_encryption_info(header.enc).key_size;
  const bool fits = key.fits(header.alg, header.enc);
  if (info.mode == KeyManagementMode::Direct || info.mode == KeyManagementMode::EcdhEs) {
    // Nothing is unwrapped, so nothing can be hidden: the CEK is the key, or the agreed key.
    if (!encrypted_key.empty() || !fits) return Status::JweDecryptionFailed;
    if (info.mode == KeyManagementMode::Direct) {
      std::copy_n(aes_key(key).bytes.view().data, cek_size, cek);
      return Status::Ok;
    }
    const std::string_view algorithm_id = content_encryption_name(header.enc);
    return from_host.empty() ? ecdh_es_derive(key.material(), header.epk.material(), algorithm_id, header.apu,
                                              header.apv, cek_size, cek)
                             : ecdh_es_derive_from(key.material(), from_host, algorithm_id, header.apu, header.apv,
                                                   cek_size, cek);
  }

  // The fallback is drawn first, whatever comes next, so that its cost never depends on the token.
  SecretBuffer<kMaxContentKeySize> fallback;
  if (Status status = random_bytes(fallback.bytes, cek_size); status != Status::Ok) return status;
  Unwrapped unwrapped;
  if (fits) {
    switch (info.mode) {
      case KeyManagementMode::AesKeyWrap:
        unwrap(aes_key(key).bytes.view(), encrypted_key, unwrapped);
        break;
      case KeyManagementMode::AesGcmKeyWrap:
        unwrap_gcm(aes_key(key).bytes.view(), header, encrypted_key, unwrapped);
        break;
      case KeyManagementMode::RsaOaep:
        unwrap_oaep(key, header, encrypted_key, from_host, unwrapped);
        break;
      case KeyManagementMode::EcdhEsKeyWrap:
      case KeyManagementMode::Pbes2: {
        SecretBuffer<kMaxContentKeySize> kek;
        const Status status = derive_kek(key, header, key.material(), header.epk.material(), from_host, kek.bytes);
        // A KEK that cannot be (a host's Z or KEK of the wrong size) unwraps nothing: the random CEK
        // decides, as for a wrong key. Other statuses are parameters the policy and header admitted.
        if (status == Status::Ok) {
          unwrap(kek.view(info.kek_size), encrypted_key, unwrapped);
        } else if (status != Status::JweDecryptionFailed) {
          return status;
        }
        break;
      }
      case KeyManagementMode::Direct:
      case KeyManagementMode::EcdhEs:
        break;  // handled above
    }
  }
  select_cek(unwrapped, fallback.bytes, cek_size, cek);
  return Status::Ok;
}

}  // namespace edgejwt
