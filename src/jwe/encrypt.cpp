#include "encrypt.h"

#include <vector>

#include "../crypto/random.h"
#include "../encoding/base64url.h"
#include "../encoding/json.h"
#include "content.h"
#include "header.h"
#include "key_management.h"

namespace edgejwt {
namespace {

Status fail(Status status, const char *part, std::string &detail) {
  detail = part;
  return status;
}

// The caller's header with the algorithm's members added before its closing brace (it has "alg"
// and "enc", so it is never empty: every added member follows a comma).
std::string complete_header(std::string_view header_json, std::string_view members) {
  const size_t close = header_json.rfind('}');
  std::string header(header_json.substr(0, close));
  header += members;
  header += header_json.substr(close);
  return header;
}

// The checks every encryption runs before key management: sizes, the header, the key's consent.
Status read_header(const Key &key, std::string_view header_json, ByteView plaintext, const TokenLimits &limits,
                   JsonDocument &document, JweHeader &header, std::string &detail) {
  detail.clear();
  if (header_json.size() > limits.max_header_size) return fail(Status::HeaderTooLarge, "header", detail);
  if (plaintext.size > limits.max_payload_size) return fail(Status::PayloadTooLarge, "plaintext", detail);
  if (Status status = parse_json_object(header_json, limits.json, document); status != Status::Ok) {
    return fail(status, "header", detail);
  }
  const JweHeaderRules rules{JweHeaderReader::Producer, nullptr, static_cast<size_t>(-1)};
  if (Status status = read_jwe_header(document.root(), rules, header, detail); status != Status::Ok) return status;
  if (Status status = key.check_key_management(JweOperation::Encrypt, header.alg); status != Status::Ok) {
    return fail(status, "alg", detail);
  }
  if (!key.fits(header.alg, header.enc)) return fail(Status::AlgNotAllowed, "enc", detail);
  return Status::Ok;
}

Status encrypt(const Key &key, std::string_view header_json, ByteView plaintext, const TokenLimits &limits,
               const ChosenRandomness &chosen, const HostKeyManagement &host, std::string &token, std::string &detail) {
  JsonDocument document;
  JweHeader header;
  if (Status status = read_header(key, header_json, plaintext, limits, document, header, detail); status != Status::Ok) {
    return status;
  }

  ProducedKey produced;
  if (Status status = produce_key(key, header, chosen.cek, host, produced); status != Status::Ok) {
    // The host's part the core refused: an agreement (for ECDH-ES, or an "epk" given), or another step's.
    if (!host.empty() && status == Status::InvalidArgument) {
      detail = is_key_agreement(header.alg) || !host.epk_jwk.empty() ? "agreement" : "host";
    }
    return status;
  }
  const std::string protected_header = complete_header(header_json, produced.header_members);
  if (protected_header.size() > limits.max_header_size) return fail(Status::HeaderTooLarge, "header", detail);

  const ContentEncryptionInfo &content = content_encryption_info(header.enc);
  std::vector<uint8_t> iv(content.iv_size);
  if (!chosen.iv.empty()) {
    if (chosen.iv.size != iv.size()) return fail(Status::InvalidArgument, "iv", detail);
    iv.assign(chosen.iv.data, chosen.iv.data + chosen.iv.size);
  } else if (Status status = random_bytes(iv.data(), iv.size()); status != Status::Ok) {
    return status;
  }

  token.clear();
  base64url_encode(protected_header, token);
  std::vector<uint8_t> ciphertext, tag;
  // The AAD is the header's base64url text, exactly as the token carries it (RFC 7516 §5.1 step 14).
  if (Status status = encrypt_content(header.enc, produced.cek.view(), iv, token, plaintext, ciphertext, tag);
      status != Status::Ok) {
    return status;
  }
  for (ByteView part : {ByteView(produced.encrypted_key), ByteView(iv), ByteView(ciphertext), ByteView(tag)}) {
    token.push_back('.');
    base64url_encode(part, token);
  }
  // Never make a token that decryption under the same limits would refuse.
  return token.size() > limits.max_token_length ? Status::TokenTooLarge : Status::Ok;
}

}  // namespace

Status encrypt_jwe(const Key &key, std::string_view header_json, ByteView plaintext, const TokenLimits &limits,
                   const ChosenRandomness &chosen, std::string &token, std::string &detail) {
  return encrypt(key, header_json, plaintext, limits, chosen, HostKeyManagement{}, token, detail);
}

Status encrypt_jwe(const Key &key, std::string_view header_json, ByteView plaintext, const TokenLimits &limits,
                   const HostKeyManagement &host, std::string &token, std::string &detail) {
  return encrypt(key, header_json, plaintext, limits, ChosenRandomness{}, host, token, detail);
}

Status begin_encryption(const Key &key, std::string_view header_json, const TokenLimits &limits, std::string &header_out,
                        std::string &detail) {
  JsonDocument document;
  JweHeader header;
  if (Status status = read_header(key, header_json, {}, limits, document, header, detail); status != Status::Ok) {
    return status;
  }
  std::string members;
  if (Status status = choose_parameters(header, members); status != Status::Ok) return status;
  header_out = complete_header(header_json, members);
  return header_out.size() > limits.max_header_size ? fail(Status::HeaderTooLarge, "header", detail) : Status::Ok;
}

Status encrypt_jwe(const Key &key, std::string_view header_json, ByteView plaintext, const TokenLimits &limits,
                   std::string &token, std::string &detail) {
  return encrypt(key, header_json, plaintext, limits, ChosenRandomness{}, HostKeyManagement{}, token, detail);
}

}  // namespace edgejwt
