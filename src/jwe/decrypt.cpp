#include "decrypt.h"

#include <algorithm>
#include <optional>

#include "../jose/parts.h"
#include "../wipe.h"
#include "content.h"
#include "key_management.h"

namespace edgejwt {
namespace {

// The largest encrypted key any algorithm makes: RSA-OAEP's under a 4096-bit key.
constexpr size_t kMaxEncryptedKeySize = kRsaMaxModulusBits / 8;

Status fail_in(const char *part, Status status, DecryptedJwe &out) {
  out.detail = part;
  return status;
}

// Steps 1 and 2a: split within the length cap, then the header part as a strict JSON object.
Status read_header_part(std::string_view token, const TokenLimits &limits, JweParts &parts, DecryptedJwe &out) {
  out.detail.clear();
  if (Status status = split_jwe(token, limits.max_token_length, parts); status != Status::Ok) return status;
  return decode_header_part(parts.header, limits, out.header_json, out.header_document, out.detail);
}

// Step 3: the algorithms must be on the caller's allowlists (or, without one, "alg" usable with the
// key), and PBES2's count within the caller's bound.
Status check_policy(const DecryptionKeys &keys, const DecryptionPolicy &policy, DecryptedJwe &out) {
  const JweHeader &header = out.header;
  // A set has no single key to derive an allowlist from: the caller's, or each key's own.
  const bool allowed = policy.has_algorithms ? policy.algorithms.contains(header.alg)
                                             : !keys.key || keys.key->usable_key_management().contains(header.alg);
  if (!allowed) return fail_in("alg", Status::AlgNotAllowed, out);
  if (policy.has_encryptions && !policy.encryptions.contains(header.enc)) return fail_in("enc", Status::AlgNotAllowed, out);
  const uint32_t max_pbes2_count = std::min(policy.max_pbes2_count, kPbkdf2MaxIterations);
  if (key_management_mode(header.alg) == KeyManagementMode::Pbes2 && header.p2c > max_pbes2_count) {
    return fail_in("p2c", Status::JweInvalid, out);
  }
  return Status::Ok;
}

// Step 4: the given key, or the set's one key for this header.
Status choose_key(const DecryptionKeys &keys, DecryptedJwe &out, const Key *&key) {
  const JweHeader &header = out.header;
  const bool agreement = is_key_agreement(header.alg);
  out.key_index = 0;
  if (keys.key) {
    key = keys.key;
    if (Status status = key->check_key_management(JweOperation::Decrypt, header.alg); status != Status::Ok) {
      return fail_in("alg", status, out);
    }
    // The ephemeral key must be of the key's own curve: a point of another is never multiplied.
    return agreement && header.epk.family() != key->family() ? fail_in("epk", Status::JweInvalid, out) : Status::Ok;
  }
  const std::optional<KeyFamily> curve = agreement ? std::optional(header.epk.family()) : std::nullopt;
  const std::optional<std::string_view> kid = header.has_kid ? std::optional(header.kid) : std::nullopt;
  if (Status status = keys.set->select_for_decryption(header.alg, header.enc, curve, kid, out.key_index);
      status != Status::Ok) {
    return status;
  }
  key = &keys.set->key(out.key_index);
  return Status::Ok;
}

// Step 5: the binary parts, each canonical base64url and within its bound: the ciphertext no
// longer than the largest plaintext gives under the header's "enc", the others no longer than any
// algorithm makes them (longer ones are read no further, and fail as decryption does).
Status read_binary_parts(const JweParts &parts, const TokenLimits &limits, DecryptedJwe &out) {
  const size_t max_ciphertext = content_ciphertext_size(out.header.enc, limits.max_payload_size);
  if (Status status = decode_part(parts.ciphertext, max_ciphertext, Status::PayloadTooLarge, out.ciphertext);
      status != Status::Ok) {
    return fail_in("ciphertext", status, out);
  }
  const struct {
    std::string_view text;
    size_t max_size;
    std::vector<uint8_t> *out;
    const char *name;
  } small_parts[] = {{parts.encrypted_key, kMaxEncryptedKeySize, &out.encrypted_key, "encrypted_key"},
                     {parts.iv, kMaxContentIvSize, &out.iv, "iv"},
                     {parts.tag, kMaxContentTagSize, &out.tag, "tag"}};
  for (const auto &part : small_parts) {
    const Status status = decode_part(part.text, part.max_size, Status::JweDecryptionFailed, *part.out);
    if (status == Status::JweDecryptionFailed) return status;
    if (status != Status::Ok) return fail_in(part.name, Status::Base64UrlInvalid, out);
  }
  return Status::Ok;
}

// Steps 1 to 5 into `out` and `parts`, `key` the key that decrypts.
Status check_before_decrypting(const DecryptionKeys &keys, const DecryptionPolicy &policy, std::string_view token,
                               JweParts &parts, const Key *&key, DecryptedJwe &out) {
  secure_wipe(out.plaintext.data(), out.plaintext.size());  // nothing of a previous token stays
  out.plaintext.clear();
  // 1. split and 2. header: strict base64url, strict JSON object, then the members, typed.
  if (Status status = read_header_part(token, policy.limits, parts, out); status != Status::Ok) return status;
  if (Status status = read_jwe_header(out.header_document.root(), policy.header_rules(), out.header, out.detail);
      status != Status::Ok) {
    return status;
  }

  // 3. policy and 4. key.
  if (Status status = check_policy(keys, policy, out); status != Status::Ok) return status;
  if (Status status = choose_key(keys, out, key); status != Status::Ok) return status;

  // 5. the other parts.
  return read_binary_parts(parts, policy.limits, out);
}

}  // namespace

Status begin_decrypt_jwe(const DecryptionKeys &keys, const DecryptionPolicy &policy, std::string_view token,
                         DecryptedJwe &out) {
  JweParts parts;
  const Key *key = nullptr;
  return check_before_decrypting(keys, policy, token, parts, key, out);
}

Status decrypt_jwe(const DecryptionKeys &keys, const DecryptionPolicy &policy, std::string_view token,
                   DecryptedJwe &out) {
  JweParts parts;
  const Key *key = nullptr;
  if (Status status = check_before_decrypting(keys, policy, token, parts, key, out); status != Status::Ok) {
    return status;
  }

  // 6. the CEK (a random one when it cannot be recovered) and 7. the content under it, with the
  // header's base64url text as the AAD: the tag decides, and is the only thing that fails.
  uint8_t cek[kMaxContentKeySize];
  const size_t cek_size = content_encryption_info(out.header.enc).key_size;
  Status status = recover_cek(*key, out.header, out.encrypted_key, cek, keys.from_host);
  if (status == Status::Ok) {
    status = decrypt_content(out.header.enc, ByteView(cek, cek_size), out.iv, parts.header, out.ciphertext, out.tag,
                             out.plaintext);
  }
  secure_wipe(cek, sizeof cek);
  // CBC's padding lets a ciphertext within its bound hold up to 15 bytes more than the limit.
  if (status == Status::Ok && out.plaintext.size() > policy.limits.max_payload_size) {
    secure_wipe(out.plaintext.data(), out.plaintext.size());
    out.plaintext.clear();
    return fail_in("ciphertext", Status::PayloadTooLarge, out);
  }
  return status;
}

Status decode_jwe_header(std::string_view token, const TokenLimits &limits, DecryptedJwe &out) {
  JweParts parts;
  return read_header_part(token, limits, parts, out);
}

}  // namespace edgejwt
