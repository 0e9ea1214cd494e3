#include "header.h"

#include <limits>
#include <tuple>

#include "../encoding/base64url.h"
#include "../jose/crit.h"
#include "../jose/header_members.h"
#include "../keys/jwk.h"

namespace edgejwt {
namespace {

Status fail(Status status, const char *member, std::string &detail) {
  detail = member;
  return status;
}

// Whether a header of `mode`, read by `reader`, may or must carry an algorithm's parameter.
enum class Presence : uint8_t { Refused, Allowed, Required };

struct Parameter {
  const char *name;
  Presence (*presence)(KeyManagementMode mode, JweHeaderReader reader);
};

bool agreement(KeyManagementMode mode) {
  return mode == KeyManagementMode::EcdhEs || mode == KeyManagementMode::EcdhEsKeyWrap;
}
// Made by the producer for the recipient: "epk" (ECDH-ES), "iv" and "tag" (AES-GCM key wrapping).
Presence made_by_producer(bool taken, JweHeaderReader reader) {
  return !taken ? Presence::Refused : reader == JweHeaderReader::Recipient ? Presence::Required : Presence::Refused;
}
Presence epk(KeyManagementMode mode, JweHeaderReader reader) { return made_by_producer(agreement(mode), reader); }
Presence gcm_parameter(KeyManagementMode mode, JweHeaderReader reader) {
  return made_by_producer(mode == KeyManagementMode::AesGcmKeyWrap, reader);
}
Presence party_info(KeyManagementMode mode, JweHeaderReader) {
  return agreement(mode) ? Presence::Allowed : Presence::Refused;
}
// The producer may choose PBES2's salt input and count, or leave them to the library.
Presence pbes2_parameter(KeyManagementMode mode, JweHeaderReader reader) {
  if (mode != KeyManagementMode::Pbes2) return Presence::Refused;
  return reader == JweHeaderReader::Recipient ? Presence::Required : Presence::Allowed;
}

constexpr Parameter kParameters[] = {
    {"epk", epk},           {"apu", party_info},      {"apv", party_info}, {"p2s", pbes2_parameter},
    {"p2c", pbes2_parameter}, {"iv", gcm_parameter}, {"tag", gcm_parameter},
};

// An optional base64url member, decoded.
Status read_bytes(const JsonValue &header, const char *name, std::vector<uint8_t> &out, std::string &detail) {
  std::string_view text;
  bool present = false;
  out.clear();
  if (Status status = read_optional_string(header, name, Status::JweInvalid, text, present, detail);
      status != Status::Ok || !present) {
    return status;
  }
  return base64url_decode(text, out) == Status::Ok ? Status::Ok : fail(Status::JweInvalid, name, detail);
}

// "epk": a public key of a curve ECDH-ES runs on, checked as any imported key is (RFC 7518 §4.6.1.1).
Status read_epk(const JsonValue &header, Key &out, std::string &detail) {
  const JsonValue *value = find_member(header, "epk");
  if (!value) return Status::Ok;
  std::string ignored;
  if (!value->IsObject() || import_jwk(*value, KeyUse::Encryption, {}, out, ignored) != Status::Ok ||
      out.is_private() || !key_management_of_family(out.family()).contains(KeyManagement::EcdhEs)) {
    return fail(Status::JweInvalid, "epk", detail);
  }
  return Status::Ok;
}

Status read_p2c(const JsonValue &header, uint32_t &out, std::string &detail) {
  out = 0;
  const JsonValue *value = find_member(header, "p2c");
  if (!value) return Status::Ok;
  if (!value->IsUint64() || value->GetUint64() == 0 || value->GetUint64() > std::numeric_limits<uint32_t>::max()) {
    return fail(Status::JweInvalid, "p2c", detail);
  }
  out = static_cast<uint32_t>(value->GetUint64());
  return Status::Ok;
}

// "alg" and "enc": strings, from the tables.
template <typename Value>
Status read_algorithm(const JsonValue &header, const char *name, bool (*from_name)(std::string_view, Value &),
                      Value &out, std::string &detail) {
  const JsonValue *value = find_member(header, name);
  if (!value || !value->IsString()) return fail(Status::JweInvalid, name, detail);
  return from_name(string_view_of(*value), out) ? Status::Ok : fail(Status::AlgNotSupported, name, detail);
}

}  // namespace

Status read_jwe_header(const JsonValue &header, const JweHeaderRules &rules, JweHeader &out, std::string &detail) {
  out = JweHeader{};  // `out` is reused from token to token: nothing may carry over
  if (Status status = read_algorithm(header, "alg", key_management_from_name, out.alg, detail); status != Status::Ok) {
    return status;
  }
  if (Status status = read_algorithm(header, "enc", content_encryption_from_name, out.enc, detail);
      status != Status::Ok) {
    return status;
  }
  // RFC 8725 §3.6 and the CRIME/BREACH family: compressed plaintext leaks its content through its
  // length, and decompression multiplies what an attacker sends.
  if (find_member(header, "zip")) return fail(Status::AlgNotSupported, "zip", detail);
  for (auto [name, target, present] : {std::tuple{"kid", &out.kid, &out.has_kid}, std::tuple{"typ", &out.typ, &out.has_typ},
                                       std::tuple{"cty", &out.cty, &out.has_cty}}) {
    if (Status status = read_optional_string(header, name, Status::JweInvalid, *target, *present, detail);
        status != Status::Ok) {
      return status;
    }
  }
  // "kid" is an opaque identifier, compared as bytes and never interpreted: only its size matters.
  if (out.kid.size() > rules.max_kid_length) return fail(Status::JweInvalid, "kid", detail);

  const KeyManagementMode mode = key_management_mode(out.alg);
  for (const Parameter &parameter : kParameters) {
    const Presence presence = parameter.presence(mode, rules.reader);
    const bool present = find_member(header, parameter.name) != nullptr;
    if ((present && presence == Presence::Refused) || (!present && presence == Presence::Required)) {
      return fail(Status::JweInvalid, parameter.name, detail);
    }
  }
  if (Status status = read_epk(header, out.epk, detail); status != Status::Ok) return status;
  for (auto [name, target] : {std::pair{"apu", &out.apu}, std::pair{"apv", &out.apv}, std::pair{"p2s", &out.p2s},
                              std::pair{"iv", &out.iv}, std::pair{"tag", &out.tag}}) {
    if (Status status = read_bytes(header, name, *target, detail); status != Status::Ok) return status;
  }
  out.has_p2s = find_member(header, "p2s") != nullptr;
  if (out.has_p2s && out.p2s.size() < kMinPbes2SaltSize) return fail(Status::JweInvalid, "p2s", detail);
  if (Status status = read_p2c(header, out.p2c, detail); status != Status::Ok) return status;
  return check_crit(header, rules.understood, detail);
}

}  // namespace edgejwt
