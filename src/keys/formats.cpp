#include "formats.h"

#include "jwk.h"
#include "pkix.h"

namespace edgejwt {
namespace {

// Key material from any import format but JWK, which carries usage members of its own.
Status read_material(KeyImportFormat format, ByteView data, KeyMaterial &material) {
  switch (format) {
    case KeyImportFormat::Secret:
      material = HmacSecret{SecretBytes(data)};
      return Status::Ok;
    case KeyImportFormat::Pem:
      return parse_pem(data.as_text(), material);
    case KeyImportFormat::SpkiDer:
      return parse_spki(data, material);
    case KeyImportFormat::Pkcs8Der:
      return parse_pkcs8(data, material);
    case KeyImportFormat::CertificateDer:
      return parse_certificate_public_key(data, material);
    case KeyImportFormat::Jwk:
      break;
  }
  return Status::InvalidArgument;
}

}  // namespace

Status import_key(KeyImportFormat format, ByteView data, const KeyBinding &binding, std::string_view alg, Key &out,
                  std::string &detail) {
  detail.clear();
  if (format == KeyImportFormat::Jwk) return import_jwk_text(data.as_text(), binding, alg, out, detail);
  KeyMaterial material;
  if (Status status = read_material(format, data, material); status != Status::Ok) return status;
  KeyUsage usage;
  usage.alg.assign(alg.data(), alg.size());
  return binding.create(std::move(material), std::move(usage), out, detail);
}

Status import_key(KeyImportFormat format, ByteView data, KeyUse use, std::string_view alg, Key &out,
                  std::string &detail) {
  return import_key(format, data, key_binding(use), alg, out, detail);
}

Status import_key(KeyImportFormat format, ByteView data, std::string_view alg, Key &out, std::string &detail) {
  return import_key(format, data, kSignatureBinding, alg, out, detail);
}

Status export_key(const Key &key, KeyExportFormat format, std::string &out) {
  switch (format) {
    case KeyExportFormat::JwkPublic:
    case KeyExportFormat::JwkPrivate:
      return export_jwk(key, format == KeyExportFormat::JwkPrivate, out);
    case KeyExportFormat::SpkiPem:
      return write_spki_pem(key.material(), out);
    case KeyExportFormat::Pkcs8Pem:
      return write_pkcs8_pem(key.material(), out);
  }
  return Status::InvalidArgument;
}

}  // namespace edgejwt
